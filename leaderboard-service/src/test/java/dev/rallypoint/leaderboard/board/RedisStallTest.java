package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Redis stops answering but keeps its connections open (CLIENT PAUSE): reads, and the session
 * check of a token not cached, fail with 503 after {@code quarkus.redis.timeout} instead of
 * waiting for Redis, and once it answers again every
 * command on the shared connections gets its own reply, not a late one meant for a command that
 * timed out.
 */
@QuarkusTest
@TestProfile(RedisStallTest.OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class RedisStallTest {

    /** A Redis of its own, since this test stalls it; a session once read stays cached through the stall. */
    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.session.cache", "PT1M");
        }
    }

    // The service's own client sends the pause; this fault test does not run against a packaged service.
    @Inject
    RedisDataSource redis;

    @Test
    void answers503WhileRedisStallsAndMatchesEachReplyToItsCommandAfter() {
        String board = Players.board();
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        given().auth().oauth2(ann[1]).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":5}").post("/api/leaderboard").then().statusCode(200);

        // Outlasts the three requests below, 2 s timeout each, with room to spare: a service that
        // waited for Redis would answer them 200 once the pause ends.
        redis.execute("CLIENT", "PAUSE", "12000");
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board).then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("urn:rallypoint:problem:unavailable"));
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board + "/around/" + ann[0]).then().statusCode(503);
        // A session not yet cached is read from Redis too, on the same terms.
        given().auth().oauth2(bo[1]).get("/api/leaderboard/" + board).then().statusCode(503)
                .body("type", equalTo("urn:rallypoint:problem:unavailable"));

        await().atMost(Duration.ofSeconds(25)).untilAsserted(() ->
                given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board + "/players/" + ann[0]).then()
                        .statusCode(200).body("rank", equalTo(1)).body("score", equalTo(5)).body("name", equalTo("Ann")));
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board).then().statusCode(200)
                .body("total", equalTo(1)).body("entries[0].playerId", equalTo(ann[0]));
    }
}
