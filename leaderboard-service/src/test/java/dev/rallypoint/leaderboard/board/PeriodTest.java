package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.leaderboard.Players;
import dev.rallypoint.leaderboard.TestClock;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PeriodTest {

    @InjectRedis
    RedisDataSource redis;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    @Test
    void aDailyBoardStartsEmptyAtMidnightUtcAndKeepsYesterdayReadable() {
        String board = "daily-" + Players.board();
        String token = Players.create(redis, "Ann")[1];
        TestClock.set(Instant.parse("2099-11-22T23:59:59Z"));
        submit(token, board, 40);
        given().auth().oauth2(token).get("/api/leaderboard/" + board).then()
                .body("period", equalTo("2099-11-22")).body("entries.score", contains(40));

        TestClock.set(Instant.parse("2099-11-23T00:00:00Z"));
        given().auth().oauth2(token).get("/api/leaderboard/" + board).then()
                .body("period", equalTo("2099-11-23")).body("total", equalTo(0)).body("entries", empty());
        submit(token, board, 10).body("rank", equalTo(1)).body("improved", equalTo(true));

        given().auth().oauth2(token).queryParam("period", "2099-11-22").get("/api/leaderboard/" + board).then()
                .body("period", equalTo("2099-11-22")).body("entries.score", contains(40));
        // Yesterday's keys expire at the end of its period plus the 30-day retention.
        // (The clock is set decades ahead so that the keys outlive the test in real time.)
        long remaining = redis.key(String.class).pttl("lb:{" + board + "}:2099-11-22:scores");
        long expected = Instant.parse("2099-12-23T00:00:00Z").toEpochMilli() - System.currentTimeMillis();
        assertTrue(Math.abs(remaining - expected) < 60_000, "expires at the period's end plus retention");
    }

    @Test
    void aWeeklyBoardRollsOverOnMonday() {
        String token = Players.create(redis, "Ann")[1];
        TestClock.set(Instant.parse("2090-01-08T12:00:00Z"));
        submit(token, "weekly", 5);
        given().auth().oauth2(token).get("/api/leaderboard/weekly").then().body("period", equalTo("2090-W01"))
                .body("total", equalTo(1));
        TestClock.set(Instant.parse("2090-01-09T00:00:01Z"));
        given().auth().oauth2(token).get("/api/leaderboard/weekly").then().body("period", equalTo("2090-W02"))
                .body("total", equalTo(0));
        given().auth().oauth2(token).queryParam("period", "2090-W01").get("/api/leaderboard/weekly").then()
                .body("total", equalTo(1));
        given().auth().oauth2(token).queryParam("period", "2090-01").get("/api/leaderboard/weekly").then()
                .statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse submit(String token, String board, long score) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":" + score + "}")
                .post("/api/leaderboard").then().statusCode(200);
    }
}
