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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A room's shared state: merge patches, versions, what joiners and reconnecting players see, a result held in it. */
@QuarkusTest
@TestProfile(SharedStateTest.Modes.class)
@WithTestResource(RedisTestResource.class)
class SharedStateTest extends WebSocketTestBase {

    public static class Modes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rallypoint.matchmaker.modes.trio.capacity", "3",
                    "rallypoint.matchmaker.modes.trio.min-ready", "3",
                    "rallypoint.matchmaker.modes.race.capacity", "2",
                    "rallypoint.matchmaker.modes.race.min-ready", "2",
                    "rallypoint.matchmaker.modes.race.result-field", "winner",
                    "rallypoint.matchmaker.modes.lobby.capacity", "4",
                    "rallypoint.matchmaker.modes.lobby.min-ready", "4",
                    "rallypoint.matchmaker.modes.lobby.game-while-recruiting", "true",
                    "rallypoint.matchmaker.grace-period", "PT30S");
        }
    }

    @Test
    void everyoneGetsEachPatchWithTheNewVersionAndTheStateMerges() {
        List<WsClient> duel = playing("duel", "Ann", "Bob");
        WsClient ann = duel.get(0);
        WsClient bob = duel.get(1);
        JsonObject annsRoom = ann.seen().stream().filter(frame -> "room".equals(frame.getString("type"))).findFirst()
                .orElseThrow().getJsonObject("room");
        assertEquals(new JsonObject(), annsRoom.getJsonObject("gameState"), "a new room's state is {}");
        assertEquals(0, annsRoom.getLong("stateVersion"));

        JsonObject first = new JsonObject().put("board", new JsonObject().put("a1", "x")).put("turn", bob.player.playerId())
                .put("moves", new JsonArray()).put("big", 12345678901234567L);
        ann.send(new JsonObject().put("type", "state_set").put("patch", first).put("id", "s1")).expectAck("s1");
        for (WsClient client : duel) {
            JsonObject state = client.expect("state");
            assertEquals(first, state.getJsonObject("patch"));
            assertEquals(1, state.getLong("version"));
            assertEquals(ann.player.playerId(), state.getString("from"));
            assertEquals(roomIdOf(ann), state.getString("roomId"));
        }
        JsonObject second = new JsonObject().put("board", new JsonObject().put("b2", "o")).put("turn", ann.player.playerId());
        bob.send(new JsonObject().put("type", "state_set").put("patch", second).put("version", 1).put("id", "s2")).expectAck("s2");
        assertEquals(2, ann.expect("state").getLong("version"));

        // The whole state, as a player who comes back sees it: merged, [] still a list, the long number whole.
        bob.close();
        WsClient bobAgain = connect(bob.player);
        JsonObject room = bobAgain.expect("room").getJsonObject("room");
        assertEquals(new JsonObject("{\"board\":{\"a1\":\"x\",\"b2\":\"o\"},\"turn\":\"" + ann.player.playerId()
                + "\",\"moves\":[],\"big\":12345678901234567}"), room.getJsonObject("gameState"));
        assertEquals(2, room.getLong("stateVersion"));
        bobAgain.send("ping", "id", "p").expect("pong");
        assertTrue(bobAgain.seen().stream().noneMatch(frame -> "state".equals(frame.getString("type"))),
                "the changes already in the room frame are not replayed");
    }

    @Test
    void aChangeFromAnOldVersionIsRefusedAndChangesNothing() {
        List<WsClient> duel = playing("duel", "Cleo", "Dave");
        WsClient cleo = duel.get(0);
        WsClient dave = duel.get(1);
        cleo.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject().put("hp", 10)).put("version", 0).put("id", "c"))
                .expectAck("c");
        dave.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject().put("hp", 99)).put("version", 0).put("id", "d"));
        assertEquals("version_mismatch", dave.expectError("d").getString("code"));
        dave.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject().put("hp", 9)).put("version", 1).put("id", "d2"))
                .expectAck("d2");
        assertEquals(List.of(10, 9), List.of(cleo.expect("state").getJsonObject("patch").getInteger("hp"),
                cleo.expect("state").getJsonObject("patch").getInteger("hp")), "the refused change never went out");
    }

    @Test
    void concurrentChangesWithoutVersionAreAllApplied() {
        List<WsClient> trio = playing("trio", "Eve", "Finn", "Gus");
        int perPlayer = 15;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (WsClient client : trio) {
            writers.add(CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= perPlayer; i++) {
                    client.send(new JsonObject().put("type", "state_set").put("id", "w" + i)
                            .put("patch", new JsonObject().put(client.player.name(), i)));
                    client.expectAck("w" + i);
                }
            }));
        }
        writers.forEach(CompletableFuture::join);
        long last = 0;
        for (int i = 0; i < trio.size() * perPlayer; i++) {
            long version = trio.get(0).expect("state").getLong("version");
            assertEquals(last + 1, version, "one version per change, in order");
            last = version;
        }
        WsClient late = connect(trio.get(1).player);
        JsonObject room = late.expect("room").getJsonObject("room");
        assertEquals(new JsonObject().put("Eve", perPlayer).put("Finn", perPlayer).put("Gus", perPlayer), room.getJsonObject("gameState"));
        assertEquals(trio.size() * perPlayer, room.getLong("stateVersion"));
    }

    @Test
    void aJoinerGetsTheStateAndBadChangesAreRefused() {
        WsClient hal = connect("Hal");
        hal.send("pair", "mode", "lobby").expect("room");
        hal.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject().put("map", "dunes")).put("id", "m"))
                .expectAck("m");
        WsClient ivy = connect("Ivy");
        JsonObject room = ivy.send("pair", "mode", "lobby").expect("room").getJsonObject("room");
        assertEquals(new JsonObject().put("map", "dunes"), room.getJsonObject("gameState"));
        assertEquals(1, room.getLong("stateVersion"));

        hal.send("state_set", "id", "none");
        assertEquals("missing_field", hal.expectError("none").getString("code"));
        hal.send("state_set", "patch", "dunes", "id", "text");
        assertEquals("invalid_field", hal.expectError("text").getString("code"));
        hal.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject()).put("version", -1).put("id", "neg"));
        assertEquals("invalid_field", hal.expectError("neg").getString("code"));
        hal.send("leave", "id", "bye").expectAck("bye");
        ivy.send("leave", "id", "bye").expectAck("bye");

        WsClient jay = connect("Jay");
        jay.send("pair", "mode", "duel").expect("room");
        jay.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject()).put("id", "early"));
        assertEquals("not_playing", jay.expectError("early").getString("code"));
        jay.send("leave", "id", "bye").expectAck("bye");
    }

    @Test
    void aGameEndsWhenEveryPlayerSetsTheResultFieldToTheSameWinner() {
        List<WsClient> race = playing("race", "Kim", "Lea");
        WsClient kim = race.get(0);
        WsClient lea = race.get(1);
        String winner = lea.player.playerId();
        kim.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject().put("winner", winner)).put("id", "k"))
                .expectAck("k");
        assertEquals(winner, lea.expect("result_reported").getString("winner"));
        lea.send(new JsonObject().put("type", "state_set").put("patch", new JsonObject().put("winner", winner)).put("id", "l"))
                .expectAck("l");
        for (WsClient client : race) {
            JsonObject ended = client.expect("game_ended");
            assertEquals(winner, ended.getString("winner"));
            assertEquals("consensus", ended.getString("resolution"));
        }
    }
}
