package dev.rallypoint.matchmaker.room;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.mode.MatchmakerConfig;
import dev.rallypoint.matchmaker.protocol.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Appends finished games to the Redis stream {@code matches}, which the leaderboard-service
 * consumes. The script that ends a game also puts its match in the mode's outbox
 * ({@code mm:{<mode>}:unrecorded}); the match leaves it once appended, and a sweep on every
 * replica appends what a failure in between left there. The stream is capped (approximately)
 * so it never grows without bound.
 */
@Singleton
public class MatchResults {

    static final String STREAM = "matches";
    private static final Logger LOG = Logger.getLogger(MatchResults.class);
    // Far longer than an append takes, so the sweep seldom appends a game a second time (the
    // leaderboard counts a matchId once anyway).
    private static final Duration OVERDUE = Duration.ofSeconds(5);
    private static final int SWEEP_BATCH = 100;

    private final PipelinedRedis redis;
    private final RoomScripts scripts;
    private final Json json;
    private final MatchmakerConfig config;
    private final MeterRegistry registry;
    private final Bindings bindings;

    MatchResults(PipelinedRedis redis, RoomScripts scripts, Json json, MatchmakerConfig config,
                 MeterRegistry registry, Bindings bindings) {
        this.registry = registry;
        this.bindings = bindings;
        this.redis = redis;
        this.scripts = scripts;
        this.json = json;
        this.config = config;
    }

    @Scheduled(every = "2s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return sweep()
                .onFailure().invoke(failure -> LOG.debugf("Match outbox sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Records the game when a room script's reply is a match (the script ended the game), and
     * frees its players' bindings to the room, so that their next join needs no stale check.
     */
    public Uni<Void> recordIfEnded(Response reply) {
        if (reply == null || reply.type() != ResponseType.BULK) {
            return Uni.createFrom().voidItem();
        }
        return record(reply.toString()).chain(match -> {
            RoomRef room = new RoomRef(match.mode(), match.matchId());
            return all(match.players().stream().map(player -> bindings.release(player, room)
                    .onFailure().recoverWithNull()).toList());
        });
    }

    /**
     * Never fails: the game has ended either way, and a match whose append fails stays in the
     * outbox for the sweep.
     * @param scriptReply the match JSON a room script returned when it ended the game
     */
    Uni<Match> record(String scriptReply) {
        Match match = json.read(scriptReply, Match.class);
        registry.counter("rallypoint.matchmaker.games.ended", "resolution", match.resolution()).increment();
        return append(match, scriptReply)
                .onFailure().invoke(failure -> LOG.warnf("Match %s not appended (%s); the outbox sweep retries it",
                        match.matchId(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWith(match);
    }

    /** Appends the overdue matches of every mode; any replica may, a claim keeps them from doing it twice. */
    Uni<Void> sweep() {
        return all(config.modes().keySet().stream().map(this::sweep).toList());
    }

    private Uni<Void> sweep(String mode) {
        return scripts.run(RoomScripts.CLAIM_UNRECORDED, List.of(RoomKeys.unrecorded(mode)),
                        System.currentTimeMillis(), OVERDUE.toMillis(), SWEEP_BATCH)
                .chain(claimed -> {
                    List<Uni<Void>> appends = new ArrayList<>();
                    for (Response entry : claimed) {
                        appends.add(append(json.read(entry.toString(), Match.class), entry.toString()));
                    }
                    return all(appends);
                });
    }

    /** Out of the outbox only once appended: a failure between the two appends it twice, never not at all. */
    private Uni<Void> append(Match match, String outboxEntry) {
        List<Object> fields = new ArrayList<>(List.of(STREAM, "MAXLEN", "~", config.matchesMaxLength(), "*",
                "matchId", match.matchId(), "mode", match.mode(), "players", json.write(match.players()),
                "winner", match.winner() == null ? "" : match.winner(), "resolution", match.resolution(),
                "startedAt", match.startedAt(), "endedAt", match.endedAt()));
        if (match.teams() != null) {
            fields.addAll(List.of("teams", json.write(match.teams())));
        }
        return redis.execute(Command.XADD, fields.toArray())
                .chain(() -> redis.execute(Command.ZREM, RoomKeys.unrecorded(match.mode()), outboxEntry))
                .replaceWithVoid();
    }

    private static Uni<Void> all(List<Uni<Void>> steps) {
        return steps.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(steps).andCollectFailures().replaceWithVoid();
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    /** {@code teams}, in a mode with teams only: the team of each of the players, in their order. */
    record Match(String matchId, String mode, List<String> players, List<Integer> teams, String winner, String resolution,
                 long startedAt, long endedAt) {
        Match {
            players = players == null ? List.of() : players;
            // An outbox entry of an older replica, during a rolling upgrade, has none.
            resolution = resolution == null ? "" : resolution;
        }
    }
}
