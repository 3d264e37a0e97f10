package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Nothing a client sends closes its connection or changes a room it may not change. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class BadFrameTest extends WebSocketTestBase {

    @Test
    void everyBadFrameGetsAnErrorAndTheConnectionStaysOpen() {
        try (WsClient ann = WsClient.connect(vertx, base, TestPlayers.create(redis, "Ann"))) {
            ann.expect("welcome");
            Map<String, String> before = snapshot();

            ann.sendBinary(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            assertEquals("bad_frame", ann.expect("error").getString("code"));
            ann.sendText("not json");
            assertEquals("bad_frame", ann.expect("error").getString("code"));
            ann.sendText("[1,2,3]");
            assertEquals("bad_frame", ann.expect("error").getString("code"));
            ann.sendText("{\"id\":\"t\"}");
            assertEquals("missing_field", ann.expectError("t").getString("code"));
            ann.sendText("{\"type\":42,\"id\":\"n\"}");
            assertEquals("missing_field", ann.expectError("n").getString("code"));
            ann.send("dance", "id", "u");
            assertEquals("unknown_type", ann.expectError("u").getString("code"));
            ann.send("pair", "id", "m");
            assertEquals("missing_field", ann.expectError("m").getString("code"));
            ann.send("pair", "mode", 7, "id", "i");
            assertEquals("invalid_field", ann.expectError("i").getString("code"));
            ann.send("join_private", "id", "jc");
            assertEquals("missing_field", ann.expectError("jc").getString("code"));
            ann.send(new JsonObject().put("type", "chat").put("id", "big").put("text", "x".repeat(17 * 1024)));
            assertEquals("too_large", ann.expect("error").getString("code"));
            ann.send("ready", "id", "r");
            assertEquals("not_in_room", ann.expectError("r").getString("code"));
            ann.send("leave", "id", "l");
            assertEquals("not_in_room", ann.expectError("l").getString("code"));
            ann.send("game_over", "winner", "x", "id", "g");
            assertEquals("not_in_room", ann.expectError("g").getString("code"));
            ann.send(new JsonObject().put("type", "ping").put("id", 12));
            assertEquals(12, ann.expect("pong").getInteger("id"));

            assertFalse(ann.isClosed());
            assertEquals(before, snapshot(), "refused frames change nothing in Redis");
        }
    }

    @Test
    void aWrongFrameForTheRoomStateChangesNothing() {
        try (WsClient ann = WsClient.connect(vertx, base, TestPlayers.create(redis, "Ann"))) {
            ann.send("pair", "mode", "duel", "id", "p").expect("room");
            ann.expectAck("p");
            Map<String, String> before = snapshot();
            ann.send("game_over", "winner", ann.player.playerId(), "id", "early");
            assertEquals("not_playing", ann.expectError("early").getString("code"));
            assertEquals(before, snapshot());
        }
    }

    /** Every string key of the matchmaker with its value, but the replicas' heartbeats, which come and go by themselves. */
    private Map<String, String> snapshot() {
        Map<String, String> values = new HashMap<>();
        for (String key : redis.key().keys("mm:*")) {
            if (!key.startsWith("mm:replica:") && "string".equals(redis.key().type(key).name().toLowerCase())) {
                values.put(key, redis.value(String.class).get(key));
            }
        }
        return values;
    }
}
