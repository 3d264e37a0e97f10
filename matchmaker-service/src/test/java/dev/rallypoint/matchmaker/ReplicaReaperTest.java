package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A replica that stops beating is reaped by this one, and the claim on it is let go afterwards:
 * a replica once taken for dead (cut off from Redis for a while) that beats again and then dies
 * for good is reaped like any other, not after the claim runs out.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ReplicaReaperTest {

    @InjectRedis
    RedisDataSource redis;

    @Test
    void aReplicaTakenForDeadOnceIsReapedAgainWhenItDiesForGood() {
        String replica = UUID.randomUUID().toString();
        for (int life = 1; life <= 2; life++) {
            redis.set(String.class).sadd("mm:replicas", replica);
            redis.set(String.class).sadd("mm:replica:" + replica + ":players", "player-of-life-" + life);

            await().atMost(Duration.ofSeconds(20)).until(() -> !redis.set(String.class).sismember("mm:replicas", replica));
            assertFalse(redis.key().exists("mm:replica:" + replica + ":players"), "its players' set goes with it");
            await().atMost(Duration.ofSeconds(5)).until(() -> !redis.key().exists("mm:reap:" + replica));
        }
    }
}
