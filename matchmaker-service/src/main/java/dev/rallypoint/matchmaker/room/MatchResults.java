package dev.rallypoint.matchmaker.room;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Appends finished games to the Redis stream {@code matches}, which the leaderboard-service
 * consumes. The stream is capped (approximately) so it never grows without bound.
 */
@ApplicationScoped
class MatchResults {

    static final String STREAM = "matches";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final MatchmakerConfig config;

    MatchResults(ReactiveRedisDataSource redis, ObjectMapper json, MatchmakerConfig config) {
        this.redis = redis;
        this.json = json;
        this.config = config;
    }

    /** Records the game when a room script's reply is a match (the script ended the game). */
    Uni<Void> recordIfEnded(Response reply) {
        return reply != null && reply.type() == ResponseType.BULK
                ? record(reply.toString()).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }

    /** @param scriptReply the match JSON a room script returned when it ended the game */
    Uni<Match> record(String scriptReply) {
        Match match = decode(scriptReply);
        return redis.execute("XADD", STREAM, "MAXLEN", "~", String.valueOf(config.matchesMaxLength()), "*",
                        "matchId", match.matchId(), "mode", match.mode(), "players", encode(match.players()),
                        "winner", match.winner() == null ? "" : match.winner(),
                        "startedAt", String.valueOf(match.startedAt()), "endedAt", String.valueOf(match.endedAt()))
                .replaceWith(match);
    }

    private Match decode(String reply) {
        try {
            return json.readValue(reply, Match.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable match from a room script", e);
        }
    }

    private String encode(List<String> players) {
        try {
            return json.writeValueAsString(players);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Match(String matchId, String mode, List<String> players, String winner, long startedAt, long endedAt) {
        Match {
            players = players == null ? List.of() : players;
        }
    }
}
