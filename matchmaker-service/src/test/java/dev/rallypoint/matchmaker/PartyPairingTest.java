package dev.rallypoint.matchmaker;

import dev.rallypoint.common.players.RatingKeys;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leader's {@code pair} seats its whole party in one room (one team in a mode with teams), or
 * none of it. Each test pairs in a pool of its own (a {@code test} property).
 */
@QuarkusTest
@TestProfile(ReconnectTest.ShortGrace.class)
@WithTestResource(RedisTestResource.class)
class PartyPairingTest extends WebSocketTestBase {

    @Test
    void aPartyOfThreeInSquadLandsTogether() {
        JsonObject pool = pool();
        WsClient eve = connect("Eve").send("pair", "mode", "squad", "properties", pool);
        String older = eve.expect("room").getJsonObject("room").getString("id");
        WsClient fay = connect("Fay").send("pair", "mode", "squad", "properties", pool);
        assertEquals(older, fay.expect("room").getJsonObject("room").getString("id"));

        List<WsClient> party = party("Ann", "Bob", "Cy");
        WsClient ann = party.get(0);
        ann.send("pair", "mode", "squad", "properties", pool, "id", "go");
        JsonObject room = ann.expect("room").getJsonObject("room");
        ann.expectAck("go");
        assertNotEquals(older, room.getString("id"), "a room with two free seats cannot take a party of three");
        assertEquals(ids(party), ids(room.getJsonArray("players")));
        for (WsClient mate : party.subList(1, 3)) {
            JsonObject paired = mate.expect("party_paired");
            assertEquals(room.getString("id"), paired.getString("roomId"));
            JsonObject seat = mate.expect("room").getJsonObject("room");
            assertEquals(room.getString("id"), seat.getString("id"));
            assertTrue(player(seat, mate).getBoolean("connected"), "the member took its seat");
        }
        for (WsClient mate : party.subList(1, 3)) {
            JsonObject back = ann.expect(frame -> "player_connection".equals(frame.getString("type"))
                    && mate.player.playerId().equals(frame.getString("playerId")), "connection of " + mate.player.name());
            assertTrue(back.getBoolean("connected"));
        }

        // Players alone fill the oldest room first; the party's room takes the next.
        WsClient gus = connect("Gus").send("pair", "mode", "squad", "properties", pool);
        assertEquals(older, gus.expect("room").getJsonObject("room").getString("id"));
        WsClient hal = connect("Hal").send("pair", "mode", "squad", "properties", pool);
        assertEquals(older, hal.expect("room").getJsonObject("room").getString("id"));
        WsClient ivy = connect("Ivy").send("pair", "mode", "squad", "properties", pool);
        assertEquals(room.getString("id"), ivy.expect("room").getJsonObject("room").getString("id"));
        for (WsClient player : List.of(ann, party.get(1), party.get(2), ivy)) {
            assertEquals(4, player.expect("game_started").getJsonArray("players").size());
        }
        eve.expect("game_started");
    }

    @Test
    void aPartyThatFillsARoomStartsItAndEveryMemberHearsTheStart() {
        List<WsClient> party = party("Ann", "Bob");
        party.get(0).send("pair", "mode", "duel", "properties", pool());
        JsonObject started = party.get(0).expect("game_started");
        JsonObject room = party.get(1).expect("room").getJsonObject("room");
        assertEquals("playing", room.getString("state"));
        JsonObject heard = party.get(1).expect("game_started");
        assertTrue(heard.getBoolean("replay"), "sent after the room frame, from the room's log");
        assertEquals(started.getLong("seed"), heard.getLong("seed"));
        assertEquals(started.getLong("seq"), heard.getLong("seq"));
    }

    @Test
    void aPartyPlaysOnOneTeam() {
        JsonObject pool = pool();
        WsClient eve = connect("Eve").send("pair", "mode", "teams", "properties", pool);
        JsonObject first = eve.expect("room").getJsonObject("room");
        assertEquals(2, first.getInteger("teams"));
        assertEquals(1, player(first, eve).getInteger("team"));

        List<WsClient> party = party("Ann", "Bob");
        party.get(0).send("pair", "mode", "teams", "properties", pool);
        JsonObject room = party.get(0).expect("room").getJsonObject("room");
        assertEquals(first.getString("id"), room.getString("id"), "team 2 has both seats free");
        assertEquals(2, player(room, party.get(0)).getInteger("team"));
        assertEquals(2, player(room, party.get(1)).getInteger("team"));

        WsClient fay = connect("Fay").send("pair", "mode", "teams", "properties", pool);
        assertEquals(1, player(fay.expect("room").getJsonObject("room"), fay).getInteger("team"));
        Map<String, Integer> teams = new HashMap<>();
        for (Object started : eve.expect("game_started").getJsonArray("players")) {
            JsonObject p = (JsonObject) started;
            teams.put(p.getString("playerId"), p.getInteger("team"));
        }
        assertEquals(Map.of(eve.player.playerId(), 1, fay.player.playerId(), 1,
                party.get(0).player.playerId(), 2, party.get(1).player.playerId(), 2), teams);

        // The match record says who played on which side, so that the whole winning team wins.
        for (WsClient player : List.of(eve, fay, party.get(0), party.get(1))) {
            player.send("game_over", "winner", fay.player.playerId());
        }
        eve.expect("game_ended");
        Map<String, String> match = await().atMost(Duration.ofSeconds(10)).until(() -> redis.stream(String.class)
                .xrange("matches", StreamRange.of("-", "+")).stream().map(StreamMessage::payload)
                .filter(entry -> room.getString("id").equals(entry.get("matchId"))).findFirst(), Optional::isPresent).orElseThrow();
        List<Object> players = new JsonArray(match.get("players")).getList();
        List<Object> sides = new JsonArray(match.get("teams")).getList();
        for (int i = 0; i < players.size(); i++) {
            assertEquals(teams.get((String) players.get(i)), sides.get(i), match.toString());
        }
    }

