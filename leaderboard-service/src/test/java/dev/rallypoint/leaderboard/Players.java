package dev.rallypoint.leaderboard;

import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.players.PlayerKeys;
import io.quarkus.redis.datasource.RedisDataSource;

import java.util.Map;
import java.util.UUID;

/** Players for tests, written to Redis the way save-service writes them: a session and a name hash. */
public final class Players {

    private Players() {
    }

    /** A new player; returns {playerId, token}. A null name leaves the player without a name hash. */
    public static String[] create(RedisDataSource redis, String name) {
        String playerId = UUID.randomUUID().toString();
        String token = SessionKeys.newToken();
        String json = "{\"playerId\":\"" + playerId + "\",\"name\":" + (name == null ? "null" : "\"" + name + "\"") + "}";
        redis.value(String.class).setex(SessionKeys.session(token), 3600, json);
        if (name != null) {
            redis.hash(String.class).hset(PlayerKeys.profile(playerId), Map.of("name", name));
        }
        return new String[] {playerId, token};
    }

    public static String board() {
        return "b-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
