package dev.rallypoint.save.names;

import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class NameSearchTest {

    @InjectRedis
    RedisDataSource redis;

    private static String login(String name, String deviceId) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"deviceId\":\"device-secret-" + deviceId + "\"}")
                .post("/api/session").then().statusCode(201).extract().path("token");
    }

    private static List<String> search(String token, String prefix, int limit) {
        return given().auth().oauth2(token).queryParam("name", prefix).queryParam("limit", limit)
                .get("/api/playerstate").then().statusCode(200).extract().jsonPath().getList("name");
    }

    @Test
    void findsPlayersByNamePrefixInNameOrder() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login("zed" + tag + "searcher", "d-" + tag);
        for (String name : List.of("Alpha", "alphabet", "Alpine", "Beta", "ALPHONSE")) {
            login(tag + name, "d-" + tag + name);
        }
        assertNames(search(token, tag + "alp", 20), tag + "Alpha", tag + "alphabet", tag + "ALPHONSE", tag + "Alpine");
        assertNames(search(token, tag + "ALPHA", 20), tag + "Alpha", tag + "alphabet");
        assertNames(search(token, tag + "alp", 2), tag + "Alpha", tag + "alphabet");
        given().auth().oauth2(token).queryParam("name", tag + "nobody").get("/api/playerstate")
                .then().statusCode(200).body("$", empty());
        given().auth().oauth2(token).queryParam("name", tag + "Beta").get("/api/playerstate")
                .then().body("$", hasSize(1)).body("[0].name", equalTo(tag + "Beta")).body("[0].playerId", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void unicodeNamesAreFoldedForSearch() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login("s" + tag, "u-" + tag);
        login(tag + "Åsa", "u1-" + tag);
        login(tag + "åse", "u2-" + tag);
        login(tag + "🎮Gamer", "u3-" + tag);
        login(tag + "Ａｂｃ", "u4-" + tag);
        assertNames(search(token, tag + "ÅS", 20), tag + "Åsa", tag + "åse");
        assertNames(search(token, tag + "🎮", 20), tag + "🎮Gamer");
        assertNames(search(token, tag + "abc", 20), tag + "Ａｂｃ");
    }

    @Test
    void aRenameMovesThePlayerInTheIndex() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login(tag + "Before", "r-" + tag);
        login(tag + "After", "r-" + tag);
        assertNames(search(token, tag, 20), tag + "After");
    }

    @Test
    void concurrentLoginsWithDifferentNamesLeaveOneEntryUnderTheNameThatWon() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String device = "c-" + tag;
        String searcher = login("q" + tag, "q-" + tag);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> logins = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = tag + "Racer" + i;
                logins.add(pool.submit(() -> {
                    start.await();
                    return login(name, device);
                }));
            }
            start.countDown();
            for (Future<String> done : logins) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
        // A login without a name keeps the stored one: the name that won the race.
        String stored = given().contentType(ContentType.JSON).body("{\"deviceId\":\"device-secret-" + device + "\"}")
                .post("/api/session").then().statusCode(201).extract().path("name");
        assertNames(search(searcher, tag + "Racer", 100), stored);

        String playerId = given().auth().oauth2(searcher).queryParam("name", stored).get("/api/playerstate")
                .then().extract().path("[0].playerId");
        List<String> indexed = redis.sortedSet(String.class).zrange(PlayerKeys.nameIndex(PlayerKeys.shard(playerId)), 0, -1)
                .stream().filter(member -> member.endsWith("\0" + playerId)).toList();
        assertEquals(1, indexed.size(), indexed.toString());
    }

    @Test
    void searchMergesEveryShardInNameOrder() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String token = login("m" + tag, "m-" + tag);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = tag + "Shard" + String.format("%02d", i);
            login(name, "m-" + tag + i);
            expected.add(name);
        }
        assertNames(search(token, tag + "shard", 100), expected.toArray(String[]::new));
        assertNames(search(token, tag + "shard", 5), expected.subList(0, 5).toArray(String[]::new));
        assertNames(search(token, tag + "Shard1", 3), tag + "Shard10", tag + "Shard11", tag + "Shard12");
    }

    @Test
    void badSearchesAreRefused() {
        String token = login("Asker", "a-" + UUID.randomUUID());
        given().auth().oauth2(token).queryParam("name", "x").queryParam("limit", 0).get("/api/playerstate")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:invalid-limit"));
        given().auth().oauth2(token).queryParam("name", "x").queryParam("limit", 101).get("/api/playerstate")
                .then().statusCode(400);
        given().auth().oauth2(token).queryParam("name", "x").queryParam("limit", "abc").get("/api/playerstate")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:invalid-limit"));
        given().auth().oauth2(token).get("/api/playerstate?name=")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:invalid-name"));
        given().auth().oauth2(token).queryParam("name", "x").get("/api/gamestate")
                .then().statusCode(400).body("type", equalTo("urn:rallypoint:problem:search-not-supported"));
    }

    private static void assertNames(List<String> actual, String... expected) {
        org.hamcrest.MatcherAssert.assertThat(actual, contains(expected));
    }
}
