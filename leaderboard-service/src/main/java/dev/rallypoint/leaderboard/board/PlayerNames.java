package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.cache.ExpiringCache;
import dev.rallypoint.common.players.PlayerKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Players' names, read from each player's own hash (save-service keeps them there), so a rename
 * shows on every board. A name read is reused for {@code rallypoint.leaderboard.name-cache}: the
 * top of a busy board then costs no name reads at all.
 */
@ApplicationScoped
public class PlayerNames {

    private static final int MAX_CACHED = 100_000;

    private final Redis client;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ExpiringCache<String, Optional<String>> cache;
    private final boolean cluster;

    PlayerNames(ReactiveRedisDataSource redis, LeaderboardConfig config,
                @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.client = redis.getRedis();
        this.hashes = redis.hash(String.class);
        this.cache = new ExpiringCache<>(config.nameCache(), MAX_CACHED);
        this.cluster = "cluster".equals(clientType);
    }

    /** The names of the given players, in their order; null for a player without a name. */
    public Uni<List<String>> of(List<String> playerIds) {
        List<String> names = new ArrayList<>(playerIds.size());
        List<Integer> missing = new ArrayList<>();
        for (String playerId : playerIds) {
            Optional<String> cached = cache.get(playerId);
            if (cached == null) {
                missing.add(names.size());
            }
            names.add(cached == null ? null : cached.orElse(null));
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(names);
        }
        List<String> missingIds = missing.stream().map(playerIds::get).toList();
        return read(missingIds).map(found -> {
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missingIds.get(i), Optional.ofNullable(found.get(i)));
                names.set(missing.get(i), found.get(i));
            }
            return names;
        });
    }

    private Uni<List<String>> read(List<String> playerIds) {
        if (playerIds.size() == 1 || cluster) {
            // The players' hashes sit in different cluster slots: one HGET each, all in flight at once.
            return Uni.join().all(playerIds.stream().map(playerId -> hashes.hget(PlayerKeys.profile(playerId), "name")
                    .map(Optional::ofNullable)).toList()).andFailFast()
                    .map(found -> found.stream().map(name -> name.orElse(null)).toList());
        }
        // One server holds them all: the HGETs travel as one pipelined batch, one round trip.
        List<Request> requests = playerIds.stream()
                .map(playerId -> Request.cmd(Command.HGET).arg(PlayerKeys.profile(playerId)).arg("name")).toList();
        return client.batch(requests).map(replies -> replies.stream()
                .map(reply -> reply == null ? null : reply.toString()).toList());
    }
}
