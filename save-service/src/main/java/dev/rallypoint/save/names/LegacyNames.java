package dev.rallypoint.save.names;

import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.players.Profiles;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

import static io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP;

/**
 * Players named before profiles were spread over shards kept their name in
 * {@code player:<playerId>} and were listed in one index, {@code players:by-name}. Every instance
 * moves them to their shard (see {@link PlayerKeys}), a batch at a time, at start and then every
 * 30 seconds (an instance of the old version may still write during a rolling upgrade). Each
 * step is idempotent and a name stored in the new profile always wins, so instances that move
 * the same player at once agree.
 */
@ApplicationScoped
public class LegacyNames {

    private static final Logger LOG = Logger.getLogger(LegacyNames.class);
    static final String OLD_INDEX = "players:by-name";
    private static final int BATCH = 100;

    private final ReactiveRedisDataSource redis;
    private final Profiles profiles;

    LegacyNames(ReactiveRedisDataSource redis, Profiles profiles) {
        this.redis = redis;
        this.profiles = profiles;
    }

    @Scheduled(every = "30s", concurrentExecution = SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return moveAll()
                .invoke(moved -> {
                    if (moved > 0) {
                        LOG.infof("Moved %d players named before sharding to their shard", moved);
                    }
                })
                .onFailure().invoke(failure -> LOG.debugf("Moving old player names: %s", failure.getMessage()))
                .replaceWithVoid().onFailure().recoverWithNull();
    }

    /** The name a returning player had before sharding, or {@code otherwise}. */
    public Uni<String> nameOr(String playerId, String otherwise) {
        return redis.hash(String.class).hget(oldProfile(playerId), "name").map(old -> old != null ? old : otherwise);
    }

    /** Moves every player of the old index; returns how many. */
    Uni<Integer> moveAll() {
        return redis.execute("ZRANGE", OLD_INDEX, "0", String.valueOf(BATCH - 1)).chain(batch -> {
            if (batch.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Uni<Void>> moves = new ArrayList<>();
            for (Response member : batch) {
                moves.add(move(member));
            }
            return Uni.join().all(moves).andFailFast()
                    .chain(() -> moveAll()).map(rest -> batch.size() + rest);
        });
    }

    /** One member of the old index, {@code <folded name>\0<name>\0<playerId>}, to its shard. */
    private Uni<Void> move(Response member) {
        String[] parts = member.toString().split("\0");
        String playerId = parts[2];
        return nameOr(playerId, parts[1])
                .chain(name -> profiles.rename(playerId, null, name))
                .chain(() -> redis.key().del(oldProfile(playerId)))
                .chain(() -> redis.sortedSet(String.class).zrem(OLD_INDEX, member.toString()))
                .replaceWithVoid();
    }

    private static String oldProfile(String playerId) {
        return "player:" + playerId;
    }
}
