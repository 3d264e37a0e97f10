package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PrivateRoomTest extends WebSocketTestBase {

    @Test
    void theRightCodeJoinsAndAWrongOneDoesNot() {
        WsClient host = connect("Host");
        JsonObject room = host.send("create_private", "mode", "duel", "id", "c").expect("room").getJsonObject("room");
        host.expectAck("c");
        String code = room.getString("code");
        assertTrue(code.matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}"), code);
        assertEquals("recruiting", room.getString("state"));

        WsClient stranger = connect("Stranger");
        stranger.send("join_private", "code", "ZZZZZZZZZZ", "id", "wrong");
        assertEquals("room_not_found", stranger.expectError("wrong").getString("code"));
        stranger.send("join_private", "code", "nope", "id", "malformed");
        assertEquals("room_not_found", stranger.expectError("malformed").getString("code"));

        WsClient guest = connect("Guest");
        String typed = code.substring(0, 5).toLowerCase() + "-" + code.substring(5);
        JsonObject joined = guest.send("join_private", "code", typed, "id", "j").expect("room").getJsonObject("room");
        assertEquals(room.getString("id"), joined.getString("id"));
        assertEquals(guest.player.playerId(), host.expect("player_joined").getJsonObject("player").getString("playerId"));
        host.expect("game_started");
        guest.expect("game_started");
    }

    @Test
    void aFullPrivateRoomRefusesMorePlayers() {
        WsClient host = connect("Host");
        String code = host.send("create_private", "mode", "squad").expect("room").getJsonObject("room").getString("code");
        for (int i = 0; i < 3; i++) {
            connect("Guest" + i).send("join_private", "code", code).expect("room");
        }
        WsClient late = connect("Late");
        late.send("join_private", "code", code, "id", "late");
        assertEquals("not_recruiting", late.expectError("late").getString("code"), "a full room has started");
    }

    @Test
    void aRecruitingPrivateRoomWithNoFreeSeatIsFull() {
        WsClient host = connect("Host");
        String code = host.send("create_private", "mode", "squad").expect("room").getJsonObject("room").getString("code");
        String roomId = host.seen().get(1).getJsonObject("room").getString("id");
        // Hold the room at capacity without starting it, as if three joins were in flight.
        String key = "mm:{squad}:room:" + roomId;
        JsonObject stored = new JsonObject(redis.value(String.class).get(key));
        for (int i = 0; i < 3; i++) {
            stored.getJsonArray("players").add(new JsonObject().put("playerId", "ghost" + i).put("name", "G")
                    .put("ready", false).put("connected", true));
        }
        redis.value(String.class).set(key, stored.encode());

        WsClient late = connect("Late");
        late.send("join_private", "code", code, "id", "full");
        assertEquals("room_full", late.expectError("full").getString("code"));
    }

    @Test
    void pairingNeverFillsAPrivateRoom() {
        WsClient host = connect("Host");
        String privateId = host.send("create_private", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        WsClient other = connect("Other");
        String pairedId = other.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        assertNotEquals(privateId, pairedId);
    }
}
