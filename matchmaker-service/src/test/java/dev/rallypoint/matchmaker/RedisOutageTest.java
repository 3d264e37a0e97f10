package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import dev.rallypoint.common.testing.TestRedis;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Redis goes away and comes back while players stay connected. */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    /** A profile of its own: this test stops its Redis, which no other test class may share. */
    public static class OwnRedis implements QuarkusTestProfile {
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    Vertx vertx;

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @Test
    void commandsFailWithUnavailableAndWorkAgainWhenRedisReturns() {
        try (WsClient ann = WsClient.connect(vertx, base, TestPlayers.create(redis, "Ann"));
             WsClient bob = WsClient.connect(vertx, base, TestPlayers.create(redis, "Bob"))) {
            ann.expect("welcome");
            bob.expect("welcome");

            TestRedis replacement = TestRedis.at(redisUrl);
            TestRedis.shutdown(replacement.port());
            try {
                ann.send("pair", "mode", "duel", "id", "down");
                assertEquals("unavailable", ann.expectError("down").getString("code"));
                assertFalse(ann.isClosed(), "the connection stays open");

                replacement.restart();

                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                    String id = "retry-" + System.nanoTime();
                    ann.send("pair", "mode", "duel", "id", id);
                    var answer = ann.expect(f -> id.equals(f.getString("id")), "answer to " + id);
                    assertEquals("ack", answer.getString("type"), "still " + answer);
                });
                ann.expect("room");
                bob.send("pair", "mode", "duel").expect("room");
                assertEquals(bob.player.playerId(), ann.expect("player_joined").getJsonObject("player").getString("playerId"),
                        "room events flow again over the new subscription");
                ann.expect("game_started");
            } finally {
                replacement.stop();
            }
        }
    }
}
