package dev.rallypoint.matchmaker.pairing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Players' ratings, as leaderboard-service keeps them from finished matches: the client never
 * says what its rating is.
 */
@Singleton
public class PlayerRatings {

    private final PipelinedRedis redis;
    private final ObjectMapper json;
    private final double newPlayer;

    PlayerRatings(PipelinedRedis redis, ObjectMapper json, MatchmakerConfig config) {
        this.redis = redis;
        this.json = json;
        this.newPlayer = config.newPlayerRating();
    }

    /** The player's rating in the mode; a new player's when it has no rated games (or an unreadable entry). */
    public Uni<Double> of(String mode, String playerId) {
        return redis.execute(Command.HGET, RatingKeys.players(mode), playerId).map(stored -> {
            if (stored == null) {
                return newPlayer;
            }
            try {
                JsonNode rating = json.readTree(stored.toString()).get("rating");
                return rating != null && rating.isNumber() && Double.isFinite(rating.asDouble()) ? rating.asDouble() : newPlayer;
            } catch (IOException e) {
                return newPlayer;
            }
        });
    }
}
