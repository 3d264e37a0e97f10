package dev.rallypoint.leaderboard.wins;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.BoardSettings;
import dev.rallypoint.leaderboard.board.Boards;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.board.Periods;
import dev.rallypoint.leaderboard.matches.FinishedMatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Adds one finished match to the wins board with count-win.lua, at most once per matchId: a win
 * for its winner, or in a mode with teams for each player of the winner's team.
 */
@ApplicationScoped
public class WinCounter {

    private static final Logger LOG = Logger.getLogger(WinCounter.class);
    private static final LuaScript COUNT = LuaScript.load("lua/leaderboard/count-win.lua");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PipelinedRedis redis;
    private final Boards boards;
    private final Periods periods;
    private final Duration dedupe;
    private final ObjectMapper json;

    WinCounter(PipelinedRedis redis, Boards boards, Periods periods, LeaderboardConfig config, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
        this.boards = boards;
        this.periods = periods;
        this.dedupe = config.matches().dedupe();
    }

    /** Counts the entry; a malformed one (no matchId) is logged and skipped, since retrying cannot mend it. */
    public void count(String entryId, Map<String, String> fields) {
        FinishedMatch match = FinishedMatch.read(entryId, fields, json);
        if (match.matchId().isBlank()) {
            LOG.warnf("Match entry %s has no matchId; skipped", entryId);
            return;
        }
        BoardSettings settings = boards.settings(Boards.WINS);
        BoardKeys keys = new BoardKeys(Boards.WINS, periods.current(settings.reset()));
        String marker = "lb:{" + Boards.WINS + "}:match:" + match.matchId();
        COUNT.run(redis, List.of(keys.scores(), keys.ties(), marker), List.of(FinishedMatch.json(json, match.winners()),
                        Long.toString(periods.expiresAt(settings.reset())), Long.toString(dedupe.toMillis())))
                .await().atMost(TIMEOUT);
    }
}
