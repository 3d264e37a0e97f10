package dev.rallypoint.save.friends;

import dev.rallypoint.common.players.FriendKeys;
import dev.rallypoint.common.players.PresenceKeys;
import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class FriendsTest {

    @InjectRedis
    RedisDataSource redis;

    record Login(String playerId, String token) {
    }

    @Test
    void aRequestSentBackIsAnAcceptanceAndBothListTheOther() {
        Login ann = login("Ann");
        Login bob = login("Bob");
        request(ann, bob).then().statusCode(200).body("status", equalTo("requested")).body("playerId", equalTo(bob.playerId()));
        // Asking again changes nothing.
        request(ann, bob).then().statusCode(200).body("status", equalTo("requested"));

        assertEquals(List.of("Bob"), list(ann).getList("outgoing.name"));
        assertEquals(List.of("Ann"), list(bob).getList("incoming.name"));
        assertTrue(list(ann).getList("friends").isEmpty());

        request(bob, ann).then().statusCode(200).body("status", equalTo("friends"));
        JsonPath annSees = list(ann);
        assertEquals(List.of(bob.playerId()), annSees.getList("friends.playerId"));
        assertEquals(List.of("Bob"), annSees.getList("friends.name"));
        assertEquals(List.of(false), annSees.getList("friends.online"));
        assertTrue(annSees.getList("outgoing").isEmpty());
        assertEquals(List.of("Ann"), list(bob).getList("friends.name"));
    }

    @Test
    void eitherPlayerEndsAFriendshipOrDeclinesARequest() {
        Login ann = login("Ann");
        Login bob = login("Bob");
        befriend(ann, bob);
        given().auth().oauth2(bob.token()).delete("/api/friends/" + ann.playerId()).then().statusCode(204);
        assertTrue(list(ann).getList("friends").isEmpty());
        assertTrue(list(bob).getList("friends").isEmpty());

        request(ann, bob);
        given().auth().oauth2(bob.token()).delete("/api/friends/" + ann.playerId()).then().statusCode(204);
        assertTrue(list(ann).getList("outgoing").isEmpty());
        assertTrue(list(bob).getList("incoming").isEmpty());
        assertFalse(redis.key().exists(FriendKeys.pair(ann.playerId(), bob.playerId())), "nothing left behind");
        assertEquals(0, redis.set(String.class).scard(FriendKeys.index(ann.playerId())));
    }

    @Test
    void aBlockEndsTheFriendshipAndStopsRequestsEitherWayUntilLifted() {
        Login ann = login("Ann");
        Login bob = login("Bob");
        befriend(ann, bob);
        given().auth().oauth2(bob.token()).put("/api/friends/" + ann.playerId() + "/block").then().statusCode(204);

        assertTrue(list(ann).getList("friends").isEmpty());
        assertTrue(list(ann).getList("blocked").isEmpty(), "Ann does not see that Bob blocked her");
        assertEquals(List.of("Ann"), list(bob).getList("blocked.name"));
        request(ann, bob).then().statusCode(403).contentType("application/problem+json").body("type", endsWith(":blocked"));
        request(bob, ann).then().statusCode(409).body("type", endsWith(":you-blocked"));

        given().auth().oauth2(bob.token()).delete("/api/friends/" + ann.playerId() + "/block").then().statusCode(204);
        assertTrue(list(bob).getList("blocked").isEmpty());
        befriend(ann, bob);
    }

    @Test
    void aFriendIsOnlineWhileItsSocketsReplicaIsAliveAndShowsARoomWithAFreeSeatButNotItsCode() {
        Login ann = login("Ann");
        Login bob = login("Bob");
        befriend(ann, bob);
        String replica = "r-" + UUID.randomUUID();
        redis.value(String.class).set(PresenceKeys.socket(bob.playerId()), replica + "/c1");
        assertEquals(List.of(false), list(ann).getList("friends.online"), "a replica without a heartbeat is gone");

        redis.value(String.class).setex(PresenceKeys.heartbeat(replica), 30, "1");
        assertEquals(List.of(true), list(ann).getList("friends.online"));

        String roomId = UUID.randomUUID().toString();
        redis.value(String.class).set(PresenceKeys.room(bob.playerId()), "squad " + roomId);
        redis.value(String.class).set("mm:{squad}:room:" + roomId, "{\"id\":\"" + roomId + "\",\"mode\":\"squad\","
                + "\"state\":\"recruiting\",\"capacity\":4,\"code\":\"ABCDEFGHJK\",\"players\":[{\"playerId\":\"" + bob.playerId() + "\"}]}");
        JsonPath seen = list(ann);
        assertEquals("squad", seen.getString("friends[0].room.mode"));
        assertEquals(roomId, seen.getString("friends[0].room.roomId"));
        assertFalse(seen.prettify().contains("ABCDEFGHJK"), "a private room's code comes by invite only");

        redis.value(String.class).set("mm:{squad}:room:" + roomId, "{\"id\":\"" + roomId + "\",\"mode\":\"squad\",\"state\":\"playing\",\"capacity\":4}");
        assertNull(list(ann).get("friends[0].room"), "a playing room takes nobody");
    }

    @Test
    void twoPlayersAskingEachOtherAtOnceEndFriends() {
        for (int i = 0; i < 20; i++) {
            Login ann = login("Ann");
            Login bob = login("Bob");
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> request(ann, bob).statusCode());
            CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> request(bob, ann).statusCode());
            assertEquals(200, one.join());
            assertEquals(200, two.join());
            assertEquals(List.of(bob.playerId()), list(ann).getList("friends.playerId"));
            assertEquals(List.of(ann.playerId()), list(bob).getList("friends.playerId"));
        }
    }

    @Test
    void badRequestsAreRefusedClearly() {
        Login ann = login("Ann");
        request(ann, ann).then().statusCode(400).body("type", endsWith(":self"));
        given().auth().oauth2(ann.token()).post("/api/friends/" + UUID.randomUUID()).then().statusCode(404)
                .body("type", endsWith(":no-such-player"));
        given().auth().oauth2(ann.token()).post("/api/friends/bad%20id").then().statusCode(400);
        given().post("/api/friends/" + ann.playerId()).then().statusCode(401);
        given().get("/api/friends").then().statusCode(401);
    }

    @Test
    void aPlayerHasAtMostTheConfiguredNumberOfFriendsAndRequestsButMayStillBlock() {
        Login ann = login("Ann");
        List<Login> others = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            others.add(login("P" + i));
        }
        for (int i = 0; i < 20; i++) {
            request(ann, others.get(i)).then().statusCode(200);
        }
        request(ann, others.get(20)).then().statusCode(409).body("type", endsWith(":too-many-friends"));
        // A full list still blocks: blocks have room past the limit.
        given().auth().oauth2(ann.token()).put("/api/friends/" + others.get(20).playerId() + "/block").then().statusCode(204);
        // Accepting one of the twenty is no new entry.
        request(others.get(3), ann).then().statusCode(200).body("status", equalTo("friends"));
        assertFalse(list(ann).getList("friends").isEmpty());
    }

    private void befriend(Login one, Login other) {
        request(one, other).then().statusCode(200);
        request(other, one).then().statusCode(200).body("status", equalTo("friends"));
    }

    private static io.restassured.response.Response request(Login from, Login to) {
        return given().auth().oauth2(from.token()).post("/api/friends/" + to.playerId());
    }

    private static JsonPath list(Login login) {
        return given().auth().oauth2(login.token()).get("/api/friends").then().statusCode(200).extract().jsonPath();
    }

    private static Login login(String name) {
        JsonPath session = given().contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}").post("/api/session")
                .then().statusCode(201).extract().jsonPath();
        return new Login(session.getString("playerId"), session.getString("token"));
    }
}
