package dev.rallypoint.leaderboard.ratings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.auth.PlayerIds;
import dev.rallypoint.common.auth.ServerKeyAuthMechanism;
import dev.rallypoint.common.auth.SessionIdentityProvider;
import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.problem.ProblemException;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.leaderboard.board.BoardKeys;
import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.board.Periods;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/** {@code /api/ratings/{mode}/{playerId}}: a player's rating; a player without rated games has a new player's. */
@Path("/api/ratings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({SessionIdentityProvider.ROLE, ServerKeyAuthMechanism.ROLE})
public class RatingsResource {

    // rating-<mode> must be a valid board name (64 characters at most).
    private static final Pattern MODE = Pattern.compile("[A-Za-z0-9_.:-]{1,57}");

    private final PipelinedRedis redis;
    private final ObjectMapper json;
    private final LeaderboardConfig.Ratings ratings;

    RatingsResource(PipelinedRedis redis, ObjectMapper json, LeaderboardConfig config) {
        this.redis = redis;
        this.json = json;
        this.ratings = config.ratings();
    }

    static boolean validMode(String mode) {
        return mode != null && MODE.matcher(mode).matches();
    }

    @GET
    @Path("/{mode}/{playerId}")
    public Uni<Rating> rating(@PathParam("mode") String mode, @PathParam("playerId") String playerId) {
        if (!validMode(mode)) {
            throw ProblemException.badRequest("invalid-mode", "A mode has 1 to 57 characters of A-Z, a-z, 0-9, _ . : -");
        }
        PlayerIds.validate(playerId);
        BoardKeys board = new BoardKeys(RatingKeys.board(mode), Periods.ALL);
        return Uni.combine().all().unis(
                        redis.execute(Command.HGET, RatingKeys.players(mode), playerId),
                        redis.execute(Command.ZREVRANK, board.scores(), playerId))
                .with((stored, rank) -> stored == null
                        ? new Rating(mode, playerId, ratings.rating(), ratings.deviation(), ratings.volatility(), 0, null)
                        : of(mode, playerId, stored.toString(), rank));
    }

    private Rating of(String mode, String playerId, String stored, Response rank) {
        try {
            JsonNode rating = json.readTree(stored);
            return new Rating(mode, playerId, rating.path("rating").asDouble(), rating.path("deviation").asDouble(),
                    rating.path("volatility").asDouble(), rating.path("games").asLong(),
                    rank == null ? null : rank.toLong() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
