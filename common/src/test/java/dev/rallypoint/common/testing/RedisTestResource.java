package dev.rallypoint.common.testing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gives a Quarkus test a real Redis: the one named by {@code QUARKUS_REDIS_HOSTS} when set,
 * otherwise a fresh redis-server on a free loopback port, stopped after the tests. The init
 * argument {@code appendonly=yes} makes it fsync every write to an append-only file.
 * It fills the test's {@link InjectRedis} fields with a client of its own to that Redis, so that a
 * test written as a {@code @QuarkusTest} also runs as a {@code @QuarkusIntegrationTest} against
 * the packaged service (a jar or a native executable).
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private TestRedis redis;
    private boolean appendOnly;
    private String url;
    private io.vertx.core.Vertx vertx;
    private RedisDataSource client;

    @Override
    public void init(Map<String, String> initArgs) {
        appendOnly = "yes".equals(initArgs.get("appendonly"));
    }

    @Override
    public Map<String, String> start() {
        String external = System.getenv("QUARKUS_REDIS_HOSTS");
        if (external != null && !external.isBlank()) {
            url = external;
        } else {
            redis = TestRedis.start(appendOnly);
            url = redis.url();
        }
        // A started resource is started afresh, e.g. for a test profile: a client of its own each time.
        vertx = io.vertx.core.Vertx.vertx();
        Redis connections = Redis.createClient(Vertx.newInstance(vertx), url);
        client = new BlockingRedisDataSourceImpl(Vertx.newInstance(vertx), connections, RedisAPI.api(connections),
                CLIENT_TIMEOUT);
        return Map.of("quarkus.redis.hosts", url);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(client, new TestInjector.AnnotatedAndMatchesType(InjectRedis.class, RedisDataSource.class));
    }

    @Override
    public void stop() {
        // Closed through Vert.x's own API: the Mutiny one needs context propagation, gone once Quarkus stopped.
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        if (redis != null) {
            redis.stop();
        }
    }
}
