package dev.rallypoint.leaderboard.ratings;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.board.Periods;
import dev.rallypoint.leaderboard.matches.FinishedMatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rates one finished match with rate-match.lua, at most once per matchId. Only a match with a
 * winner among its players and somebody who lost counts: a {@code disputed} or {@code abandoned}
 * game does not, and bots are never in a match's players, so a game against bots alone rates
 * nobody. In a mode with teams, the winner's whole team won.
 */
@ApplicationScoped
public class MatchRater {

    private static final Logger LOG = Logger.getLogger(MatchRater.class);
    private static final LuaScript RATE = LuaScript.load("lua/leaderboard/glicko2.lua", "lua/leaderboard/rate-match.lua");
    private static final Set<String> UNRATED = Set.of("disputed", "abandoned");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final PipelinedRedis redis;
    private final ObjectMapper json;
    private final LeaderboardConfig.Ratings ratings;
    private final Duration dedupe;

    MatchRater(PipelinedRedis redis, ObjectMapper json, LeaderboardConfig config) {
        this.redis = redis;
        this.json = json;
        this.ratings = config.ratings();
        this.dedupe = config.matches().dedupe();
    }

    /** Rates the entry; one that cannot be rated is logged and skipped, since retrying cannot mend it. */
    public void rate(String entryId, Map<String, String> fields) {
        FinishedMatch match = FinishedMatch.read(entryId, fields, json);
        if (match.matchId().isBlank() || !RatingsResource.validMode(match.mode())) {
            LOG.warnf("Match entry %s has no matchId or no valid mode; not rated", entryId);
            return;
        }
        List<String> winners = match.winners();
        if (winners.isEmpty() || UNRATED.contains(match.resolution()) || !match.players().containsAll(winners)
                || winners.size() == match.players().size()) {
            return;
        }
        String board = RatingKeys.board(match.mode());
        BoardKeys keys = new BoardKeys(board, Periods.ALL);
        List<String> args = new ArrayList<>(List.of(FinishedMatch.json(json, winners), Double.toString(ratings.tau()),
                Double.toString(ratings.rating()), Double.toString(ratings.deviation()),
                Double.toString(ratings.volatility()), Long.toString(dedupe.toMillis())));
        args.addAll(match.players());
        RATE.run(redis, List.of(keys.scores(), keys.ties(), RatingKeys.players(match.mode()),
                        "lb:{" + board + "}:match:" + match.matchId()), args)
                .await().atMost(TIMEOUT);
    }
}
