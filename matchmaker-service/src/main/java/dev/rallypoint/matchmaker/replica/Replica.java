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
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * This replica: an id, a heartbeat that says it is alive, and the players seated through it.
 * Keys: {@code mm:replicas} (set of ids), {@code mm:replica:<id>} (heartbeat, expiring),
 * {@code mm:replica:<id>:players} (set of playerIds). When the heartbeat expires, another
 * replica drops those players' seats (see {@link ReplicaReaper}).
 */
@Singleton
public class Replica {

    static final String ALL = "mm:replicas";
    static final Duration HEARTBEAT_TTL = Duration.ofSeconds(4);

    private final String id = UUID.randomUUID().toString();
    private final PipelinedRedis redis;
    private volatile Supplier<Set<String>> seatedPlayers = Set::of;

    Replica(PipelinedRedis redis) {
        this.redis = redis;
    }

    public String id() {
        return id;
    }

    /**
     * The seat of this player is held by a socket of this replica. Awaited before a join is
     * acknowledged, so that no seat of a replica that dies afterwards goes unnoticed.
     */
    public Uni<Void> seated(String playerId) {
        return redis.execute(Command.SADD, players(id), playerId).replaceWithVoid();
    }

    /** Who holds a seat through this replica now: written again on every heartbeat. */
    public void seatedPlayers(Supplier<Set<String>> players) {
        this.seatedPlayers = players;
    }

    /** A missed removal is harmless: dropping a seat that another socket holds changes nothing. */
    public void unseated(String playerId) {
        ignoreFailure(redis.execute(Command.SREM, players(id), playerId));
    }

    static String heartbeat(String replicaId) {
        return PresenceKeys.heartbeat(replicaId);
    }

    static String players(String replicaId) {
        return "mm:replica:" + replicaId + ":players";
    }

    /**
     * While Redis is away the beat fails; the next one after it returns revives the replica. Each
     * beat also adds the players seated here again, so that the set a restarted Redis lost is
     * back within a beat.
     */
    @Scheduled(every = "1s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> beat() {
        List<String> seated = List.copyOf(seatedPlayers.get());
        Uni<?> players = seated.isEmpty() ? Uni.createFrom().voidItem()
                : redis.execute(Command.SADD, Stream.concat(Stream.of(players(id)), seated.stream()).toArray());
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
