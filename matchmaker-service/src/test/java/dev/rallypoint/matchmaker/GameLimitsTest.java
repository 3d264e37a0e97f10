package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A game message or a room state over the configured size, and a player over the configured rate. */
@QuarkusTest
@TestProfile(GameLimitsTest.Tight.class)
@WithTestResource(RedisTestResource.class)
class GameLimitsTest extends WebSocketTestBase {

    public static class Tight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A refill so slow that no test run earns a second token.
            return Map.of("rallypoint.matchmaker.messages.max-size", "16",
                    "rallypoint.matchmaker.state.max-size", "32",
                    "rallypoint.matchmaker.messages.burst", "3",
                    "rallypoint.matchmaker.messages.per-second", "0.0001");
        }
    }

    @Test
    void aMessageOverTheSizeIsRefusedAndTheRateLimitsEachPlayer() {
        List<WsClient> duel = playing("duel", "Ann", "Bob");
        WsClient ann = duel.get(0);
        WsClient bob = duel.get(1);
        // "0123456789abcdef" is 18 bytes as JSON.
        ann.send("send", "data", "0123456789abcdef", "id", "big");
        assertEquals("too_large", ann.expectError("big").getString("code"));
        ann.send("send", "data", "0123456789abcd", "id", "fits").expectAck("fits");
        assertEquals("0123456789abcd", bob.expect("message").getString("data"));

        for (int i = 2; i <= 3; i++) {
            ann.send("send", "data", i, "id", "m" + i).expectAck("m" + i);
        }
        ann.send("send", "data", 4, "id", "over");
        assertEquals("rate_limited", ann.expectError("over").getString("code"));
        assertFalse(ann.isClosed());
        bob.send("send", "data", "mine", "id", "b").expectAck("b");
        assertEquals("mine", ann.expect("message").getString("data"), "the limit is Ann's, not the room's");
    }

    @Test
    void aStateOverTheSizeIsRefusedAndLeftAsItWas() {
        List<WsClient> duel = playing("duel", "Cleo", "Dave");
        WsClient cleo = duel.get(0);
        WsClient dave = duel.get(1);
        // {"a":"0123456789"} is 18 bytes as JSON; with "b" beside it, 35.
        cleo.send(new JsonObject().put("type", "state_set").put("id", "a").put("patch", new JsonObject().put("a", "0123456789")))
                .expectAck("a");
        cleo.send(new JsonObject().put("type", "state_set").put("id", "b").put("patch", new JsonObject().put("b", "0123456789")));
        assertEquals("too_large", cleo.expectError("b").getString("code"));
        assertEquals(1, dave.expect("state").getLong("version"));

        JsonObject swap = new JsonObject().put("a", null).put("b", "0123456789");
        cleo.send(new JsonObject().put("type", "state_set").put("id", "c").put("patch", swap)).expectAck("c");
        JsonObject state = dave.expect("state");
        assertEquals(2, state.getLong("version"), "the refused change took no version");
        assertEquals(swap, state.getJsonObject("patch"));
    }
}
