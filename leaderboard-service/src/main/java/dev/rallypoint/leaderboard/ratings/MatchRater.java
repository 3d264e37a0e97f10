package dev.rallypoint.leaderboard.ratings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.auth.PlayerIds;
import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.board.Periods;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rates one finished match with rate-match.lua, at most once per matchId. Only a match that two
 * or more players finished with a winner among them counts: a {@code disputed} or
 * {@code abandoned} game does not, and bots are never in a match's players, so a game against
 * bots alone rates nobody.
 */
@ApplicationScoped
public class MatchRater {

    private static final Logger LOG = Logger.getLogger(MatchRater.class);
    private static final LuaScript RATE = LuaScript.load("lua/leaderboard/glicko2.lua", "lua/leaderboard/rate-match.lua");
    private static final Set<String> UNRATED = Set.of("disputed", "abandoned");
    // The largest room the matchmaker allows is far smaller; this bounds one script's work.
    private static final int MAX_PLAYERS = 64;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TypeReference<List<String>> PLAYER_LIST = new TypeReference<>() { };

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
        String matchId = fields.getOrDefault("matchId", "");
        String mode = fields.getOrDefault("mode", "");
        String winner = fields.getOrDefault("winner", "").strip();
        if (matchId.isBlank() || !RatingsResource.validMode(mode)) {
            LOG.warnf("Match entry %s has no matchId or no valid mode; not rated", entryId);
            return;
        }
        if (winner.isEmpty() || UNRATED.contains(fields.getOrDefault("resolution", ""))) {
            return;
        }
        List<String> players = players(entryId, fields.get("players"));
        if (players.size() < 2 || !players.contains(winner)) {
            return;
        }
        String board = RatingKeys.board(mode);
        BoardKeys keys = new BoardKeys(board, Periods.ALL);
        List<String> args = new ArrayList<>(List.of(winner, Double.toString(ratings.tau()),
                Double.toString(ratings.rating()), Double.toString(ratings.deviation()),
                Double.toString(ratings.volatility()), Long.toString(dedupe.toMillis())));
        args.addAll(players);
        RATE.run(redis, List.of(keys.scores(), keys.ties(), RatingKeys.players(mode), "lb:{" + board + "}:match:" + matchId), args)
                .await().atMost(TIMEOUT);
    }

    /** The entry's distinct, valid playerIds; none when the field is not a JSON array of them. */
    private List<String> players(String entryId, String field) {
        try {
            List<String> listed = field == null ? null : json.readValue(field, PLAYER_LIST);
            if (listed == null) {
                throw new IOException("no list");
            }
            Set<String> players = new LinkedHashSet<>(listed);
            if (players.size() > MAX_PLAYERS || !players.stream().allMatch(player -> player != null && PlayerIds.isValid(player))) {
                throw new IOException("not a list of at most " + MAX_PLAYERS + " playerIds");
            }
            return List.copyOf(players);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("Match entry %s has unreadable players (%s); not rated", entryId, e.getMessage());
            return List.of();
        }
    }
}
