package dev.rallypoint.leaderboard.score;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

/** What a cheating client tries on a board, refused by the board's rules (test profile: careful-*, steady-*, coinsafe-*, slow-*). */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class BoardRulesTest {

    @InjectRedis
    RedisDataSource redis;

    @ParameterizedTest
    @ValueSource(strings = {"WINS", "Wins", "wINs"})
    void theWinsBoardTakesNoSubmissionsInAnyCase(String board) {
        String token = Players.create(redis, "Ann")[1];
        post(token, board, 1).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:read-only-leaderboard"));
    }

    @Test
    void aBestScoreImprovesByAtMostTheMaxChange() {
        String board = "careful-" + Players.board();
        String token = Players.create(redis, "Ann")[1];
        post(token, board, 1000).statusCode(200).body("score", equalTo(1000));
        post(token, board, 1100).statusCode(200).body("score", equalTo(1100));
        post(token, board, 1201).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:implausible-score"));
        post(token, board, 10).statusCode(200).body("score", equalTo(1100)).body("improved", equalTo(false));
    }

    @Test
    void aLatestScoreMovesByAtMostTheMaxChange() {
        String board = "steady-" + Players.board();
        String token = Players.create(redis, "Ann")[1];
        post(token, board, 100).statusCode(200);
        post(token, board, 151).statusCode(400).body("type", equalTo("urn:rallypoint:problem:implausible-score"));
        post(token, board, 50).statusCode(200).body("score", equalTo(50));
    }

    @Test
    void anIncrementIsAtMostTheMaxChange() {
        String board = "coinsafe-" + Players.board();
        String token = Players.create(redis, "Ann")[1];
        post(token, board, 11).statusCode(400).body("type", equalTo("urn:rallypoint:problem:implausible-score"));
        post(token, board, -11).statusCode(400);
        post(token, board, 10).statusCode(200).body("score", equalTo(10));
    }

    @Test
    void aPlayerSubmitsOncePerIntervalAndOthersAreNotHeldUp() {
        String board = "slow-" + Players.board();
        String ann = Players.create(redis, "Ann")[1];
        String bob = Players.create(redis, "Bob")[1];
        post(ann, board, 10).statusCode(200);
        post(ann, board, 20).statusCode(429).contentType("application/problem+json")
                .header("Retry-After", Integer::parseInt, greaterThan(3500))
                .body("type", equalTo("urn:rallypoint:problem:submission-too-soon"));
        post(bob, board, 30).statusCode(200).body("rank", equalTo(1));
        given().auth().oauth2(ann).get("/api/leaderboard/" + board).then().statusCode(200)
                .body("entries.score", org.hamcrest.Matchers.contains(30, 10));
    }

    private static ValidatableResponse post(String token, String board, long score) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":" + score + "}")
                .post("/api/leaderboard").then();
    }
}
