package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A socket that closes while Redis is away still frees its seat once Redis is back. */
@QuarkusTest
@TestProfile(SeatDropOutageTest.OwnRedis.class)
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "appendonly", value = "yes"))
class SeatDropOutageTest {

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
    void aSeatDroppedDuringAnOutageIsFreedWhenRedisReturns() throws Exception {
        try (WsClient ann = WsClient.connect(vertx, base, TestPlayers.create(redis, "Ann"))) {
            WsClient bob = WsClient.connect(vertx, base, TestPlayers.create(redis, "Bob"));
            // A squad room keeps recruiting with two players, so Bob's seat is dropped at once on close.
            ann.send("pair", "mode", "squad").expect("room");
            bob.send("pair", "mode", "squad").expect("room");
            ann.expect("player_joined");

            // The room is kept in the append-only file, so it outlives the restart.
            TestRedis replacement = TestRedis.at(redisUrl, true);
            TestRedis.shutdown(replacement.port());
            try {
                bob.close();
                Thread.sleep(1_000);
                replacement.restart();

                JsonObject left = ann.expectWithin("player_left", 20);
                assertEquals(bob.player.playerId(), left.getString("playerId"));
                assertEquals("disconnected", left.getString("reason"));
            } finally {
                replacement.stop();
            }
        }
    }
}
