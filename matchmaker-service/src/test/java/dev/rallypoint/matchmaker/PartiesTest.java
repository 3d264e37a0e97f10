package dev.rallypoint.matchmaker;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parties: made, joined by code, left, kicked from, and kept for the grace period of a dropped member. */
@QuarkusTest
@TestProfile(ReconnectTest.ShortGrace.class)
@WithTestResource(RedisTestResource.class)
class PartiesTest extends WebSocketTestBase {

    @Test
    void aPartyIsJoinedByItsCodeAndEveryMemberHearsOfEveryJoin() {
        WsClient ann = connect("Ann");
        JsonObject party = ann.send("party_create", "id", "p").expect("party").getJsonObject("party");
        ann.expectAck("p");
        assertEquals(ann.player.playerId(), party.getString("leader"));
        assertEquals(1, party.getJsonArray("members").size());

        WsClient bob = connect("Bob");
        JsonObject bobs = bob.send("party_join", "code", party.getString("code").toLowerCase()).expect("party").getJsonObject("party");
        assertEquals(party.getString("id"), bobs.getString("id"));
        assertEquals(2, bobs.getJsonArray("members").size());
        JsonObject joined = ann.expect("party_member_joined");
        assertEquals(bob.player.playerId(), joined.getJsonObject("player").getString("playerId"));
        assertEquals(party.getString("id"), joined.getString("partyId"));

        WsClient cy = connect("Cy");
        cy.send("party_join", "code", party.getString("code")).expect("party");
        ann.expect("party_member_joined");
        bob.expect("party_member_joined");
    }

    @Test
    void membersWhoJoinTogetherLearnOfEachOtherExactlyOnce() {
        for (int round = 0; round < 20; round++) {
            WsClient ann = connect("Ann");
            String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
            WsClient bob = connect("Bob");
            WsClient cy = connect("Cy");
            bob.send("party_join", "code", code, "id", "b");
            cy.send("party_join", "code", code, "id", "c");
            bob.expectAck("b");
            cy.expectAck("c");
            ann.expect("party_member_joined");
            ann.expect("party_member_joined");
            // Whoever joined first hears of the other as an event; the other sees it in its party frame.
            for (WsClient[] pair : new WsClient[][] {{bob, cy}, {cy, bob}}) {
                if (timesSeen(pair[0], pair[1]) == 0) {
                    pair[0].expect(frame -> timesSeen(pair[0], pair[1]) > 0, "news of " + pair[1].player.name());
                }
                pair[0].send("ping", "id", "last").expect("pong");
                assertEquals(1, timesSeen(pair[0], pair[1]), pair[0].seen().toString());
            }
            for (WsClient client : List.of(ann, bob, cy)) {
                client.close();
            }
        }
    }

    /** How often a client was told of another member: in its party frame, or as one who joined. */
    private static long timesSeen(WsClient client, WsClient other) {
        String id = other.player.playerId();
        return client.seen().stream().filter(frame -> switch (frame.getString("type")) {
            case "party" -> frame.getJsonObject("party").getJsonArray("members").stream()
                    .anyMatch(m -> id.equals(((JsonObject) m).getString("playerId")));
            case "party_member_joined" -> id.equals(frame.getJsonObject("player").getString("playerId"));
            default -> false;
        }).count();
    }

    @Test
    void aPlayerIsInOnePartyAndBadCodesAreRefused() {
        WsClient ann = connect("Ann");
        String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
        ann.send("party_create", "id", "again");
        assertEquals("already_in_party", ann.expectError("again").getString("code"));
        ann.send("party_join", "code", code, "id", "own");
        assertEquals("already_in_party", ann.expectError("own").getString("code"));

        WsClient bob = connect("Bob");
        bob.send("party_join", "code", "NOSUCHCODE", "id", "bad");
        assertEquals("party_not_found", bob.expectError("bad").getString("code"));
        bob.send("party_leave", "id", "none");
        assertEquals("not_in_party", bob.expectError("none").getString("code"));
    }

    @Test
    void aLeaderWhoLeavesHandsThePartyOnAndOnlyTheLeaderKicks() {
        WsClient ann = connect("Ann");
        String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
        WsClient bob = connect("Bob");
        bob.send("party_join", "code", code).expect("party");
        WsClient cy = connect("Cy");
        cy.send("party_join", "code", code).expect("party");

        bob.send("party_kick", "playerId", cy.player.playerId(), "id", "mutiny");
        assertEquals("not_leader", bob.expectError("mutiny").getString("code"));

        ann.send("party_leave", "id", "bye").expectAck("bye");
        JsonObject left = bob.expect("party_member_left");
        assertEquals(ann.player.playerId(), left.getString("playerId"));
        assertEquals("left", left.getString("reason"));
        assertEquals(bob.player.playerId(), left.getString("leader"), "the longest-standing member leads now");
        cy.expect("party_member_left");

        bob.send("party_kick", "playerId", cy.player.playerId(), "id", "kick").expectAck("kick");
        JsonObject kicked = cy.expect("party_member_left");
        assertEquals("kicked", kicked.getString("reason"));
        assertEquals(cy.player.playerId(), kicked.getString("playerId"));
        // Kicked, Cy is free to lead a party of its own.
        cy.send("party_create").expect("party");
    }

    @Test
    void aDroppedMemberKeepsItsPlaceForTheGracePeriodThenLeaves() {
        WsClient ann = connect("Ann");
        String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
        TestPlayers.TestPlayer bob = TestPlayers.create(redis, "Bob");
        WsClient bobFirst = connect(bob);
        bobFirst.send("party_join", "code", code).expect("party");
        ann.expect("party_member_joined");

        bobFirst.close();
        assertEquals(false, ann.expect("party_member_connection").getBoolean("connected"));
        WsClient bobAgain = connect(bob);
        JsonObject party = bobAgain.expect("party").getJsonObject("party");
        assertEquals(2, party.getJsonArray("members").size());
        assertEquals(true, ann.expect("party_member_connection").getBoolean("connected"));

        bobAgain.close();
        ann.expect("party_member_connection");
        JsonObject left = ann.expectWithin("party_member_left", 30);
        assertEquals("timeout", left.getString("reason"));
        assertEquals(bob.playerId(), left.getString("playerId"));
    }

    @Test
    void aFriendIsInvitedToTheParty() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        InvitesTest.friends(redis, ann, bob);
        String code = ann.send("party_create").expect("party").getJsonObject("party").getString("code");
        ann.send("invite", "to", bob.player.playerId(), "id", "inv").expectAck("inv");
        JsonObject invited = bob.expect("invited");
        assertEquals(code, invited.getString("partyCode"));
        bob.send("party_join", "code", invited.getString("partyCode")).expect("party");
        assertEquals(bob.player.playerId(), ann.expect("party_member_joined").getJsonObject("player").getString("playerId"));
    }
}
