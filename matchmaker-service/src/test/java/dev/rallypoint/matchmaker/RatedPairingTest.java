package dev.rallypoint.matchmaker;

import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pairing by rating ({@code ranked}: a window of 100 points that widens by 200 a second here, up
 * to 400). Each test pairs in a pool of its own (a {@code test} property), so that lone players
 * of one test never meet another's.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RatedPairingTest extends WebSocketTestBase {

    @Test
    void playersWithinTheWindowPairAtOnce() {
        JsonObject pool = pool();
        WsClient ann = rated("Ann", 1500).send("pair", "mode", "ranked", "properties", pool);
        String room = ann.expect("room").getJsonObject("room").getString("id");
        WsClient bo = rated("Bo", 1590).send("pair", "mode", "ranked", "properties", pool);

        assertEquals(room, bo.expect("room").getJsonObject("room").getString("id"));
        ann.expect("game_started");
        bo.expect("game_started");
    }

    @Test
    void farApartPlayersWaitApartUntilTheirWindowsWidenThenOneMovesToTheOther() {
        JsonObject pool = pool();
        WsClient cy = rated("Cy", 1500).send("pair", "mode", "ranked", "properties", pool);
        String cysRoom = cy.expect("room").getJsonObject("room").getString("id");
        WsClient di = rated("Di", 1800).send("pair", "mode", "ranked", "properties", pool);
        String disRoom = di.expect("room").getJsonObject("room").getString("id");
        assertNotEquals(cysRoom, disRoom, "300 points apart is past the window's start");

        cy.expect("game_started");
        di.expect("game_started");
        List<String> rooms = List.of(lastRoom(cy).getString("id"), lastRoom(di).getString("id"));
        assertEquals(rooms.get(0), rooms.get(1), "one of them moved to the other's room: " + rooms);
        assertEquals(3, lastRoom(cy).getJsonArray("players").size() + lastRoom(di).getJsonArray("players").size(),
                "the one who moved saw the other in its new room, the other saw itself alone");
    }

    @Test
    void aPlayerFartherThanTheWidestWindowFromEveryoneKeepsWaiting() {
        JsonObject pool = pool();
        WsClient ed = rated("Ed", 1500).send("pair", "mode", "ranked", "properties", pool);
        ed.expect("room");
        WsClient flo = rated("Flo", 2000).send("pair", "mode", "ranked", "properties", pool);
        flo.expect("room");
        // Gus fits Ed only once Ed's window is at its widest (400), when Flo's is too.
        WsClient gus = rated("Gus", 1100).send("pair", "mode", "ranked", "properties", pool);
        gus.expect("room");

        ed.expect("game_started");
        gus.expect("game_started");
        assertEquals(lastRoom(ed).getString("id"), lastRoom(gus).getString("id"));
        // Whatever was sent to Flo before her pong has arrived by then.
        flo.send("ping").expect("pong");
        assertEquals(1, flo.seen().stream().filter(frame -> "room".equals(frame.getString("type"))).count(),
                "500 points from Ed: Flo stays where she is");
        assertTrue(flo.seen().stream().noneMatch(frame -> "game_started".equals(frame.getString("type"))));
    }

    @Test
    void theRatingIsTheServersNotWhatTheClientSays() {
        JsonObject pool = pool();
        WsClient hal = rated("Hal", 2500).send("pair", "mode", "ranked", "properties", pool, "rating", 1500);
        String halsRoom = hal.expect("room").getJsonObject("room").getString("id");
        WsClient ida = rated("Ida", 1500).send("pair", "mode", "ranked", "properties", pool, "rating", 1500);

        assertNotEquals(halsRoom, ida.expect("room").getJsonObject("room").getString("id"));
    }

    @Test
    void aPlayerWithoutRatedGamesHasANewPlayersRating() {
        JsonObject pool = pool();
        WsClient jo = connect("Jo").send("pair", "mode", "ranked", "properties", pool);
        String room = jo.expect("room").getJsonObject("room").getString("id");
        WsClient kai = rated("Kai", 1550).send("pair", "mode", "ranked", "properties", pool);

        assertEquals(room, kai.expect("room").getJsonObject("room").getString("id"));
    }

    @Test
    void propertiesMustMatchExactlyInAnyMode() {
        for (String mode : List.of("ranked", "duel")) {
            String test = UUID.randomUUID().toString().substring(0, 8);
            WsClient eu = connect("Eu").send("pair", "mode", mode, "properties", new JsonObject().put("region", "eu").put("test", test));
            JsonObject euRoom = eu.expect("room").getJsonObject("room");
            assertEquals(Map.of("region", "eu", "test", test), euRoom.getJsonObject("properties").getMap());
            WsClient us = connect("Us").send("pair", "mode", mode, "properties", new JsonObject().put("region", "us").put("test", test));
            assertNotEquals(euRoom.getString("id"), us.expect("room").getJsonObject("room").getString("id"));
            // The same properties in another order are the same pool.
            WsClient eu2 = connect("Eu2").send("pair", "mode", mode, "properties", new JsonObject().put("test", test).put("region", "eu"));

            assertEquals(euRoom.getString("id"), eu2.expect("room").getJsonObject("room").getString("id"), mode);
            eu.expect("game_started");
        }
    }

    @Test
    void badPropertiesAreRefusedAndTheConnectionStaysOpen() {
        WsClient lee = connect("Lee");
        JsonObject nine = new JsonObject();
        for (int i = 0; i < 9; i++) {
            nine.put("p" + i, "x");
        }
        List<Object> bad = List.of("eu", new JsonObject().put("region", 5), new JsonObject().put("re gion", "eu"),
                new JsonObject().put("region", "e u"), new JsonObject().put("region", "x".repeat(65)), nine,
                new JsonObject().put("region", new JsonObject()));
        for (int i = 0; i < bad.size(); i++) {
            lee.send("pair", "mode", "ranked", "properties", bad.get(i), "id", "bad" + i);
            assertEquals("invalid_field", lee.expectError("bad" + i).getString("code"), bad.get(i).toString());
        }
        lee.send("ping", "id", "still");
        lee.expect("pong");
    }

    @Test
    void aRatedSquadFillsWithPlayersWithinTheWindow() {
        JsonObject pool = pool();
        List<WsClient> squad = List.of(rated("S1", 1400), rated("S2", 1450), rated("S3", 1480), rated("S4", 1420));
        for (WsClient player : squad) {
            player.send("pair", "mode", "ranked-squad", "properties", pool).expect("room");
        }
        for (WsClient player : squad) {
            player.expect("game_started");
        }
        String room = lastRoom(squad.get(0)).getString("id");
        JsonObject stored = new JsonObject(redis.value(String.class).get("mm:{ranked-squad}:room:" + room));
        JsonArray players = stored.getJsonArray("players");
        assertEquals(4, players.size());
        for (Object player : players) {
            assertTrue(((JsonObject) player).containsKey("seatedAt"));
        }
    }

    /** A new player whose rating in the ranked modes is stored as leaderboard-service stores it, connected. */
    private WsClient rated(String name, double rating) {
        TestPlayers.TestPlayer player = TestPlayers.create(redis, name);
        String stored = new JsonObject().put("rating", rating).put("deviation", 80).put("volatility", 0.06).put("games", 20).encode();
        for (String mode : List.of("ranked", "ranked-squad")) {
            redis.hash(String.class).hset(RatingKeys.players(mode), player.playerId(), stored);
        }
        return connect(player);
    }

    private static JsonObject pool() {
        return new JsonObject().put("test", UUID.randomUUID().toString().substring(0, 8));
    }

    private static JsonObject lastRoom(WsClient client) {
        return client.seen().stream().filter(frame -> "room".equals(frame.getString("type")))
                .reduce((first, second) -> second).orElseThrow().getJsonObject("room");
    }
}
