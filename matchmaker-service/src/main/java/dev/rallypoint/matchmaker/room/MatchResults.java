package dev.rallypoint.matchmaker.room;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.protocol.Json;
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
    private final Json json;
    private final MatchmakerConfig config;

    MatchResults(ReactiveRedisDataSource redis, Json json, MatchmakerConfig config) {
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
        Match match = json.read(scriptReply, Match.class);
        return redis.execute("XADD", STREAM, "MAXLEN", "~", String.valueOf(config.matchesMaxLength()), "*",
                        "matchId", match.matchId(), "mode", match.mode(), "players", json.write(match.players()),
                        "winner", match.winner() == null ? "" : match.winner(),
                        "startedAt", String.valueOf(match.startedAt()), "endedAt", String.valueOf(match.endedAt()))
                .replaceWith(match);
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Match(String matchId, String mode, List<String> players, String winner, long startedAt, long endedAt) {
        Match {
            players = players == null ? List.of() : players;
        }
    }
}
