package dev.rallypoint.matchmaker.replica;

import dev.rallypoint.common.redis.PipelinedRedis;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.UUID;

/**
 * This replica: an id, a heartbeat that says it is alive, and the players seated through it.
 * Keys: {@code mm:replicas} (set of ids), {@code mm:replica:<id>} (heartbeat, expiring),
 * {@code mm:replica:<id>:players} (set of playerIds). When the heartbeat expires, another
 * replica drops those players' seats (see {@link ReplicaReaper}).
 */
@ApplicationScoped
public class Replica {

    static final String ALL = "mm:replicas";
    static final Duration HEARTBEAT_TTL = Duration.ofSeconds(4);
    private static final long BEAT_MILLIS = 1_000;

    private final String id = UUID.randomUUID().toString();
    private final PipelinedRedis redis;
    private final Vertx vertx;
    private long timer = -1;

    Replica(PipelinedRedis redis, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
    }

    public String id() {
        return id;
    }

    void start(@Observes StartupEvent event) {
        beat();
        timer = vertx.setPeriodic(BEAT_MILLIS, tick -> beat());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * The seat of this player is held by a socket of this replica. Awaited before a join is
     * acknowledged, so that no seat of a replica that dies afterwards goes unnoticed.
     */
    public Uni<Void> seated(String playerId) {
        return redis.execute(Command.SADD, players(id), playerId).replaceWithVoid();
    }

    /** A missed removal is harmless: dropping a seat that another socket holds changes nothing. */
    public void unseated(String playerId) {
        ignoreFailure(redis.execute(Command.SREM, players(id), playerId));
    }

    static String heartbeat(String replicaId) {
        return "mm:replica:" + replicaId;
    }

    static String players(String replicaId) {
        return "mm:replica:" + replicaId + ":players";
    }

    private void beat() {
        // While Redis is away the beat fails; the next one after it returns revives the replica.
        ignoreFailure(redis.execute(Command.PSETEX, heartbeat(id), HEARTBEAT_TTL.toMillis(), "alive")
                .chain(() -> redis.execute(Command.SADD, ALL, id)));
    }

    private static void ignoreFailure(Uni<?> command) {
        command.subscribe().with(done -> { }, failure -> { });
    }
}
