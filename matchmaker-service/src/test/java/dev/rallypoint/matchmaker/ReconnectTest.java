package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A player who drops out of a game keeps the seat for the grace period and can come back. */
@QuarkusTest
@TestProfile(ReconnectTest.ShortGrace.class)
@WithTestResource(RedisTestResource.class)
class ReconnectTest extends WebSocketTestBase {

    /** Long enough for a reconnect on a slow machine, short enough to wait out in a test. */
    private static final int GRACE_SECONDS = 5;

    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.matchmaker.grace-period", "PT" + GRACE_SECONDS + "S");
        }
    }

    /** Three players in a started squad. */
    private List<WsClient> playingSquad() {
        List<WsClient> squad = new ArrayList<>();
        for (String name : List.of("A", "B", "C")) {
            WsClient client = connect(TestPlayers.create(redis, name));
            client.send("pair", "mode", "squad").expect("room");
            squad.add(client);
        }
        squad.forEach(client -> client.send("ready"));
        squad.forEach(client -> client.expect("game_started"));
        return squad;
    }

    @Test
    void aDroppedPlayerGetsTheRoomAndTheMissedEventsBack() {
        List<WsClient> squad = playingSquad();
        WsClient a = squad.get(0);
        WsClient b = squad.get(1);
        WsClient c = squad.get(2);

        c.close();
        JsonObject dropped = a.expect("player_connection");
        assertEquals(c.player.playerId(), dropped.getString("playerId"));
        assertFalse(dropped.getBoolean("connected"));
        b.send("leave", "id", "b-out").expectAck("b-out");
        a.expect("player_left");

        WsClient back = connect(c.player);
        JsonObject room = back.expect("room").getJsonObject("room");
        assertEquals("playing", room.getString("state"));
        assertEquals(2, room.getJsonArray("players").size());
        assertTrue(room.getJsonArray("players").stream().map(p -> (JsonObject) p)
                .allMatch(p -> p.getBoolean("connected")), "back and connected: " + room);
        JsonObject missed = back.expect("player_left");
        assertEquals(b.player.playerId(), missed.getString("playerId"));
        assertTrue(missed.getBoolean("replay"), "marked as replayed");

        JsonObject returned = a.expect("player_connection");
        assertTrue(returned.getBoolean("connected"));

        a.send("game_over", "winner", c.player.playerId());
        back.send("game_over", "winner", c.player.playerId());
        assertEquals(c.player.playerId(), back.expect("game_ended").getString("winner"));
    }

    @Test
    void afterTheGracePeriodTheSeatIsGivenUp() {
        var annPlayer = TestPlayers.create(redis, "Ann");
        var bobPlayer = TestPlayers.create(redis, "Bob");
        WsClient ann = connect(annPlayer);
        WsClient bob = connect(bobPlayer);
        ann.send("pair", "mode", "duel").expect("room");
        bob.send("pair", "mode", "duel").expect("room");
        ann.expect("game_started");

        bob.close();
        ann.expect("player_connection");
        JsonObject left = ann.expectWithin("player_left", GRACE_SECONDS + 15);
        assertEquals("timeout", left.getString("reason"));
        assertEquals(bobPlayer.playerId(), left.getString("playerId"));

        WsClient bobAgain = connect(bobPlayer);
        bobAgain.send("pair", "mode", "squad", "id", "fresh");
        bobAgain.expect("room");
        bobAgain.expectAck("fresh");
    }

    @Test
    void whenEveryoneDropsTheGameIsAbandonedAndRecorded() {
        var annPlayer = TestPlayers.create(redis, "Ann");
        WsClient ann = connect(annPlayer);
        WsClient bob = connect(TestPlayers.create(redis, "Bob"));
        ann.send("pair", "mode", "duel").expect("room");
        String roomId = bob.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        ann.expect("game_started");
        long before = matchesOf(roomId);

        ann.close();
        bob.close();

        await().atMost(Duration.ofSeconds(GRACE_SECONDS + 15)).until(() -> matchesOf(roomId) == before + 1);
        var entry = redis.stream(String.class).xrange("matches", StreamRange.of("-", "+"))
                .stream().filter(e -> roomId.equals(e.payload().get("matchId"))).findFirst().orElseThrow();
        assertEquals("", entry.payload().get("winner"));
    }

    private long matchesOf(String roomId) {
        return redis.stream(String.class).xrange("matches", StreamRange.of("-", "+"))
                .stream().filter(e -> roomId.equals(e.payload().get("matchId"))).count();
    }
}
