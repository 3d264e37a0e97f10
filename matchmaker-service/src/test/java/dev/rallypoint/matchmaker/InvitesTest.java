package dev.rallypoint.matchmaker;

import dev.rallypoint.common.players.FriendKeys;
import dev.rallypoint.common.players.PresenceKeys;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestPlayers;
import dev.rallypoint.common.testing.WsClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Friends invite each other to private rooms; friendships are written as save-service writes them. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class InvitesTest extends WebSocketTestBase {

    @Test
    void aFriendInvitedToAPrivateRoomGetsItsCodeAndJoinsWithIt() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        friends(ann, bob);
        JsonObject room = ann.send("create_private", "mode", "squad").expect("room").getJsonObject("room");

        ann.send("invite", "to", bob.player.playerId(), "id", "inv").expectAck("inv");
        JsonObject invited = bob.expect("invited");
        assertEquals(ann.player.playerId(), invited.getString("from"));
        assertEquals("Ann", invited.getString("name"));
        assertEquals("squad", invited.getString("mode"));
        assertEquals(room.getString("code"), invited.getString("code"));

        bob.send("join_private", "code", invited.getString("code"));
        assertEquals(room.getString("id"), bob.expect("room").getJsonObject("room").getString("id"));
    }

    @Test
    void onlyFriendsInviteAndABlockEitherWayStopsIt() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        ann.send("create_private", "mode", "squad").expect("room");
        ann.send("invite", "to", bob.player.playerId(), "id", "stranger");
        assertEquals("not_friends", ann.expectError("stranger").getString("code"));

        redis.hash(String.class).hset(FriendKeys.pair(ann.player.playerId(), bob.player.playerId()),
                Map.of("blocked:" + bob.player.playerId(), "1"));
        // A block ends the friendship; the answer does not tell Ann that Bob blocked her.
        ann.send("invite", "to", bob.player.playerId(), "id", "blocked");
        assertEquals("not_friends", ann.expectError("blocked").getString("code"));
        bob.send("ping").expect("pong");
        assertEquals(0, bob.seen().stream().filter(frame -> "invited".equals(frame.getString("type"))).count());
    }

    @Test
    void anInviteNeedsAPrivateRoomWithAFreeSeatAndAConnectedFriend() {
        WsClient ann = connect("Ann");
        WsClient bob = connect("Bob");
        friends(ann, bob);
        ann.send("invite", "to", bob.player.playerId(), "id", "nowhere");
        assertEquals("not_invitable", ann.expectError("nowhere").getString("code"));
        ann.send("pair", "mode", "squad", "properties", new JsonObject().put("test", "invites")).expect("room");
        ann.send("invite", "to", bob.player.playerId(), "id", "public");
        assertEquals("not_invitable", ann.expectError("public").getString("code"));
        ann.send("invite", "to", "bad id", "id", "bad");
        assertEquals("invalid_field", ann.expectError("bad").getString("code"));
        ann.send("leave", "id", "left").expectAck("left");

        TestPlayers.TestPlayer cy = TestPlayers.create(redis, "Cy");
        WsClient cyClient = connect(cy);
        friends(ann, cyClient);
        cyClient.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(PresenceKeys.socket(cy.playerId())) == null);
        ann.send("create_private", "mode", "duel").expect("room");
        ann.send("invite", "to", cy.playerId(), "id", "gone");
        assertEquals("offline", ann.expectError("gone").getString("code"));
    }

    @Test
    void aConnectedPlayerIsOnlineForItsFriendsUntilItsSocketCloses() {
        WsClient dee = connect("Dee");
        // The socket is named right after the welcome, once any seat or party it had is back.
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(PresenceKeys.socket(dee.player.playerId())) != null);
        String socket = redis.value(String.class).get(PresenceKeys.socket(dee.player.playerId()));
        // Online while that socket's replica beats; a replica that just started may still be on its first beat.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.value(String.class).get(PresenceKeys.heartbeat(socket.split("/")[0])) != null);
        dee.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(PresenceKeys.socket(dee.player.playerId())) == null);
    }

    /**
     * Friends, as save-service stores a friendship that both asked for, once both are online: a
     * socket is named for its friends right after its welcome.
     */
    static void friends(io.quarkus.redis.datasource.RedisDataSource redis, WsClient one, WsClient other) {
        redis.hash(String.class).hset(FriendKeys.pair(one.player.playerId(), other.player.playerId()),
                Map.of("state", "friends", "since", "1"));
        for (WsClient client : new WsClient[] {one, other}) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.value(String.class).get(PresenceKeys.socket(client.player.playerId())) != null);
        }
    }

    private void friends(WsClient one, WsClient other) {
        friends(redis, one, other);
    }
}
