package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.cache.ExpiringCache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ExpiringCache<String, Optional<String>> cache;

    PlayerNames(ReactiveRedisDataSource redis, LeaderboardConfig config) {
        this.hashes = redis.hash(String.class);
        this.cache = new ExpiringCache<>(config.nameCache(), MAX_CACHED);
    }

    /** The names of the given players, in their order; null for a player without a name. */
    public Uni<List<String>> of(List<String> playerIds) {
        List<String> known = new ArrayList<>(playerIds.size());
        List<Uni<Optional<String>>> reads = new ArrayList<>(playerIds.size());
        boolean allKnown = true;
        for (String playerId : playerIds) {
            Optional<String> cached = cache.get(playerId);
            known.add(cached == null ? null : cached.orElse(null));
            allKnown &= cached != null;
            // The misses are read one HGET each, all in flight at once: they may sit in different cluster slots.
            reads.add(cached != null ? Uni.createFrom().item(cached) : read(playerId));
        }
        if (allKnown) {
            return Uni.createFrom().item(known);
        }
        return Uni.join().all(reads).andFailFast()
                .map(found -> found.stream().map(name -> name.orElse(null)).toList());
    }

    private Uni<Optional<String>> read(String playerId) {
        return hashes.hget(BoardKeys.player(playerId), "name")
                .map(Optional::ofNullable)
                .invoke(name -> cache.put(playerId, name));
    }
}
