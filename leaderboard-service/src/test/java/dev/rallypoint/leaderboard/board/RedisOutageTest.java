package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.Management;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestRedis;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Redis stops and comes back empty while the service keeps running: scripts and the consumer group recover. */
@QuarkusTest
@TestProfile(RedisOutageTest.OwnRedis.class)
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    /** A profile of its own, so this test gets a Redis that no other test class shares. */
    public static class OwnRedis implements QuarkusTestProfile {
    }

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisUrl;

    @InjectRedis
    RedisDataSource redis;

    @Test
    void answers503WhileRedisIsDownAndRecoversWhenItReturns() {
        String board = Players.board();
        String[] ann = Players.create(redis, "Ann");
        submit(ann[1], board).statusCode(200);

        TestRedis replacement = TestRedis.at(redisUrl);
        TestRedis.shutdown(replacement.port());
        try {
            submit(ann[1], board).statusCode(503).header("Retry-After", "1").contentType("application/problem+json")
                    .body("type", equalTo("urn:rallypoint:problem:unavailable"));
            given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board).then().statusCode(503);

            replacement.restart();

            // The new Redis knows neither the session, the script nor the consumer group.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    Management.given().get("/q/health/ready").then().statusCode(200));
            String[] bo = Players.create(redis, "Bo");
            submit(bo[1], board).statusCode(200).body("rank", equalTo(1));
            redis.stream(String.class).xadd("matches", Map.of("matchId", "after-restart", "mode", "duel",
                    "players", "[\"" + bo[0] + "\"]", "winner", bo[0], "startedAt", "1", "endedAt", "2"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    given().auth().oauth2(bo[1]).get("/api/leaderboard/wins/players/" + bo[0]).then()
                            .statusCode(200).body("score", equalTo(1)));
        } finally {
            replacement.stop();
        }
    }

    private static io.restassured.response.ValidatableResponse submit(String token, String board) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":5}").post("/api/leaderboard").then();
    }
}
