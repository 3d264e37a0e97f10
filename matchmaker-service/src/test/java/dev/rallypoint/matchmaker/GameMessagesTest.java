package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Game messages in a room: who gets them, in which order, and what is refused. */
@QuarkusTest
@TestProfile(GameMessagesTest.Modes.class)
@WithTestResource(RedisTestResource.class)
class GameMessagesTest extends WebSocketTestBase {

    public static class Modes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rallypoint.matchmaker.modes.trio.capacity", "3",
                    "rallypoint.matchmaker.modes.trio.min-ready", "3",
                    "rallypoint.matchmaker.modes.quad.capacity", "4",
                    "rallypoint.matchmaker.modes.quad.min-ready", "4",
                    "rallypoint.matchmaker.modes.lobby.capacity", "4",
                    "rallypoint.matchmaker.modes.lobby.min-ready", "4",
                    "rallypoint.matchmaker.modes.lobby.game-while-recruiting", "true");
        }
    }

    @Test
    void aMessageReachesTheOthersWithItsSenderOpAndSeq() {
        List<WsClient> duel = playing("duel", "Ann", "Bob");
        WsClient ann = duel.get(0);
        WsClient bob = duel.get(1);
        long seed = startOf(ann).getLong("seed");
        assertTrue(seed >= 0 && seed < 1L << 32, "a seed of 32 bits: " + seed);
        assertEquals(seed, startOf(bob).getLong("seed"), "one seed for the room");

        ann.send(new JsonObject().put("type", "send").put("op", 7).put("id", "m1")
                .put("data", new JsonObject().put("x", 1.5).put("hits", new JsonArray().add(3).add(new JsonArray()))));
        ann.expectAck("m1");
        JsonObject message = bob.expect("message");
        assertEquals(roomIdOf(ann), message.getString("roomId"));
        assertEquals(ann.player.playerId(), message.getString("from"));
        assertEquals(7, message.getInteger("op"));
        assertEquals(new JsonObject("{\"x\":1.5,\"hits\":[3,[]]}"), message.getJsonObject("data"), "the data as sent");
        assertEquals(1, message.getLong("seq"));

        // Without an id there is no ack; without an op none is sent on. Any JSON value is data.
        bob.send("ping", "id", "before").expect("pong");
        long idlessAcks = idlessAcks(bob);
        bob.send(new JsonObject().put("type", "send").put("data", "gg"));
        JsonObject reply = ann.expect("message");
        assertEquals("gg", reply.getString("data"));
        assertFalse(reply.containsKey("op"));
        assertEquals(2, reply.getLong("seq"));
        ann.send("ping", "id", "p").expect("pong");
        bob.send("ping", "id", "p").expect("pong");
        assertTrue(ann.seen().stream().noneMatch(frame -> "message".equals(frame.getString("type"))
                && ann.player.playerId().equals(frame.getString("from"))), "a sender does not get its own message");
        assertEquals(idlessAcks, idlessAcks(bob), "no ack for a message without an id");
    }

    private static JsonObject startOf(WsClient client) {
        return client.seen().stream().filter(frame -> "game_started".equals(frame.getString("type"))).findFirst().orElseThrow();
    }

    private static long idlessAcks(WsClient client) {
        return client.seen().stream().filter(frame -> "ack".equals(frame.getString("type")) && frame.getValue("id") == null).count();
    }

    @Test
    void toDeliversOnlyToTheNamedPlayers() {
        List<WsClient> trio = playing("trio", "Cleo", "Dave", "Eve");
        WsClient cleo = trio.get(0);
        WsClient dave = trio.get(1);
        WsClient eve = trio.get(2);

        cleo.send(new JsonObject().put("type", "send").put("data", "psst").put("to", new JsonArray().add(eve.player.playerId())));
        cleo.send(new JsonObject().put("type", "send").put("data", "all"));
        JsonObject whisper = eve.expect("message");
        assertEquals("psst", whisper.getString("data"));
        assertEquals("all", eve.expect("message").getString("data"));
        JsonObject toAll = dave.expect("message");
        assertEquals("all", toAll.getString("data"), "Dave never saw the whisper");
        assertEquals(whisper.getLong("seq") + 1, toAll.getLong("seq"), "one sequence for the room");

        // Naming oneself echoes the message back.
        dave.send(new JsonObject().put("type", "send").put("data", "me").put("to", new JsonArray().add(dave.player.playerId())));
        assertEquals("me", dave.expect("message").getString("data"));
    }

    @Test
    void everyReceiverSeesConcurrentSendersInOneOrder() {
        List<WsClient> lobby = playing("quad", "Finn", "Gus", "Hal", "Ivy");
        int perSender = 40;
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (WsClient client : lobby) {
            senders.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perSender; i++) {
                    client.send(new JsonObject().put("type", "send").put("data", client.player.name() + " " + i));
                }
            }));
        }
        senders.forEach(CompletableFuture::join);
        GameMessagesOrder.assertOneOrder(lobby, perSender);
    }

    /**
     * The script reads a player's seat from the room's relay hash: it follows the room as the room
     * changes, and a room saved before the hash existed relays from the room itself.
     */
    @Test
    void theRelayFollowsTheRoomAndARoomWithoutItsHashStillRelays() {
        List<WsClient> duel = playing("duel", "Ned", "Ola");
        WsClient ned = duel.get(0);
        WsClient ola = duel.get(1);
        String roomKey = "mm:{duel}:room:" + roomIdOf(ned);
        assertEquals("playing", redis.hash(String.class).hget(roomKey + ":relay", ned.player.playerId()));

        redis.key().del(roomKey + ":relay");
        ned.send("send", "data", "still here", "id", "old-room").expectAck("old-room");
        assertEquals("still here", ola.expect("message").getString("data"));

        ned.send("game_over", "winner", ned.player.playerId());
        ola.send("game_over", "winner", ned.player.playerId());
        ned.expect("game_ended");
        assertEquals("ended", redis.hash(String.class).hget(roomKey + ":relay", ola.player.playerId()),
                "the save that ended the game wrote the hash again");
    }

    @Test
    void aRecruitingRoomRelaysOnlyWhenItsModeSaysSo() {
        WsClient jay = connect("Jay");
        jay.send("pair", "mode", "duel").expect("room");
        jay.send("send", "data", 1, "id", "early");
        assertEquals("not_playing", jay.expectError("early").getString("code"));
        // Gone at once, so that no later duel of this class pairs with Jay.
        jay.send("leave", "id", "bye").expectAck("bye");

        WsClient kim = connect("Kim");
        WsClient lea = connect("Lea");
        kim.send("pair", "mode", "lobby").expect("room");
        lea.send("pair", "mode", "lobby").expect("room");
        kim.send("send", "data", "anyone here?", "id", "hello").expectAck("hello");
        assertEquals("anyone here?", lea.expect("message").getString("data"));
        kim.send("leave", "id", "bye").expectAck("bye");
        lea.send("leave", "id", "bye").expectAck("bye");

        WsClient max = connect("Max");
        max.send("send", "data", 1, "id", "nowhere");
        assertEquals("not_in_room", max.expectError("nowhere").getString("code"));
    }

    @Test
    void badFieldsAreRefusedAndTheConnectionStaysOpen() {
        List<WsClient> duel = playing("duel", "Ned", "Ola");
        WsClient ned = duel.get(0);
        ned.send("send", "id", "nodata");
        assertEquals("missing_field", ned.expectError("nodata").getString("code"));
        ned.send("send", "data", 1, "op", "fire", "id", "op");
        assertEquals("invalid_field", ned.expectError("op").getString("code"));
        ned.send("send", "data", 1, "op", 1.5, "id", "op2");
        assertEquals("invalid_field", ned.expectError("op2").getString("code"));
        ned.send("send", "data", 1, "to", "everyone", "id", "to");
        assertEquals("invalid_field", ned.expectError("to").getString("code"));
        ned.send(new JsonObject().put("type", "send").put("data", 1).put("id", "to2").put("to", new JsonArray().add("a|b")));
        assertEquals("invalid_field", ned.expectError("to2").getString("code"));
        ned.send("send", "data", "x".repeat(5000), "id", "big");
        assertEquals("too_large", ned.expectError("big").getString("code"));

        ned.send("send", "data", "still here", "id", "ok").expectAck("ok");
        JsonObject delivered = duel.get(1).expect("message");
        assertEquals("still here", delivered.getString("data"));
        assertEquals(1, delivered.getLong("seq"), "refused messages take no seq");
    }
}
