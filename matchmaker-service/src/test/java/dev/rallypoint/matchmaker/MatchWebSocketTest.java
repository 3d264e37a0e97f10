package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.Management;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import dev.rallypoint.matchmaker.room.RoomKeys;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class MatchWebSocketTest extends WebSocketTestBase {

    @BeforeEach
    void emptyRedis() {
        redis.flushall();
    }

    @Test
    void anUpgradeWithoutAValidTokenIsRefused() {
        assertEquals(401, WsClient.upgradeStatus(vertx, base, "/ws"));
        assertEquals(401, WsClient.upgradeStatus(vertx, base, "/ws?token=garbage"));
        var player = TestPlayers.create(redis, "Ok");
        assertEquals(101, WsClient.upgradeStatus(vertx, base, "/ws?token=" + player.token()));
    }

    @Test
    void welcomesThePlayerOfTheSession() {
        var player = TestPlayers.create(redis, "Ann");
        WsClient ann = WsClient.connect(vertx, base, player);
        clients.add(ann);
        JsonObject welcome = ann.expect("welcome");
        assertEquals(player.playerId(), welcome.getString("playerId"));
        assertEquals("Ann", welcome.getString("name"));
    }

    @Test
    void twoPlayersPairIntoADuelThatStarts() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");

        ann.send("pair", "mode", "duel", "id", "p1");
        JsonObject annRoom = ann.expect("room").getJsonObject("room");
        ann.expectAck("p1");
        assertEquals("duel", annRoom.getString("mode"));
        assertEquals("recruiting", annRoom.getString("state"));
        assertEquals(2, annRoom.getInteger("capacity"));
        assertEquals(1, annRoom.getJsonArray("players").size());
        assertNull(annRoom.getString("code"), "a public room has no invite code");

        bob.send("pair", "mode", "duel", "id", "p2");
        JsonObject bobRoom = bob.expect("room").getJsonObject("room");
        assertEquals(annRoom.getString("id"), bobRoom.getString("id"));
        assertEquals(2, bobRoom.getJsonArray("players").size());

        JsonObject joined = ann.expect("player_joined");
        assertEquals(bob.player.playerId(), joined.getJsonObject("player").getString("playerId"));
        assertEquals("Bob", joined.getJsonObject("player").getString("name"));
        assertEquals(annRoom.getString("id"), joined.getString("roomId"));

        for (WsClient client : List.of(ann, bob)) {
            JsonObject started = client.expect("game_started");
            assertEquals(annRoom.getString("id"), started.getString("roomId"));
            assertEquals(0, started.getInteger("bots"));
            assertEquals(2, started.getJsonArray("players").size());
        }
        assertFalse(bob.seen().stream().anyMatch(f -> "player_joined".equals(f.getString("type"))),
                "a joiner learns of its own join from the room frame only");
    }

    @Test
    void aSquadStartsWhenMinReadyPlayersAreReadyWithBotsForTheFreeSeats() {
        WsClient a = connect("A");
        WsClient b = connect("B");
        WsClient c = connect("C");
        for (WsClient client : List.of(a, b, c)) {
            client.send("pair", "mode", "squad").expect("room");
        }
        a.send("ready", "id", "r1").expectAck("r1");
        b.send("ready");
        JsonObject ready = c.expect(f -> "player_ready".equals(f.getString("type"))
                && b.player.playerId().equals(f.getString("playerId")), "B ready");
        assertTrue(ready.getLong("seq") > 0);
        c.send("ready");

        for (WsClient client : List.of(a, b, c)) {
            JsonObject started = client.expect("game_started");
            assertEquals(1, started.getInteger("bots"), "four seats, three players");
        }
    }

    @Test
    void everyPlayerSeesTheSameEventsInTheSameOrder() {
        WsClient a = connect("A");
        WsClient b = connect("B");
        WsClient c = connect("C");
        a.send("pair", "mode", "squad").expect("room");
        b.send("pair", "mode", "squad").expect("room");
        c.send("pair", "mode", "squad").expect("room");
        for (WsClient client : List.of(a, b, c)) {
            client.send("ready");
        }
        for (WsClient client : List.of(a, b, c)) {
            client.expect("game_started");
        }
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), seqs(a, 3), "C joined, three ready, started: " + a.seen());
        assertEquals(seqs(a, 3), seqs(b, 3), "B: " + b.seen());
        assertEquals(seqs(a, 4), seqs(c, 4), "C: " + c.seen());
    }

    private static List<Long> seqs(WsClient client, long from) {
        return client.seen().stream().filter(f -> f.containsKey("seq") && f.getLong("seq") >= from)
                .map(f -> f.getLong("seq")).toList();
    }

    @Test
    void chatReachesEveryoneInTheRoomWithControlCharactersStripped() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "ffa").expect("room");
        bob.send("pair", "mode", "ffa").expect("room");

        ann.send("chat", "text", "gl\u0007 hf", "id", "c1");
        for (WsClient client : List.of(ann, bob)) {
            JsonObject chat = client.expect("chat");
            assertEquals("gl hf", chat.getString("text"));
            assertEquals(ann.player.playerId(), chat.getString("from"));
            assertEquals("Ann", chat.getString("name"));
            assertTrue(chat.getLong("ts") > 0);
        }
        bob.send("chat", "text", "thanks");
        assertEquals("thanks", ann.expect("chat").getString("text"));

        ann.send("chat", "text", "x".repeat(501), "id", "long");
        assertEquals("invalid_field", ann.expectError("long").getString("code"));
        ann.send("chat", "text", "\u0001\u0002", "id", "empty");
        assertEquals("invalid_field", ann.expectError("empty").getString("code"));
    }

    @Test
    void chatIsRateLimited() {
        WsClient ann = connect("Ann");
        ann.send("pair", "mode", "ffa").expect("room");
        for (int i = 0; i < 20; i++) {
            ann.send("chat", "text", "spam " + i, "id", "s" + i);
        }
        JsonObject limited = ann.expect(f -> "error".equals(f.getString("type")), "an error");
        assertEquals("rate_limited", limited.getString("code"));
    }

    @Test
    void chatOutsideARoomIsRefused() {
        WsClient ann = connect("Ann");
        ann.send("chat", "text", "hello?", "id", "c");
        assertEquals("not_in_room", ann.expectError("c").getString("code"));
    }

    @Test
    void theGameEndsWhenThePlayersAgreeAndIsRecorded() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "duel").expect("room");
        String roomId = bob.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        ann.expect("game_started");
        bob.expect("game_started");

        ann.send("game_over", "winner", "someone-else", "id", "bad");
        assertEquals("invalid_winner", ann.expectError("bad").getString("code"));

        ann.send("game_over", "winner", bob.player.playerId(), "id", "g1");
        ann.expectAck("g1");
        bob.send("game_over", "winner", bob.player.playerId(), "id", "g2");
        bob.expectAck("g2");
        for (WsClient client : List.of(ann, bob)) {
            JsonObject ended = client.expect("game_ended");
            assertEquals(bob.player.playerId(), ended.getString("winner"));
            assertEquals(roomId, ended.getString("roomId"));
        }
        bob.send("game_over", "winner", bob.player.playerId(), "id", "g3");
        assertEquals("not_in_room", bob.expectError("g3").getString("code"));

        var entries = redis.stream(String.class).xrange("matches", io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(1, entries.size(), "one entry per game");
        Map<String, String> match = entries.get(0).payload();
        assertEquals(roomId, match.get("matchId"));
        assertEquals("duel", match.get("mode"));
        assertEquals(bob.player.playerId(), match.get("winner"));
        JsonArray players = new JsonArray(match.get("players"));
        assertEquals(List.of(ann.player.playerId(), bob.player.playerId()), players.getList());
        assertTrue(Long.parseLong(match.get("endedAt")) >= Long.parseLong(match.get("startedAt")));

        ann.send("pair", "mode", "duel", "id", "again");
        ann.expect("room");
        ann.expectAck("again");
    }

    @Test
    void aGameOverBeforeTheStartIsRefused() {
        WsClient ann = connect("Ann");
        ann.send("pair", "mode", "duel").expect("room");
        ann.send("game_over", "winner", ann.player.playerId(), "id", "early");
        assertEquals("not_playing", ann.expectError("early").getString("code"));
    }

    @Test
    void leavingIsAnnouncedToTheOthers() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "squad").expect("room");
        bob.send("pair", "mode", "squad").expect("room");

        bob.send("leave", "id", "l1").expectAck("l1");
        JsonObject left = ann.expect("player_left");
        assertEquals(bob.player.playerId(), left.getString("playerId"));
        assertEquals("left", left.getString("reason"));

        bob.send("leave", "id", "l2");
        assertEquals("not_in_room", bob.expectError("l2").getString("code"));
        bob.send("pair", "mode", "squad", "id", "back");
        assertEquals(2, bob.expect("room").getJsonObject("room").getJsonArray("players").size(),
                "the free seat of the one open room is taken again");
    }

    @Test
    void aDisconnectWhileRecruitingIsALeave() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "squad").expect("room");
        bob.send("pair", "mode", "squad").expect("room");

        bob.close();
        JsonObject left = ann.expect("player_left");
        assertEquals(bob.player.playerId(), left.getString("playerId"));
        assertEquals("disconnected", left.getString("reason"));
    }

    @Test
    void whenEveryoneLeavesAPlayingRoomTheGameEndsWithoutWinner() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "duel").expect("room");
        bob.send("pair", "mode", "duel").expect("room");
        ann.expect("game_started");

        bob.send("leave", "id", "bob-out").expectAck("bob-out");
        assertEquals("left", ann.expect("player_left").getString("reason"));
        ann.send("leave", "id", "bye").expectAck("bye");

        var entries = redis.stream(String.class).xrange("matches", io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
        assertEquals(1, entries.size());
        assertEquals("", entries.get(0).payload().get("winner"));
        assertEquals(2, new JsonArray(entries.get(0).payload().get("players")).size(), "everyone who started");
    }

    @Test
    void aPlayerIsInOneRoomAtATime() {
        WsClient ann = connect("Ann");
        ann.send("pair", "mode", "duel").expect("room");
        ann.send("pair", "mode", "duel", "id", "twice");
        assertEquals("already_in_room", ann.expectError("twice").getString("code"));
        ann.send("pair", "mode", "squad", "id", "other-mode");
        assertEquals("already_in_room", ann.expectError("other-mode").getString("code"));
        ann.send("create_private", "mode", "squad", "id", "private");
        assertEquals("already_in_room", ann.expectError("private").getString("code"));
    }

    @Test
    void aSecondConnectionOfTheSamePlayerTakesTheRoomAndCannotJoinASecond() {
        var player = TestPlayers.create(redis, "Twin");
        WsClient first = connect(player);
        first.send("pair", "mode", "duel").expect("room");
        WsClient second = connect(player);
        assertEquals("duel", second.expect("room").getJsonObject("room").getString("mode"), "the room comes along");
        second.send("pair", "mode", "squad", "id", "elsewhere");
        assertEquals("already_in_room", second.expectError("elsewhere").getString("code"));
        second.send("pair", "mode", "squad", "id", "again");
        assertEquals("already_in_room", second.expectError("again").getString("code"));
    }

    @Test
    void aRefusedJoinLeavesTheClaimOfAnotherJoinInPlace() {
        var player = TestPlayers.create(redis, "Twin");
        // A join of this player on another connection is under way: its claim holds the binding.
        String binding = RoomKeys.binding(player.playerId());
        redis.value(String.class).set(binding, "pending");
        WsClient client = connect(player);
        client.send("pair", "mode", "duel", "id", "refused");
        assertEquals("already_in_room", client.expectError("refused").getString("code"));
        assertEquals("pending", redis.value(String.class).get(binding), "the other join's claim is still there");
    }

    @Test
    void metricsCountConnectionsFramesRoomsAndPairToStart() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("pair", "mode", "duel").expect("room");
        bob.send("pair", "mode", "duel").expect("room");
        ann.expect("game_started");
        bob.expect("game_started");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Management.given().get("/q/metrics").then()
                .body(containsString("rallypoint_matchmaker_rooms{mode=\"duel\",state=\"playing\"} 1.0"))
                .body(containsString("rallypoint_matchmaker_rooms{mode=\"duel\",state=\"recruiting\"} 0.0"))
                .body(containsString("rallypoint_matchmaker_frames_in_total{type=\"pair\"}"))
                .body(containsString("rallypoint_matchmaker_frames_out_total"))
                .body(containsString("rallypoint_matchmaker_connections"))
                .body(containsString("rallypoint_matchmaker_pair_to_start_seconds_count")));
    }

    @Test
    void anUnknownModeIsRefused() {
        WsClient ann = connect("Ann");
        ann.send("pair", "mode", "battle-royale", "id", "m");
        assertEquals("unknown_mode", ann.expectError("m").getString("code"));
    }
}
