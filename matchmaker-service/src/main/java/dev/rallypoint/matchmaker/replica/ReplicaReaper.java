package dev.rallypoint.matchmaker.replica;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Finds replicas whose heartbeat expired (killed, or cut off) and drops the seats their sockets
 * held, as if each socket had closed. A replica counts as dead only when two sweeps in a row
 * miss its heartbeat, so that right after a Redis restart every live replica has beaten again.
 * One surviving replica wins the claim on a dead one; the seat scripts are idempotent besides,
 * so a seat is dropped exactly once.
 */
@ApplicationScoped
class ReplicaReaper {

    private static final Logger LOG = Logger.getLogger(ReplicaReaper.class);
    private static final Duration CLAIM_TTL = Duration.ofSeconds(30);

    private final ReactiveRedisDataSource redis;
    private final Replica replica;
    private final SeatsOfDeadReplicas seats;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    ReplicaReaper(ReactiveRedisDataSource redis, Replica replica, SeatsOfDeadReplicas seats) {
        this.redis = redis;
        this.replica = replica;
        this.seats = seats;
    }

    @Scheduled(every = "2s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return sweep()
                .onFailure().invoke(failure -> LOG.debugf("Replica sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    Uni<Void> sweep() {
        return redis.set(String.class).smembers(Replica.ALL).chain(ids -> all(ids.stream()
                .filter(id -> !id.equals(replica.id()))
                .map(this::reapIfDead)
                .toList()));
    }

    private static Uni<Void> all(List<Uni<Void>> steps) {
        return steps.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(steps).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> reapIfDead(String deadId) {
        return redis.key().exists(Replica.heartbeat(deadId)).chain(alive -> {
            if (alive) {
                suspects.remove(deadId);
                return Uni.createFrom().voidItem();
            }
            return suspects.add(deadId) ? Uni.createFrom().voidItem() : claimAndReap(deadId);
        });
    }

    private Uni<Void> claimAndReap(String deadId) {
        suspects.remove(deadId);
        return redis.execute("SET", "mm:reap:" + deadId, replica.id(), "NX", "PX", String.valueOf(CLAIM_TTL.toMillis()))
                .chain(claimed -> claimed == null ? Uni.createFrom().voidItem() : reap(deadId));
    }

    private Uni<Void> reap(String deadId) {
        return redis.set(String.class).smembers(Replica.players(deadId)).chain(players -> {
            LOG.infof("Replica %s stopped answering; dropping the seats of its %d players %s", deadId, players.size(), players);
            return all(players.stream().map(playerId -> seats.drop(playerId, deadId)).toList())
                    .chain(() -> redis.key().del(Replica.players(deadId)))
                    .chain(() -> redis.set(String.class).srem(Replica.ALL, deadId))
                    .replaceWithVoid();
        });
    }
}
