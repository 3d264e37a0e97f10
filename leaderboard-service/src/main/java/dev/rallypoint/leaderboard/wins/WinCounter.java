package dev.rallypoint.leaderboard.wins;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.BoardSettings;
import dev.rallypoint.leaderboard.board.Boards;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.board.Periods;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Adds one finished match to the wins board with count-win.lua, at most once per matchId. */
@ApplicationScoped
public class WinCounter {

    private static final Logger LOG = Logger.getLogger(WinCounter.class);
    private static final LuaScript COUNT = LuaScript.load("lua/leaderboard/count-win.lua");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PipelinedRedis redis;
    private final Boards boards;
    private final Periods periods;
    private final Duration dedupe;

    WinCounter(PipelinedRedis redis, Boards boards, Periods periods, LeaderboardConfig config) {
        this.redis = redis;
        this.boards = boards;
        this.periods = periods;
        this.dedupe = config.matches().dedupe();
    }

    /** Counts the entry; a malformed one (no matchId) is logged and skipped, since retrying cannot mend it. */
    public void count(String entryId, Map<String, String> fields) {
        String matchId = fields.get("matchId");
        if (matchId == null || matchId.isBlank()) {
            LOG.warnf("Match entry %s has no matchId; skipped", entryId);
            return;
        }
        String winner = fields.getOrDefault("winner", "");
        BoardSettings settings = boards.settings(Boards.WINS);
        BoardKeys keys = new BoardKeys(Boards.WINS, periods.current(settings.reset()));
        String marker = "lb:{" + Boards.WINS + "}:match:" + matchId;
        COUNT.run(redis, List.of(keys.scores(), keys.ties(), marker), List.of(winner.strip(),
                        Long.toString(periods.expiresAt(settings.reset())), Long.toString(dedupe.toMillis())))
                .await().atMost(TIMEOUT);
    }
}
