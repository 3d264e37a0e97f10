package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.cache.ExpiringCache;
import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
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

    private final PipelinedRedis redis;
    private final ExpiringCache<String, Optional<String>> cache;

    PlayerNames(PipelinedRedis redis, LeaderboardConfig config) {
        this.redis = redis;
        this.cache = new ExpiringCache<>(config.nameCache(), MAX_CACHED);
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

    /**
     * One HGET a player, all in flight at once on the shared connections: one round trip, and on a
     * cluster (the players' hashes sit in different slots) one per node.
     */
    private Uni<List<String>> read(List<String> playerIds) {
        return Uni.join().all(playerIds.stream().map(playerId -> redis.send(
                        Request.cmd(Command.HGET).arg(PlayerKeys.profile(playerId)).arg("name"))
                .map(name -> Optional.ofNullable(name).map(Object::toString))).toList()).andFailFast()
                .map(found -> found.stream().map(name -> name.orElse(null)).toList());
    }
}
