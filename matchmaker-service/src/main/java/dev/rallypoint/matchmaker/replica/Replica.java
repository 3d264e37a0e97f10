package dev.rallypoint.matchmaker.replica;

import dev.rallypoint.common.players.PresenceKeys;

import dev.rallypoint.common.redis.PipelinedRedis;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import io.vertx.mutiny.redis.client.Command;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.stream.Stream;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * This replica: an id, a heartbeat that says it is alive, and the players whose seat or party
 * place a socket of it holds. Keys: {@code mm:replicas} (set of ids), {@code mm:replica:<id>}
 * (heartbeat, expiring), {@code mm:replica:<id>:players} (set of playerIds). When the heartbeat
 * expires, another replica lets go of what those players had here (see {@link ReplicaReaper}).
 * <p>
 * A player stays in the set while any socket of it here holds or is taking a seat or a party
 * place, so a player who reconnects to the same replica is not taken out of it by the close of
 * the old socket.
 */
@Singleton
public class Replica {

    static final String ALL = "mm:replicas";
    static final Duration HEARTBEAT_TTL = Duration.ofSeconds(4);

    private final String id = UUID.randomUUID().toString();
    private final PipelinedRedis redis;
    private final Map<String, Integer> holds = new ConcurrentHashMap<>();

    Replica(PipelinedRedis redis) {
        this.redis = redis;
    }

    public String id() {
        return id;
    }

    /**
     * A socket of this replica holds, or is about to take, a seat or a party place of this player.
     * Awaited before the script that takes it runs, so that nothing a replica that dies afterwards
     * held goes unnoticed. Every hold ends in a {@link #release}.
     */
    public Uni<Void> hold(String playerId) {
        holds.merge(playerId, 1, Integer::sum);
        return redis.execute(Command.SADD, players(id), playerId).replaceWithVoid();
    }

    /** A missed removal is harmless: dropping what another socket holds changes nothing. */
    public void release(String playerId) {
        if (holds.computeIfPresent(playerId, (player, count) -> count > 1 ? count - 1 : null) == null) {
            ignoreFailure(redis.execute(Command.SREM, players(id), playerId));
        }
    }

    static String heartbeat(String replicaId) {
        return PresenceKeys.heartbeat(replicaId);
    }

    static String players(String replicaId) {
        return "mm:replica:" + replicaId + ":players";
    }

    /**
     * While Redis is away the beat fails; the next one after it returns revives the replica. Each
     * beat also adds the players held here again, so that the set a restarted Redis lost is
     * back within a beat.
     */
    @Scheduled(every = "1s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> beat() {
        List<String> held = List.copyOf(holds.keySet());
        Uni<?> players = held.isEmpty() ? Uni.createFrom().voidItem()
                : redis.execute(Command.SADD, Stream.concat(Stream.of(players(id)), held.stream()).toArray());
        return redis.execute(Command.PSETEX, heartbeat(id), HEARTBEAT_TTL.toMillis(), "alive")
                .chain(() -> redis.execute(Command.SADD, ALL, id))
                .chain(() -> players)
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** The first beat goes out as the replica starts, not a second later: its players are online for their friends at once. */
    void start(@Observes StartupEvent event) {
        ignoreFailure(beat());
    }

    private static void ignoreFailure(Uni<?> command) {
        command.subscribe().with(done -> { }, failure -> { });
    }
}
