package dev.rallypoint.system;

import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.common.testing.WsClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three matchmaker replicas and a save-service as separate processes on one Redis (with an
 * append-only file, so that it can be killed and restarted mid-game).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MatchmakerReplicasTest {

    private static final int GRACE_SECONDS = 8;
    private static final int RESULT_WINDOW_SECONDS = 3;
    private static final Map<String, Integer> CAPACITY = Map.of("duel", 2, "squad", 4);
    // The ranked window: 100 points at first, 100 more a second here, 400 at most.
    private static final double WINDOW_START = 100;
    private static final double WINDOW_GROWTH = 100;
    private static final double WINDOW_MAX = 400;

    private static TestRedis redis;
    private static ServiceProcess saves;
    private static final List<ServiceProcess> replicas = new ArrayList<>();
    private static Vertx vertx;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void startSuite() {
        redis = TestRedis.start(true);
        Map<String, String> shared = Map.of("quarkus.redis.hosts", redis.url());
        // A thousand players log in from this one address: far past the limit of new sessions per address.
        saves = ServiceProcess.start("save-service", Map.of("quarkus.redis.hosts", redis.url(),
                "rallypoint.save.limits.sessions-burst", "100000"));
        Map<String, String> matchmaker = new HashMap<>(shared);
        matchmaker.put("rallypoint.matchmaker.grace-period", "PT" + GRACE_SECONDS + "S");
        matchmaker.put("rallypoint.matchmaker.modes.squad.result-window", "PT" + RESULT_WINDOW_SECONDS + "S");
        matchmaker.put("rallypoint.matchmaker.modes.ranked.window.growth", Double.toString(WINDOW_GROWTH));
        for (int i = 0; i < 3; i++) {
            replicas.add(ServiceProcess.start("matchmaker-service", matchmaker));
        }
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopSuite() {
        replicas.forEach(ServiceProcess::close);
        if (saves != null) {
            saves.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    @Test
    @Order(1)
    void aThousandPlayersOnThreeReplicasPairIntoValidRooms() {
        List<TestPlayers.TestPlayer> players = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            players.add(login("Racer" + i));
        }
        List<WsClient> racers = connectAcrossReplicas(players);
        for (int i = 0; i < racers.size(); i++) {
            racers.get(i).send("pair", "mode", i % 2 == 0 ? "duel" : "squad", "id", "race");
        }
        Map<String, String> shown = new HashMap<>();
        for (WsClient client : racers) {
            JsonObject room = client.expect("room").getJsonObject("room");
            client.expectAck("race");
            shown.put(client.player.playerId(), room.getString("mode") + " " + room.getString("id"));
        }

        Map<String, String> seated = new HashMap<>();
        Map<String, Integer> openRooms = new HashMap<>();
        for (JsonObject room : rooms("*")) {
            String mode = room.getString("mode");
            JsonArray seats = room.getJsonArray("players", new JsonArray());
            assertTrue(seats.size() <= CAPACITY.get(mode), "over capacity: " + room);
            for (Object p : seats) {
                String previous = seated.put(((JsonObject) p).getString("playerId"), mode + " " + room.getString("id"));
                assertNull(previous, "seated twice: " + p);
            }
            if ("recruiting".equals(room.getString("state")) && seats.size() < CAPACITY.get(mode)) {
                openRooms.merge(mode, 1, Integer::sum);
            }
        }
        assertEquals(shown, seated, "every player is in exactly the room it was shown");
        openRooms.forEach((mode, count) -> assertTrue(count <= 1, count + " rooms with free seats in " + mode));
    }

    @Test
    @Order(2)
    void aThousandRatedPlayersOnThreeReplicasPairWithinTheWindowAtEverySeatsTime() {
        Random random = new Random(24);
        List<TestPlayers.TestPlayer> players = new ArrayList<>();
        try (Jedis jedis = jedis()) {
            for (int i = 0; i < 1_000; i++) {
                TestPlayers.TestPlayer player = login("Ranked" + i);
                players.add(player);
                double rating = Math.round(1500 + 300 * random.nextGaussian());
                jedis.hset(RatingKeys.players("ranked"), player.playerId(),
                        new JsonObject().put("rating", rating).put("deviation", 60).put("volatility", 0.06).put("games", 30).encode());
            }
        }
        List<WsClient> ranked = connectAcrossReplicas(players);
        ranked.forEach(client -> client.send("pair", "mode", "ranked", "id", "race"));
        ranked.forEach(client -> client.expectAck("race"));

        // Lone players move to rooms they come to fit until no two who wait fit each other.
        await().atMost(Duration.ofSeconds(60)).until(MatchmakerReplicasTest::lobbySettled);

        Map<String, String> seated = new HashMap<>();
        int playing = 0;
        try (Jedis jedis = jedis()) {
            for (JsonObject room : rooms("ranked")) {
                List<JsonObject> seats = room.getJsonArray("players", new JsonArray()).stream().map(JsonObject.class::cast)
                        .sorted(Comparator.comparingLong(seat -> seat.getLong("seatedAt"))).toList();
                assertTrue(seats.size() <= 2, "over capacity: " + room);
                for (int k = 1; k < seats.size(); k++) {
                    List<JsonObject> sofar = seats.subList(0, k + 1);
                    double spread = sofar.stream().mapToDouble(seat -> seat.getDouble("rating")).max().orElseThrow()
                            - sofar.stream().mapToDouble(seat -> seat.getDouble("rating")).min().orElseThrow();
                    long longestWait = sofar.stream().mapToLong(seat -> seat.getLong("since")).min().orElseThrow();
                    double window = Math.min(WINDOW_MAX,
                            WINDOW_START + WINDOW_GROWTH * (seats.get(k).getLong("seatedAt") - longestWait) / 1000.0);
                    assertTrue(spread <= window, "spread " + spread + " over the window " + window + " at a seat's time: " + room);
                }
                for (JsonObject seat : seats) {
                    String room1 = room.getString("id");
                    assertNull(seated.put(seat.getString("playerId"), room1), "seated twice: " + seat);
                    assertEquals("ranked " + room1, jedis.get("mm:player:" + seat.getString("playerId")),
                            "the replica that moved a player bound it to its new room");
                }
                if ("playing".equals(room.getString("state"))) {
                    playing++;
                }
            }
        }
        assertEquals(1_000, seated.size(), "every player is in exactly one room");
        long waiting;
        try (Jedis jedis = jedis()) {
            waiting = jedis.zcard("mm:{ranked}:lobby");
        }
        assertEquals(1_000, 2 * playing + waiting, "every room but the lobby's lone players plays");
        assertTrue(waiting <= 10, waiting + " players found nobody within 400 points");
    }

    /** Whether no two rooms of the ranked lobby (each a lone player, at its rating) are within the widest window. */
    private static boolean lobbySettled() {
        try (Jedis jedis = jedis()) {
            List<Double> ratings = jedis.zrange("mm:{ranked}:lobby", 0, -1).stream()
                    .map(room -> jedis.zscore("mm:{ranked}:lobby", room)).toList();
            for (int i = 1; i < ratings.size(); i++) {
                if (ratings.get(i) - ratings.get(i - 1) <= WINDOW_MAX) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    @Order(3)
    void playersOnDifferentReplicasSeeTheSameEventsInTheSameOrder() {
        List<WsClient> room = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsClient client = connect(i, "Ffa" + i);
            client.send("pair", "mode", "ffa").expect("room");
            room.add(client);
        }
        room.forEach(client -> client.send("ready"));
        room.forEach(client -> client.expect("game_started"));
        // Every player reports the same winner, each on its own replica: consensus.
        room.forEach(client -> client.send("game_over", "winner", room.get(2).player.playerId()));
        room.forEach(client -> assertEquals("consensus", client.expect("game_ended").getString("resolution")));

        List<Long> first = seqsFrom(room.get(0), 3);
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), first,
                "C joined, three ready, started, three reports, ended");
        assertEquals(first, seqsFrom(room.get(1), 3));
        assertEquals(seqsFrom(room.get(0), 4), seqsFrom(room.get(2), 4));
    }

    @Test
    @Order(4)
    void aKilledReplicasPlayersLeaveOrKeepTheirSeatOrPartyPlaceAndReconnectElsewhere() {
        WsClient ann = connect(0, "Ann");
        WsClient bob = connect(2, "Bob");
        ann.send("pair", "mode", "squad").expect("room");
        bob.send("pair", "mode", "squad", "id", "b").expectAck("b");

        WsClient cat = connect(0, "Cat");
        WsClient dan = connect(2, "Dan");
        cat.send("pair", "mode", "duel").expect("room");
        dan.send("pair", "mode", "duel", "id", "d").expectAck("d");
        cat.expect("game_started");

        WsClient eve = connect(0, "Eve");
        WsClient fay = connect(2, "Fay");
        String party = eve.send("party_create").expect("party").getJsonObject("party").getString("code");
        fay.send("party_join", "code", party, "id", "f").expectAck("f");
        eve.expect("party_member_joined");

        replicas.get(2).kill();
        try {
            // The replica's heartbeat lapses after a few seconds; the margin is for a slow machine.
            JsonObject left = ann.expectWithin("player_left", 30);
            assertEquals(bob.player.playerId(), left.getString("playerId"));
            assertEquals("disconnected", left.getString("reason"));
            JsonObject dropped = cat.expectWithin("player_connection", 30);
            assertFalse(dropped.getBoolean("connected"));

            WsClient danAgain = connect(1, dan.player);
            JsonObject room = danAgain.expect("room").getJsonObject("room");
            assertEquals("playing", room.getString("state"));
            assertTrue(cat.expect("player_connection").getBoolean("connected"));
            cat.send("game_over", "winner", dan.player.playerId());
            danAgain.send("game_over", "winner", dan.player.playerId());
            assertEquals(dan.player.playerId(), danAgain.expect("game_ended").getString("winner"));
            assertEquals(1, ann.seen().stream().filter(f -> "player_left".equals(f.getString("type"))).count(),
                    "Bob left exactly once");

            // Fay's place in the party waits for her, and she takes it back on another replica.
            JsonObject away = eve.expectWithin("party_member_connection", 30);
            assertEquals(fay.player.playerId(), away.getString("playerId"));
            assertFalse(away.getBoolean("connected"));
            WsClient fayAgain = connect(1, fay.player);
            assertEquals(2, fayAgain.expect("party").getJsonObject("party").getJsonArray("members").size());
            assertTrue(eve.expect("party_member_connection").getBoolean("connected"));
        } finally {
            replicas.get(2).start();
        }
    }

    @Test
    @Order(5)
    void aPlayerBackWithinTheGracePeriodOnAnotherReplicaGetsTheRoomAndTheMissedEvents() {
        List<WsClient> squad = List.of(connect(0, "Ivy"), connect(1, "Jay"), connect(2, "Kim"));
        squad.forEach(client -> client.send("pair", "mode", "squad").expect("room"));
        squad.forEach(client -> client.send("ready"));
        squad.forEach(client -> client.expect("game_started"));
        WsClient ivy = squad.get(0);
        WsClient jay = squad.get(1);
        WsClient kim = squad.get(2);

        jay.close();
        JsonObject dropped = ivy.expect("player_connection");
        assertEquals(jay.player.playerId(), dropped.getString("playerId"));
        assertFalse(dropped.getBoolean("connected"));
        kim.send("leave", "id", "kim-out").expectAck("kim-out");
        ivy.expect("player_left");

        // Back on replica 0, which never held Jay: the room as it is now, then what Jay missed.
        WsClient jayAgain = connect(0, jay.player);
        JsonObject room = jayAgain.expect("room").getJsonObject("room");
        assertEquals("playing", room.getString("state"));
        assertEquals(2, room.getJsonArray("players").size());
        JsonObject missed = jayAgain.expect("player_left");
        assertEquals(kim.player.playerId(), missed.getString("playerId"));
        assertTrue(missed.getBoolean("replay"), "marked as replayed");
        assertTrue(ivy.expect("player_connection").getBoolean("connected"));

        ivy.send("game_over", "winner", jay.player.playerId());
        jayAgain.send("game_over", "winner", jay.player.playerId());
        assertEquals(jay.player.playerId(), jayAgain.expect("game_ended").getString("winner"));
    }

    @Test
    @Order(6)
    void aPlayerBackAfterTheGracePeriodHasNoSeat() {
        WsClient eve = connect(0, "Eve");
        WsClient fay = connect(1, "Fay");
        eve.send("pair", "mode", "duel").expect("room");
        fay.send("pair", "mode", "duel").expect("room");
        eve.expect("game_started");

        fay.close();
        JsonObject left = eve.expectWithin("player_left", GRACE_SECONDS + 5);
        assertEquals("timeout", left.getString("reason"));

        WsClient fayAgain = connect(2, fay.player);
        fayAgain.send("pair", "mode", "squad", "id", "new");
        fayAgain.expect("room");
        fayAgain.expectAck("new");
    }

    @Test
    @Order(7)
    void aGameSurvivesARedisRestartAndIsRecorded() {
        WsClient gus = connect(0, "Gus");
        WsClient hal = connect(1, "Hal");
        gus.send("pair", "mode", "duel").expect("room");
        String roomId = hal.send("pair", "mode", "duel", "id", "h").expect("room").getJsonObject("room").getString("id");
        hal.expectAck("h");
        gus.expect("game_started");

        TestRedis.shutdown(redis.port());
        redis.restart();

        // Until the replica has its connections back the answer is `unavailable`, which writes
        // nothing, so asking again is safe.
        for (WsClient player : List.of(gus, hal)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String id = "end-" + System.nanoTime();
                player.send("game_over", "winner", hal.player.playerId(), "id", id);
                JsonObject answer = player.expect(frame -> id.equals(frame.getString("id")), "the answer to " + id);
                assertEquals("ack", answer.getString("type"), answer.encode());
            });
        }
        assertEquals(hal.player.playerId(), hal.expect("game_ended").getString("winner"));
        try (Jedis jedis = jedis()) {
            boolean recorded = jedis.xrange("matches", (StreamEntryID) null, (StreamEntryID) null).stream()
                    .anyMatch(entry -> roomId.equals(entry.getFields().get("matchId"))
                            && hal.player.playerId().equals(entry.getFields().get("winner")));
            assertTrue(recorded, "the game is in the matches stream");
        }
    }

    @Test
    @Order(8)
    void aMajorityOnTwoReplicasStandsOnceTheThirdStaysSilent() {
        List<WsClient> room = List.of(connect(0, "Lea"), connect(1, "Moe"), connect(2, "Nia"));
        room.forEach(client -> client.send("pair", "mode", "squad").expect("room"));
        room.forEach(client -> client.send("ready"));
        room.forEach(client -> client.expect("game_started"));
        String lea = room.get(0).player.playerId();
        room.get(0).send("game_over", "winner", lea, "id", "a").expectAck("a");
        room.get(1).send("game_over", "winner", lea, "id", "b").expectAck("b");

        for (WsClient client : room) {
            JsonObject ended = client.expectWithin("game_ended", RESULT_WINDOW_SECONDS + 20);
            assertEquals(lea, ended.getString("winner"));
            assertEquals("majority", ended.getString("resolution"));
        }
        assertEquals(2, room.get(2).seen().stream().filter(f -> "result_reported".equals(f.getString("type"))).count());
    }

    @Test
    @Order(9)
    void playersOnTwoReplicasWhoDisagreeEndTheGameDisputed() {
        WsClient ola = connect(0, "Ola");
        WsClient pam = connect(1, "Pam");
        ola.send("pair", "mode", "duel").expect("room");
        String roomId = pam.send("pair", "mode", "duel").expect("room").getJsonObject("room").getString("id");
        ola.expect("game_started");
        pam.expect("game_started");
        ola.send("game_over", "winner", ola.player.playerId());
        pam.send("game_over", "winner", pam.player.playerId());

        for (WsClient client : List.of(ola, pam)) {
            JsonObject ended = client.expect("game_ended");
            assertNull(ended.getValue("winner"));
            assertEquals("disputed", ended.getString("resolution"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Jedis jedis = jedis()) {
                Map<String, String> match = jedis.xrange("matches", (StreamEntryID) null, (StreamEntryID) null).stream()
                        .filter(entry -> roomId.equals(entry.getFields().get("matchId"))).findFirst()
                        .orElseThrow().getFields();
                assertEquals("", match.get("winner"));
                assertEquals("disputed", match.get("resolution"));
            }
        });
    }

    @Test
    @Order(10)
    void aPlayersNewSocketOnAnotherReplicaClosesTheOldOneAndLogoutClosesTheNew() throws Exception {
        WsClient quin = connect(0, "Quin");
        WsClient quinAgain = connect(1, quin.player);
        await().atMost(Duration.ofSeconds(10)).until(quin::isClosed);
        assertEquals((short) 4001, quin.closeStatusCode(), "replaced by the newer socket on replica 1");

        HttpResponse<String> logout = HttpClient.newHttpClient().send(HttpRequest.newBuilder(saves.uri().resolve("/api/session"))
                .header("Authorization", "Bearer " + quin.player.token()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, logout.statusCode(), logout.body());
        await().atMost(Duration.ofSeconds(10)).until(quinAgain::isClosed);
        assertEquals((short) 4003, quinAgain.closeStatusCode(), "logged out");
        assertEquals(401, WsClient.upgradeStatus(vertx, replicas.get(2).uri(), "/ws?token=" + quin.player.token()));
    }

    @Test
    @Order(11)
    void friendsSeeEachOtherOnlineAndInviteEachOtherAcrossReplicas() {
        TestPlayers.TestPlayer ann = login("Ann");
        TestPlayers.TestPlayer bob = login("Bob");
        TestPlayers.TestPlayer cy = login("Cy");
        assertEquals("requested", friends("POST", ann, bob.playerId()).getString("status"));
        assertEquals("friends", friends("POST", bob, ann.playerId()).getString("status"));
        WsClient annOnZero = connect(0, ann);
        WsClient bobOnTwo = connect(2, bob);

        // A socket is named for its friends right after its welcome.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                friends("GET", ann, "").getJsonArray("friends").getJsonObject(0).getBoolean("online")
                        && friends("GET", bob, "").getJsonArray("friends").getJsonObject(0).getBoolean("online"));
        JsonObject room = annOnZero.send("create_private", "mode", "squad").expect("room").getJsonObject("room");
        JsonObject annSeenByBob = friends("GET", bob, "").getJsonArray("friends").getJsonObject(0);
        assertEquals(room.getString("id"), annSeenByBob.getJsonObject("room").getString("roomId"));

        annOnZero.send("invite", "to", bob.playerId(), "id", "inv").expectAck("inv");
        JsonObject invited = bobOnTwo.expect("invited");
        assertEquals(ann.playerId(), invited.getString("from"));
        bobOnTwo.send("join_private", "code", invited.getString("code"));
        assertEquals(room.getString("id"), bobOnTwo.expect("room").getJsonObject("room").getString("id"));

        // Cy blocks Ann: she can neither befriend nor invite him.
        WsClient cyOnOne = connect(1, cy);
        assertEquals(204, call("PUT", saves.uri().resolve("/api/friends/" + ann.playerId() + "/block"), cy.token()).statusCode());
        assertEquals(403, call("POST", saves.uri().resolve("/api/friends/" + cy.playerId()), ann.token()).statusCode());
        annOnZero.send("invite", "to", cy.playerId(), "id", "cy");
        assertEquals("not_friends", annOnZero.expectError("cy").getString("code"));

        bobOnTwo.close();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !friends("GET", ann, "").getJsonArray("friends").getJsonObject(0).getBoolean("online"));
        assertFalse(cyOnOne.seen().stream().anyMatch(frame -> "invited".equals(frame.getString("type"))));
    }

    @Test
    @Order(12)
    void aPartyMemberOnAnotherReplicaGetsEveryPartyEvent() {
        WsClient lead = connect(0, "Lead");
        WsClient far = connect(2, "Far");
        WsClient mid = connect(1, "Mid");
        String code = lead.send("party_create").expect("party").getJsonObject("party").getString("code");
        // The ack comes once Far's replica follows the party.
        far.send("party_join", "code", code, "id", "far").expectAck("far");
        lead.expect("party_member_joined");
        mid.send("party_join", "code", code, "id", "mid").expectAck("mid");
        assertEquals(mid.player.playerId(), far.expect("party_member_joined").getJsonObject("player").getString("playerId"));

        // Mid drops and comes back on another replica, within the grace period.
        mid.close();
        assertFalse(far.expect("party_member_connection").getBoolean("connected"));
        WsClient midAgain = connect(0, mid.player);
        assertEquals(3, midAgain.expect("party").getJsonObject("party").getJsonArray("members").size());
        assertTrue(far.expect("party_member_connection").getBoolean("connected"));

        lead.send("party_kick", "playerId", mid.player.playerId());
        assertEquals("kicked", far.expect("party_member_left").getString("reason"));
        assertEquals("kicked", midAgain.expect("party_member_left").getString("reason"));
        lead.send("party_leave", "id", "bye").expectAck("bye");
        assertEquals(far.player.playerId(), far.expect("party_member_left").getString("leader"));

        // Every event after Far's own join reached Far, once and in order.
        List<Long> seqs = far.seen().stream().filter(frame -> frame.getString("type").startsWith("party_member"))
                .map(frame -> frame.getLong("seq")).toList();
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L), seqs);
    }

    @Test
    @Order(13)
    void partiesOfThreeOnThreeReplicasLandWholeAmongPlayersAlone() {
        JsonObject pool = new JsonObject().put("test", "parties");
        List<List<WsClient>> parties = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            // Each member on another replica than the others.
            WsClient lead = connect(p % 3, "Lead" + p);
            String code = lead.send("party_create").expect("party").getJsonObject("party").getString("code");
            List<WsClient> party = new ArrayList<>(List.of(lead));
            for (int m = 1; m < 3; m++) {
                WsClient member = connect((p + m) % 3, "Member" + p + "-" + m);
                member.send("party_join", "code", code, "id", "join").expectAck("join");
                party.forEach(earlier -> earlier.expect("party_member_joined"));
                party.add(member);
            }
            parties.add(party);
        }
        List<TestPlayers.TestPlayer> alone = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            alone.add(login("Alone" + i));
        }
        List<WsClient> soloists = connectAcrossReplicas(alone);

        for (int i = 0; i < 15; i++) {
            soloists.get(i).send("pair", "mode", "squad", "properties", pool);
            if (i % 3 == 0) {
                parties.get(i / 3).get(0).send("pair", "mode", "squad", "properties", pool, "id", "go");
            }
        }
        for (List<WsClient> party : parties) {
            String room = party.get(0).expect("room").getJsonObject("room").getString("id");
            party.get(0).expectAck("go");
            for (WsClient member : party.subList(1, 3)) {
                assertEquals(room, member.expect("room").getJsonObject("room").getString("id"), "every member on its own replica");
            }
        }
        soloists.forEach(client -> client.expect("room"));

        // In Redis: every player seated once, no room over capacity, every party in one room with
        // its members connected through their own replicas' sockets.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, JsonObject> seats = new HashMap<>();
            Map<String, String> roomOf = new HashMap<>();
            for (JsonObject room : rooms("squad")) {
                if (!pool.equals(room.getJsonObject("properties"))) {
                    continue;
                }
                JsonArray players = room.getJsonArray("players", new JsonArray());
                assertTrue(players.size() <= 4, "over capacity: " + room);
                for (Object p : players) {
                    JsonObject seat = (JsonObject) p;
                    assertNull(seats.put(seat.getString("playerId"), seat), "seated twice: " + seat);
                    roomOf.put(seat.getString("playerId"), room.getString("id"));
                }
            }
            assertEquals(30, seats.size());
            for (List<WsClient> party : parties) {
                assertEquals(1, party.stream().map(member -> roomOf.get(member.player.playerId())).distinct().count(),
                        "a party split: " + roomOf);
                for (WsClient member : party) {
                    assertTrue(seats.get(member.player.playerId()).getBoolean("connected"), "waiting for " + member.player.name());
                }
            }
        });
    }

    /** A save-service friends route as this player: the JSON it answers. */
    private static JsonObject friends(String method, TestPlayers.TestPlayer player, String playerId) {
        HttpResponse<String> response = call(method, saves.uri().resolve("/api/friends/" + playerId), player.token());
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static HttpResponse<String> call(String method, URI uri, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The players connected all at once, each to the next of the three replicas in turn, and welcomed. */
    private List<WsClient> connectAcrossReplicas(List<TestPlayers.TestPlayer> players) {
        List<Future<WsClient>> connecting = new ArrayList<>();
        for (int i = 0; i < players.size(); i++) {
            connecting.add(WsClient.connectAsync(vertx, replicas.get(i % 3).uri(), players.get(i)));
        }
        List<WsClient> connected = WsClient.await(Future.all(connecting)).list();
        clients.addAll(connected);
        connected.forEach(client -> client.expect("welcome"));
        return connected;
    }

    private WsClient connect(int replica, String name) {
        return connect(replica, login(name));
    }

    private WsClient connect(int replica, TestPlayers.TestPlayer player) {
        WsClient client = WsClient.connect(vertx, replicas.get(replica).uri(), player);
        clients.add(client);
        client.expect("welcome");
        return client;
    }

    private static List<Long> seqsFrom(WsClient client, long from) {
        return client.seen().stream().filter(f -> f.containsKey("seq") && f.getLong("seq") >= from)
                .map(f -> f.getLong("seq")).toList();
    }

    /** A real session from the save-service. */
    private static TestPlayers.TestPlayer login(String name) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            saves.uri().resolve("/api/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", name).encode()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, response.statusCode(), response.body());
            JsonObject session = new JsonObject(response.body());
            return new TestPlayers.TestPlayer(session.getString("playerId"), name, session.getString("token"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rooms of a mode ("*": of every mode) as stored: each mm:{<mode>}:room:<id>, not its log, relay hash, ... */
    private static List<JsonObject> rooms(String mode) {
        try (Jedis jedis = jedis()) {
            return jedis.keys("mm:{" + mode + "}:room:*").stream().filter(key -> key.split(":").length == 4)
                    .map(jedis::get).filter(Objects::nonNull).map(JsonObject::new).toList();
        }
    }

    private static Jedis jedis() {
        return new Jedis(URI.create(redis.url()));
    }
}
