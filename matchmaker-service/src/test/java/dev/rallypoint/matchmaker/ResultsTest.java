package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.TestServerKeys;
import dev.rallypoint.common.testing.WsClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * How a game ends under each results policy: players agree (consensus), a majority agrees and
 * the others stay silent, players disagree (disputed), or only the game server may report.
 */
@QuarkusTest
@TestProfile(ResultsTest.Modes.class)
@WithTestResource(RedisTestResource.class)
class ResultsTest extends WebSocketTestBase {

    /** Short enough to wait out in a test, long enough for a dispute to arrive on a busy machine. */
    private static final int WINDOW_SECONDS = 3;

    public static class Modes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "rallypoint.matchmaker.modes.trio.capacity", "3",
                    "rallypoint.matchmaker.modes.trio.min-ready", "3",
                    "rallypoint.matchmaker.modes.trio.result-window", "PT" + WINDOW_SECONDS + "S",
                    "rallypoint.matchmaker.modes.refereed.capacity", "2",
                    "rallypoint.matchmaker.modes.refereed.min-ready", "2",
                    "rallypoint.matchmaker.modes.refereed.results", "server");
        }
    }

    @Test
    void aLoneSelfReportDoesNotEndTheGameTheOpponentsConfirmationDoes() {
        List<WsClient> duel = playing("duel", "Ann", "Bob");
        WsClient ann = duel.get(0);
        WsClient bob = duel.get(1);
        String roomId = roomIdOf(ann);

        ann.send("game_over", "winner", ann.player.playerId(), "id", "claim").expectAck("claim");
        JsonObject reported = bob.expect("result_reported");
        assertEquals(ann.player.playerId(), reported.getString("playerId"));
        assertEquals(ann.player.playerId(), reported.getString("winner"));
        // The report's script ran before the ack: had it ended the game, the room would say so.
        assertEquals("playing", roomState("duel", roomId));
        ann.send("game_over", "winner", ann.player.playerId(), "id", "again").expectAck("again");
        ann.send("game_over", "winner", bob.player.playerId(), "id", "flip");
        assertEquals("already_reported", ann.expectError("flip").getString("code"));
        assertEquals("playing", roomState("duel", roomId));

        bob.send("game_over", "winner", ann.player.playerId(), "id", "confirm").expectAck("confirm");
        for (WsClient client : duel) {
            JsonObject ended = client.expect("game_ended");
            assertEquals(ann.player.playerId(), ended.getString("winner"));
            assertEquals("game_over", ended.getString("reason"));
            assertEquals("consensus", ended.getString("resolution"));
        }
        Map<String, String> match = matchOf(roomId);
        assertEquals(ann.player.playerId(), match.get("winner"));
        assertEquals("consensus", match.get("resolution"));
    }

    @Test
    void playersWhoDisagreeEndTheGameDisputedWithoutAWinner() {
        List<WsClient> duel = playing("duel", "Cat", "Dan");
        String roomId = roomIdOf(duel.get(0));
        for (WsClient client : duel) {
            client.send("game_over", "winner", client.player.playerId());
        }
        for (WsClient client : duel) {
            JsonObject ended = client.expect("game_ended");
            assertNull(ended.getValue("winner"));
            assertEquals("disputed", ended.getString("reason"));
            assertEquals("disputed", ended.getString("resolution"));
        }
        Map<String, String> match = matchOf(roomId);
        assertEquals("", match.get("winner"));
        assertEquals("disputed", match.get("resolution"));
    }

    @Test
    void aMajorityStandsOnceTheOthersStaySilentForTheWindow() {
        List<WsClient> trio = playing("trio", "Eve", "Fay", "Gus");
        String roomId = roomIdOf(trio.get(0));
        String eve = trio.get(0).player.playerId();
        trio.get(0).send("game_over", "winner", eve, "id", "e").expectAck("e");
        trio.get(1).send("game_over", "winner", eve, "id", "f").expectAck("f");
        assertEquals("playing", roomState("trio", roomId), "the silent player may still dispute");

        for (WsClient client : trio) {
            JsonObject ended = client.expectWithin("game_ended", WINDOW_SECONDS + 15);
            assertEquals(eve, ended.getString("winner"));
            assertEquals("majority", ended.getString("resolution"));
        }
        assertEquals("majority", matchOf(roomId).get("resolution"));
    }

    @Test
    void theSilentPlayerCanStillDisputeAMajorityWithinTheWindow() {
        List<WsClient> trio = playing("trio", "Hal", "Ivy", "Jay");
        String roomId = roomIdOf(trio.get(0));
        String hal = trio.get(0).player.playerId();
        trio.get(0).send("game_over", "winner", hal, "id", "h").expectAck("h");
        trio.get(1).send("game_over", "winner", hal, "id", "i").expectAck("i");
        trio.get(2).send("game_over", "winner", trio.get(2).player.playerId(), "id", "j").expectAck("j");

        for (WsClient client : trio) {
            assertEquals("disputed", client.expect("game_ended").getString("resolution"));
        }
        assertEquals("", matchOf(roomId).get("winner"));
    }

    @Test
    void aPlayerWhoQuitsLeavesTheResultToThoseWhoStay() {
        List<WsClient> duel = playing("duel", "Kim", "Lou");
        WsClient kim = duel.get(0);
        WsClient lou = duel.get(1);
        String roomId = roomIdOf(kim);
        kim.send("game_over", "winner", kim.player.playerId(), "id", "k").expectAck("k");
        assertEquals("playing", roomState("duel", roomId));

        lou.send("leave", "id", "quit").expectAck("quit");
        JsonObject ended = kim.expect("game_ended");
        assertEquals(kim.player.playerId(), ended.getString("winner"));
        assertEquals("consensus", ended.getString("resolution"));
        assertEquals(List.of(kim.player.playerId(), lou.player.playerId()),
                new JsonArray(matchOf(roomId).get("players")).getList());
    }

    @Test
    void whereTheGameServerDecidesAPlayersReportIsRefused() {
        List<WsClient> pair = playing("refereed", "Max", "Ned");
        WsClient max = pair.get(0);
        String roomId = roomIdOf(max);
        max.send("game_over", "winner", max.player.playerId(), "id", "self");
        assertEquals("forbidden", max.expectError("self").getString("code"));
        assertEquals("playing", roomState("refereed", roomId));
    }

    @Test
    void aGameServerListsTheRoomsAndReportsTheResult() {
        List<WsClient> pair = playing("refereed", "Ola", "Pam");
        String roomId = roomIdOf(pair.get(0));
        String pam = pair.get(1).player.playerId();

        List<String> listed = server(TestServerKeys.ALL_SCOPES).get("/api/rooms?mode=refereed")
                .then().statusCode(200).extract().jsonPath().getList("id");
        assertTrue(listed.contains(roomId), listed.toString());
        server(TestServerKeys.ALL_SCOPES).body("{\"winner\":\"" + pam + "\"}").post("/api/rooms/refereed/" + roomId + "/result")
                .then().statusCode(204);
        for (WsClient client : pair) {
            JsonObject ended = client.expect("game_ended");
            assertEquals(pam, ended.getString("winner"));
            assertEquals("server", ended.getString("resolution"));
        }
        assertEquals("server", matchOf(roomId).get("resolution"));
        assertFalse(server(TestServerKeys.ALL_SCOPES).get("/api/rooms?mode=refereed").then().statusCode(200)
                .extract().jsonPath().getList("id").contains(roomId), "an ended room is not listed");
        server(TestServerKeys.ALL_SCOPES).body("{\"winner\":null}").post("/api/rooms/refereed/" + roomId + "/result")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void roomsAreForKeysWithTheScopeRoomsOnly() {
        server(TestServerKeys.SCORES_ONLY).get("/api/rooms?mode=duel").then().statusCode(403);
        given().get("/api/rooms?mode=duel").then().statusCode(401).contentType("application/problem+json");
        TestPlayers.TestPlayer player = TestPlayers.create(redis, "Quinn");
        given().auth().oauth2(player.token()).get("/api/rooms?mode=duel").then().statusCode(403);
        server(TestServerKeys.ALL_SCOPES).body("{\"winner\":null}").post("/api/rooms/duel/no-such-room/result")
                .then().statusCode(404).body("type", equalTo("urn:rallypoint:problem:room-not-found"));
        server(TestServerKeys.ALL_SCOPES).get("/api/rooms?mode=nope").then().statusCode(404);
        server(TestServerKeys.ALL_SCOPES).get("/api/rooms?mode=duel&count=abc").then().statusCode(400)
                .body("type", equalTo("urn:rallypoint:problem:invalid-count"));
    }

    private static RequestSpecification server(String key) {
        return given().header("Authorization", TestServerKeys.header(key)).contentType(ContentType.JSON);
    }

    /** Players of one started room of the mode, each already past game_started. */
    private String roomState(String mode, String roomId) {
        return new JsonObject(redis.value(String.class).get("mm:{" + mode + "}:room:" + roomId)).getString("state");
    }

    /** The game's entry in the stream matches, appended just after its players hear game_ended. */
    private Map<String, String> matchOf(String roomId) {
        var entries = await().until(() -> redis.stream(String.class).xrange("matches", StreamRange.of("-", "+")).stream()
                .filter(entry -> roomId.equals(entry.payload().get("matchId"))).toList(), found -> !found.isEmpty());
        assertEquals(1, entries.size(), "one entry per game");
        return entries.get(0).payload();
    }
}
