package dev.rallypoint.save.names;

import dev.rallypoint.common.auth.SessionKeys;
import dev.rallypoint.common.players.Names;
import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Players named before profiles were sharded: moved to their shard, and their names kept. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class LegacyNamesTest {

    @InjectRedis
    RedisDataSource redis;

    @Inject
    LegacyNames legacy;

    @Test
    void playersOfTheOldIndexMoveToTheirShardAndStaySearchable() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String playerId = UUID.randomUUID().toString();
            String name = tag + "Old" + String.format("%03d", i);
            oldLayout(playerId, name);
            ids.add(playerId);
        }
        // A player renamed since by an instance of the new version keeps the newer name.
        redis.hash(String.class).hset(PlayerKeys.profile(ids.get(0)), Map.of("name", tag + "Newer"));

        legacy.moveAll().await().atMost(Duration.ofSeconds(30));

        assertEquals(0L, redis.sortedSet(String.class).zcard(LegacyNames.OLD_INDEX));
        assertFalse(ids.stream().anyMatch(id -> redis.key().exists("player:" + id)), "old profiles removed");
        assertEquals(tag + "Old001", redis.hash(String.class).hget(PlayerKeys.profile(ids.get(1)), "name"));
        assertEquals(tag + "Newer", redis.hash(String.class).hget(PlayerKeys.profile(ids.get(0)), "name"));

        String token = given().contentType(ContentType.JSON).body("{\"name\":\"Seeker" + tag + "\"}")
                .post("/api/session").then().statusCode(201).extract().path("token");
        List<String> found = given().auth().oauth2(token).queryParam("name", tag + "old").queryParam("limit", 100)
                .get("/api/playerstate").then().statusCode(200).extract().jsonPath().getList("name");
        assertEquals(100, found.size());
        assertEquals(tag + "Old001", found.get(0));
    }

    @Test
    void aReturningPlayerWhoGivesNoNameKeepsTheOldOne() {
        String playerId = UUID.randomUUID().toString();
        String deviceId = "old-device-" + playerId;
        redis.value(String.class).set("device:" + SessionKeys.sha256(deviceId), playerId);
        redis.hash(String.class).hset("player:" + playerId, Map.of("name", "Veteran"));

        given().contentType(ContentType.JSON).body("{\"deviceId\":\"" + deviceId + "\"}")
                .post("/api/session").then().statusCode(201)
                .body("playerId", org.hamcrest.Matchers.equalTo(playerId))
                .body("name", org.hamcrest.Matchers.equalTo("Veteran"));
    }

    private void oldLayout(String playerId, String name) {
        redis.hash(String.class).hset("player:" + playerId, Map.of("name", name));
        redis.sortedSet(String.class).zadd(LegacyNames.OLD_INDEX, 0, Names.fold(name) + "\0" + name + "\0" + playerId);
    }
}
