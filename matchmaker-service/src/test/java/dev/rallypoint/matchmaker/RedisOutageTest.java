package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.Management;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Redis goes away and comes back while players stay connected. It keeps an append-only file,
 * as production's does, so rooms outlive the restart.
 */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
@WithTestResource(value = RedisTestResource.class, initArgs = @ResourceArg(name = "appendonly", value = "yes"))
class RedisOutageTest extends WebSocketTestBase {

    /** A profile of its own: this test stops its Redis, which no other test class may share. */
    public static class OwnRedis implements QuarkusTestProfile {
    }

    // The Redis that the last outage started again: the test resource knows only the first one.
    private static TestRedis restarted;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @AfterAll
    static void stopRestartedRedis() {
        if (restarted != null) {
            restarted.stop();
        }
    }

    /** Stops Redis the way a crash would; restart() on the result brings it back with its data. */
    private TestRedis outage() {
        restarted = TestRedis.at(redisUrl, true);
        TestRedis.shutdown(restarted.port());
        return restarted;
    }

    @Test
    void commandsFailWithUnavailableAndWorkAgainWhenRedisReturns() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");

        TestRedis replacement = outage();
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
    }

    @Test
    void aSeatWhoseSocketClosedDuringTheOutageIsFreedWhenRedisReturns() {
        WsClient ann = connect("Cleo");
        WsClient bob = connect("Dave");
        // A squad room keeps recruiting with two players, so Dave's seat is dropped at once on close.
        ann.send("pair", "mode", "squad").expect("room");
        bob.send("pair", "mode", "squad").expect("room");
        ann.expect("player_joined");

        TestRedis replacement = outage();
        bob.close();
        // Redis comes back only once the server has taken the close, so its first drop fails.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> Management.given().get("/q/metrics").then()
                .body(containsString("rallypoint_matchmaker_connections 1.0")));
        replacement.restart();

        JsonObject left = ann.expectWithin("player_left", 20);
        assertEquals(bob.player.playerId(), left.getString("playerId"));
        assertEquals("disconnected", left.getString("reason"));
    }

    @Test
    void aSeatWhosePlayerLeftDuringTheOutageIsFreedWhenRedisReturns() {
        WsClient eve = connect("Eve");
        WsClient finn = connect("Finn");
        // ffa, which no other case here plays: the room is theirs alone, and it keeps recruiting.
        eve.send("pair", "mode", "ffa").expect("room");
        finn.send("pair", "mode", "ffa").expect("room");
        eve.expect("player_joined");

        TestRedis replacement = outage();
        finn.send("leave", "id", "down");
        assertEquals("unavailable", finn.expectError("down").getString("code"));
        replacement.restart();

        JsonObject left = eve.expectWithin("player_left", 20);
        assertEquals(finn.player.playerId(), left.getString("playerId"));
        assertEquals("left", left.getString("reason"));
        WsClient gus = connect("Gus");
        gus.send("pair", "mode", "ffa", "id", "seat");
        var players = gus.expect("room").getJsonObject("room").getJsonArray("players");
        gus.expectAck("seat");
        assertEquals(List.of(eve.player.playerId(), gus.player.playerId()),
                players.stream().map(p -> ((JsonObject) p).getString("playerId")).toList(),
                "Finn's seat went to Gus");
    }
}
