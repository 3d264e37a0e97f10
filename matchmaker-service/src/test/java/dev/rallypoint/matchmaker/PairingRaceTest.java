package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A thousand players ask to be paired at the same moment; the room invariants must hold. */
@QuarkusTest
@TestProfile(PairingRaceTest.OwnApp.class)
@WithTestResource(RedisTestResource.class)
class PairingRaceTest extends WebSocketTestBase {

    /**
     * A profile of its own: closing a thousand sockets leaves the replica busy dropping their
     * seats for a while, which other test classes should not have to wait through.
     */
    public static class OwnApp implements QuarkusTestProfile {
    }

    private static final int PLAYERS = 1_000;
    private static final Map<String, Integer> CAPACITY = Map.of("duel", 2, "squad", 4);

    @Test
    void socketsThatCloseWhileTheirPairRunsLeaveNoSeatBehind() {
        JsonObject pool = new JsonObject().put("test", UUID.randomUUID().toString().substring(0, 8));
        List<TestPlayers.TestPlayer> players = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            players.add(TestPlayers.create(redis, "Q" + i));
        }
        List<WsClient> clients = WsClient.await(Future.all(players.stream()
                .map(player -> WsClient.connectAsync(vertx, base, player)).toList())).list();
        for (WsClient client : clients) {
            client.expect("welcome");
        }
        // Each socket closes right behind its pair: the close is handled while the pair runs, or
        // before or after it; whichever it is, the player must end up seated nowhere.
        for (WsClient client : clients) {
            client.send("pair", "mode", "squad", "properties", pool);
            client.close();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (TestPlayers.TestPlayer player : players) {
                assertNull(redis.value(String.class).get("mm:player:" + player.playerId()), player.name() + " is still bound");
            }
            assertEquals(List.of(), redis.sortedSet(String.class).zrange("mm:{squad}:lobby:test=" + pool.getString("test"), 0, -1),
                    "rooms of players who left");
        });
    }

    @Test
    void aSocketClosedWhileRedisHoldsItsPairLeavesNoSeatBehind() {
        JsonObject pool = new JsonObject().put("test", UUID.randomUUID().toString().substring(0, 8));
        TestPlayers.TestPlayer ann = TestPlayers.create(redis, "Ann");
        WsClient client = WsClient.connect(vertx, base, ann);
        client.expect("welcome");
        // Redis holds every command for a moment: the pair is under way when the close is handled.
        redis.execute("CLIENT", "PAUSE", "1500");
        client.send("pair", "mode", "squad", "properties", pool);
        client.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertNull(redis.value(String.class).get("mm:player:" + ann.playerId()), "Ann is still bound");
            assertEquals(List.of(), redis.sortedSet(String.class).zrange("mm:{squad}:lobby:test=" + pool.getString("test"), 0, -1),
                    "Ann's room still waits");
        });
    }

    @Test
    void aThousandPlayersPairingAtOnceEndInExactlyOneRoomEach() {
        redis.flushall();
        List<TestPlayers.TestPlayer> players = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            players.add(TestPlayers.create(redis, "P" + i));
        }
        List<WsClient> clients = WsClient.await(Future.all(players.stream()
                .map(player -> WsClient.connectAsync(vertx, base, player)).toList())).list();
        try {
            for (WsClient client : clients) {
                client.expect("welcome");
            }
            // All frames are written before any reply is read: the pairs race in Redis.
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send("pair", "mode", i % 2 == 0 ? "duel" : "squad", "id", "pair");
            }

            Map<String, String> roomOfPlayer = new HashMap<>();
            for (WsClient client : clients) {
                JsonObject room = client.expect("room").getJsonObject("room");
                client.expectAck("pair");
                roomOfPlayer.put(client.player.playerId(), room.getString("mode") + " " + room.getString("id"));
            }
            assertEquals(PLAYERS, roomOfPlayer.size(), "every player got a room");

            Map<String, List<String>> seatsByRoom = new HashMap<>();
            Map<String, Integer> openRoomsByMode = new HashMap<>();
            for (String key : redis.key().keys("mm:{*}:room:*")) {
                if (key.split(":").length != 4) {
                    // Not the room itself (mm:{<mode>}:room:<id>) but its log, relay hash, ...
                    continue;
                }
                JsonObject room = new JsonObject(redis.value(String.class).get(key));
                String mode = room.getString("mode");
                JsonArray seated = room.getJsonArray("players", new JsonArray());
                assertTrue(seated.size() <= CAPACITY.get(mode), "over capacity: " + room);
                List<String> ids = seated.stream().map(p -> ((JsonObject) p).getString("playerId")).toList();
                seatsByRoom.put(mode + " " + room.getString("id"), ids);
                if ("recruiting".equals(room.getString("state")) && seated.size() < CAPACITY.get(mode)) {
                    openRoomsByMode.merge(mode, 1, Integer::sum);
                }
            }
            Map<String, String> roomInRedis = new HashMap<>();
            seatsByRoom.forEach((room, ids) -> ids.forEach(id -> {
                String previous = roomInRedis.put(id, room);
                assertEquals(null, previous, "player " + id + " seated twice");
            }));
            assertEquals(roomOfPlayer, roomInRedis, "each player is in the room it was shown, and only there");
            openRoomsByMode.forEach((mode, open) -> assertTrue(open <= 1, open + " rooms with free seats in " + mode));
            assertEquals(PLAYERS / 2 / 2, seatsByRoom.keySet().stream().filter(r -> r.startsWith("duel")).count());
            assertEquals(PLAYERS / 2 / 4, seatsByRoom.keySet().stream().filter(r -> r.startsWith("squad")).count());
        } finally {
            clients.forEach(WsClient::close);
        }
    }
}