    @Test
    void aPartyLargerThanATeamOrARoomIsRefused() {
        List<WsClient> party = party("Ann", "Bob", "Cy");
        WsClient ann = party.get(0);
        ann.send("pair", "mode", "teams", "properties", pool(), "id", "teams");
        assertEquals("party_too_big", ann.expectError("teams").getString("code"));
        ann.send("pair", "mode", "duel", "properties", pool(), "id", "duel");
        assertEquals("party_too_big", ann.expectError("duel").getString("code"));
        // Nobody was seated: the party still pairs where it fits.
        ann.send("pair", "mode", "squad", "properties", pool());
        ann.expect("room");
        party.get(2).expect("room");
    }

    @Test
    void onlyTheLeaderPairsAndAMemberInARoomStopsTheWholeParty() {
        List<WsClient> party = party("Ann", "Bob", "Cy");
        WsClient ann = party.get(0);
        WsClient bob = party.get(1);
        bob.send("pair", "mode", "squad", "properties", pool(), "id", "alone");
        assertEquals("not_leader", bob.expectError("alone").getString("code"));

        WsClient cy = party.get(2);
        cy.send("create_private", "mode", "squad");
        cy.expect("room");
        JsonObject pool = pool();
        ann.send("pair", "mode", "squad", "properties", pool, "id", "busy");
        JsonObject refused = ann.expectError("busy");
        assertEquals("member_in_room", refused.getString("code"));
        assertTrue(refused.getString("message").contains(cy.player.playerId()));

        // None of the party was seated or kept: once Cy leaves, the party pairs whole.
        cy.send("leave", "id", "out").expectAck("out");
        ann.send("pair", "mode", "squad", "properties", pool, "id", "go");
        JsonObject room = ann.expect("room").getJsonObject("room");
        ann.expectAck("go");
        assertEquals(ids(party), ids(room.getJsonArray("players")));
        assertEquals(room.getString("id"), bob.expect("room").getJsonObject("room").getString("id"));
    }

    @Test
    void aPartyWithAMemberAwayWaitsForIt() {
        WsClient ann = connect("Ann");
        String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
        WsClient bob = connect("Bob");
        bob.send("party_join", "code", code).expect("party");
        ann.expect("party_member_joined");
        bob.close();
        ann.expect("party_member_connection");

        ann.send("pair", "mode", "squad", "properties", pool(), "id", "away");
        assertEquals("party_member_away", ann.expectError("away").getString("code"));
    }

    @Test
    void aRatedPartyPairsWithPlayersNearItsRatings() {
        JsonObject pool = pool();
        WsClient ann = rated("Ann", 1500);
        String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
        WsClient bob = rated("Bob", 1560);
        bob.send("party_join", "code", code).expect("party");
        ann.expect("party_member_joined");

        ann.send("pair", "mode", "ranked-squad", "properties", pool);
        JsonObject room = ann.expect("room").getJsonObject("room");
        assertEquals(room.getString("id"), bob.expect("room").getJsonObject("room").getString("id"));
        WsClient cy = rated("Cy", 1530).send("pair", "mode", "ranked-squad", "properties", pool);
        assertEquals(room.getString("id"), cy.expect("room").getJsonObject("room").getString("id"));
    }

    /** Players in one party, its leader first, each told of every later member. */
    private List<WsClient> party(String... names) {
        WsClient leader = connect(names[0]);
        String code = leader.send("party_create").expect("party").getJsonObject("party").getString("code");
        List<WsClient> members = new ArrayList<>(List.of(leader));
        for (int i = 1; i < names.length; i++) {
            WsClient member = connect(names[i]);
            member.send("party_join", "code", code).expect("party");
            for (WsClient earlier : members) {
                earlier.expect("party_member_joined");
            }
            members.add(member);
        }
        return members;
    }

    private WsClient rated(String name, double rating) {
        TestPlayers.TestPlayer player = TestPlayers.create(redis, name);
        redis.hash(String.class).hset(RatingKeys.players("ranked-squad"), player.playerId(),
                new JsonObject().put("rating", rating).encode());
        return connect(player);
    }

    private static JsonObject pool() {
        return new JsonObject().put("test", UUID.randomUUID().toString().substring(0, 8));
    }

    private static List<String> ids(List<WsClient> clients) {
        return clients.stream().map(c -> c.player.playerId()).sorted().toList();
    }

    private static List<String> ids(JsonArray players) {
        return players.stream().map(p -> ((JsonObject) p).getString("playerId")).sorted().toList();
    }

    private static JsonObject player(JsonObject room, WsClient client) {
        return room.getJsonArray("players").stream().map(JsonObject.class::cast)
                .filter(p -> client.player.playerId().equals(p.getString("playerId"))).findFirst().orElseThrow();
    }
}
