package dev.rallypoint.leaderboard.score;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestServerKeys;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Submissions per player, new boards per player, and a deployment where only configured boards
 * open (the test profile's rules: careful-*, speedrun-*, ...).
 */
@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(RedisTestResource.class)
class RateLimitTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Slow refills: nothing comes back while the test runs, however slow the machine.
            return Map.of("rallypoint.leaderboard.limits.submissions-burst", "3",
                    "rallypoint.leaderboard.limits.submissions-per-second", "0.001",
                    "rallypoint.leaderboard.limits.new-boards-burst", "2",
                    "rallypoint.leaderboard.limits.new-boards-per-second", "0.001",
                    "rallypoint.leaderboard.open-boards", "configured");
        }
    }

    @InjectRedis
    RedisDataSource redis;

    @Test
    void aPlayerOpensNoMoreThanTheBurstOfNewBoards() {
        String token = Players.create(redis, "Ann")[1];
        String tag = UUID.randomUUID().toString().substring(0, 8);
        submit(token, "careful-" + tag + "-a").statusCode(200);
        submit(token, "careful-" + tag + "-b").statusCode(200);
        submit(token, "careful-" + tag + "-c").statusCode(429).header("Retry-After", notNullValue())
                .body("type", equalTo("urn:rallypoint:problem:board-rate-limited"));
    }

    @Test
    void aPlayerSubmitsNoMoreThanTheBurst() {
        String opener = Players.create(redis, "Opener")[1];
        String board = "careful-" + UUID.randomUUID().toString().substring(0, 8);
        submit(opener, board).statusCode(200);
        String token = Players.create(redis, "Bob")[1];
        for (int i = 0; i < 3; i++) {
            submit(token, board).statusCode(200);
        }
        submit(token, board).statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", equalTo("urn:rallypoint:problem:submission-rate-limited"));
    }

    @Test
    void onlyConfiguredBoardsOpenForPlayersAndAnyForAGameServer() {
        String[] cat = Players.create(redis, "Cat");
        String board = "made-up-" + UUID.randomUUID().toString().substring(0, 8);
        submit(cat[1], board).statusCode(403).body("type", equalTo("urn:rallypoint:problem:unknown-leaderboard"));
        given().header("Authorization", TestServerKeys.header(TestServerKeys.SCORES_ONLY)).contentType(ContentType.JSON)
                .body("{\"score\":5}").post("/api/leaderboard/" + board + "/players/" + cat[0]).then().statusCode(200);
        submit(cat[1], board).statusCode(200);
    }

    private static ValidatableResponse submit(String token, String board) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":10}").post("/api/leaderboard").then();
    }
}
