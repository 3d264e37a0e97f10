package dev.rallypoint.matchmaker.replica;

import dev.rallypoint.common.redis.PipelinedRedis;
import io.quarkus.arc.All;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Finds replicas whose heartbeat expired (killed, or cut off) and lets go of the seats and party
 * places their sockets held, as if each socket had closed. A replica counts as dead only when two sweeps in a row
 * miss its heartbeat, so that right after a Redis restart every live replica has beaten again.
 * One surviving replica wins the claim on a dead one; the seat scripts are idempotent besides,
 * so a seat is dropped exactly once. The claim is let go when the reap ends, however it ends:
 * a reap that failed is tried again at the next sweep, and a replica taken for dead once (cut
 * off from Redis for a while) is reaped at once when it dies for good.
 */
@Singleton
class ReplicaReaper {

    private static final Logger LOG = Logger.getLogger(ReplicaReaper.class);
    private static final Duration CLAIM_TTL = Duration.ofSeconds(30);

    private final PipelinedRedis redis;
    private final Replica replica;
    private final List<SocketsOfDeadReplicas> holders;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    ReplicaReaper(PipelinedRedis redis, Replica replica, @All List<SocketsOfDeadReplicas> holders) {
        this.redis = redis;
        this.replica = replica;
        this.holders = holders;
    }

    @Scheduled(every = "2s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return sweep()
                .onFailure().invoke(failure -> LOG.debugf("Replica sweep failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    Uni<Void> sweep() {
        return redis.execute(Command.SMEMBERS, Replica.ALL).chain(ids -> all(strings(ids).stream()
                .filter(id -> !id.equals(replica.id()))
                .map(this::reapIfDead)
                .toList()));
    }

    private static Uni<Void> all(List<Uni<Void>> steps) {
        return steps.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(steps).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> reapIfDead(String deadId) {
        return redis.execute(Command.EXISTS, Replica.heartbeat(deadId)).chain(exists -> {
            if (exists.toInteger() == 1) {
                suspects.remove(deadId);
                return Uni.createFrom().voidItem();
            }
            return suspects.add(deadId) ? Uni.createFrom().voidItem() : claimAndReap(deadId);
        });
    }

    private Uni<Void> claimAndReap(String deadId) {
        suspects.remove(deadId);
        String claim = "mm:reap:" + deadId;
        return redis.execute(Command.SET, claim, replica.id(), "NX", "PX", CLAIM_TTL.toMillis())
                .chain(claimed -> claimed == null ? Uni.createFrom().voidItem()
                        : reap(deadId).onTermination().call(() -> redis.execute(Command.DEL, claim).onFailure().recoverWithNull()));
    }

    private Uni<Void> reap(String deadId) {
        return redis.execute(Command.SMEMBERS, Replica.players(deadId)).map(ReplicaReaper::strings).chain(players -> {
            LOG.infof("Replica %s stopped answering; letting go of what its sockets held for %d players %s", deadId,
                    players.size(), players);
            return all(players.stream().flatMap(playerId -> holders.stream().map(holder -> holder.drop(playerId, deadId))).toList())
                    .chain(() -> redis.execute(Command.DEL, Replica.players(deadId)))
                    .chain(() -> redis.execute(Command.SREM, Replica.ALL, deadId))
                    .replaceWithVoid();
        });
    }

    private static List<String> strings(Response members) {
        List<String> values = new ArrayList<>(members.size());
        members.forEach(member -> values.add(member.toString()));
        return values;
    }
}
