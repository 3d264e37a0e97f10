package dev.rallypoint.common.testing;

import dev.rallypoint.common.auth.SessionKeys;
import io.quarkus.redis.datasource.RedisDataSource;

import java.util.UUID;

/** Players with sessions written straight into Redis, the way save-service stores them. */
public final class TestPlayers {

    private TestPlayers() {
    }

    public record TestPlayer(String playerId, String name, String token) {
    }

    public static TestPlayer create(RedisDataSource redis, String name) {
        String playerId = UUID.randomUUID().toString();
        String token = SessionKeys.newToken();
        String session = "{\"playerId\":\"" + playerId + "\",\"name\":\"" + name + "\"}";
        redis.value(String.class).setex(SessionKeys.session(token), 3600, session);
        return new TestPlayer(playerId, name, token);
    }
}
