package dev.rallypoint.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a Quarkus test a real Redis: the one named by {@code QUARKUS_REDIS_HOSTS} when set,
 * otherwise a fresh redis-server on a free loopback port, stopped after the tests. The init
 * argument {@code appendonly=yes} makes it fsync every write to an append-only file.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private TestRedis redis;
    private boolean appendOnly;

    @Override
    public void init(Map<String, String> initArgs) {
        appendOnly = "yes".equals(initArgs.get("appendonly"));
    }

    @Override
    public Map<String, String> start() {
        String external = System.getenv("QUARKUS_REDIS_HOSTS");
        if (external != null && !external.isBlank()) {
            return Map.of("quarkus.redis.hosts", external);
        }
        redis = TestRedis.start(appendOnly);
        return Map.of("quarkus.redis.hosts", redis.url());
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.stop();
        }
    }
}
