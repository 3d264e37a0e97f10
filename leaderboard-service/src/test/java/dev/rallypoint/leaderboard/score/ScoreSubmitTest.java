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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ScoreSubmitTest {

    @InjectRedis
    RedisDataSource redis;

    @Test
    void bestOnADescBoardKeepsTheHigherScore() {
        String board = Players.board();
        String token = Players.create(redis, "Ann")[1];
        submit(token, board, 100).body("score", equalTo(100)).body("improved", equalTo(true)).body("rank", equalTo(1));
        submit(token, board, 50).body("score", equalTo(100)).body("improved", equalTo(false));
        submit(token, board, 100).body("score", equalTo(100)).body("improved", equalTo(false));
        submit(token, board, 101).body("score", equalTo(101)).body("improved", equalTo(true));
    }

    @Test
    void bestOnAnAscBoardKeepsTheLowerScore() {
        String board = "speedrun-" + Players.board();
        String token = Players.create(redis, "Ann")[1];
        submit(token, board, 900).body("improved", equalTo(true));
        submit(token, board, 950).body("score", equalTo(900)).body("improved", equalTo(false));
        submit(token, board, 870).body("score", equalTo(870)).body("improved", equalTo(true));
    }

    @Test
    void theWebClientsReactionBoardsKeepEachPlayersFastestTime() {
        // The shipped configuration (reaction-*: asc, best, 1..600000 ms), not a test profile.
        String board = "reaction-" + Players.board();
        String ann = Players.create(redis, "Ann")[1];
        String bob = Players.create(redis, "Bob")[1];
        submit(ann, board, 1500).body("rank", equalTo(1));
        submit(bob, board, 1200).body("rank", equalTo(1));
        submit(ann, board, 1800).body("score", equalTo(1500)).body("improved", equalTo(false));
        given().auth().oauth2(ann).get("/api/leaderboard/" + board).then().statusCode(200)
                .body("entries.name", contains("Bob", "Ann"))
                .body("entries.score", contains(1200, 1500));
        post(ann, "{\"leaderboard\":\"" + board + "\",\"score\":0}").statusCode(400);
        post(ann, "{\"leaderboard\":\"" + board + "\",\"score\":600001}").statusCode(400);
    }

    @Test
    void setKeepsTheLatestScore() {
        String token = Players.create(redis, "Ann")[1];
        String other = Players.create(redis, "Bo")[1];
        submit(other, "level", 1_000_000);
        submit(token, "level", 7).body("improved", equalTo(true));
        submit(token, "level", 3).body("score", equalTo(3)).body("improved", equalTo(true));
        submit(token, "level", 3).body("improved", equalTo(false));
    }

    @Test
    void incrAddsAndMayGoDown() {
        String board = "coins-" + Players.board();
        String token = Players.create(redis, "Ann")[1];
        submit(token, board, 5).body("score", equalTo(5));
        submit(token, board, 7).body("score", equalTo(12));
        submit(token, board, -20).body("score", equalTo(-8)).body("improved", equalTo(true));
    }

    @Test
    void incrPastTheRangeIs400AndChangesNothing() {
        String board = "coins-" + Players.board();
        String[] ann = Players.create(redis, "Ann");
        submit(ann[1], board, 2_000_000_000);
        post(ann[1], "{\"leaderboard\":\"" + board + "\",\"score\":2000000000}").statusCode(400)
                .body("type", equalTo("urn:rallypoint:problem:invalid-score"));
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board + "/players/" + ann[0]).then()
                .body("score", equalTo(2_000_000_000));
    }

    @Test
    void extremesOfTheRangeKeepTheirExactValueAndOrder() {
        String board = Players.board();
        String[] top = Players.create(redis, "Top");
        String[] next = Players.create(redis, "Next");
        String[] bottom = Players.create(redis, "Bottom");
        submit(next[1], board, 2_147_483_646);
        submit(top[1], board, 2_147_483_647).body("rank", equalTo(1));
        submit(bottom[1], board, -2_147_483_647).body("rank", equalTo(3));
        given().auth().oauth2(top[1]).get("/api/leaderboard/" + board).then()
                .body("entries.score[0]", equalTo(2_147_483_647))
                .body("entries.score[1]", equalTo(2_147_483_646))
                .body("entries.score[2]", equalTo(-2_147_483_647));
    }

    @Test
    void configuredBoundsAreEnforced() {
        String token = Players.create(redis, "Ann")[1];
        submit(token, "bounded", 1000);
        post(token, "{\"leaderboard\":\"bounded\",\"score\":1001}").statusCode(400);
        post(token, "{\"leaderboard\":\"bounded\",\"score\":-1}").statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"leaderboard\":\"b\",\"score\":\"12\"}",
            "{\"leaderboard\":\"b\",\"score\":NaN}",
            "{\"leaderboard\":\"b\",\"score\":\"NaN\"}",
            "{\"leaderboard\":\"b\",\"score\":\"Infinity\"}",
            "{\"leaderboard\":\"b\",\"score\":1e400}",
            "{\"leaderboard\":\"b\",\"score\":12.5}",
            "{\"leaderboard\":\"b\",\"score\":2147483648}",
            "{\"leaderboard\":\"b\",\"score\":-2147483648}",
            "{\"leaderboard\":\"b\",\"score\":99999999999999999999999}",
            "{\"leaderboard\":\"b\",\"score\":null}",
            "{\"leaderboard\":\"b\"}",
            "{\"leaderboard\":\"bad name\",\"score\":1}",
            "{\"leaderboard\":\"\",\"score\":1}",
            "{\"leaderboard\":\"a{b}\",\"score\":1}",
            "{\"leaderboard\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"score\":1}",
            "{\"leaderboard\":7,\"score\":1}",
            "{\"score\":1}",
            "[1,2]",
            "not json",
    })
    void badSubmissionsAre400ProblemJson(String body) {
        String token = Players.create(redis, "Ann")[1];
        post(token, body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    @Test
    void integralDecimalsAreScores() {
        String token = Players.create(redis, "Ann")[1];
        post(token, "{\"leaderboard\":\"" + Players.board() + "\",\"score\":12.0}").statusCode(200).body("score", equalTo(12));
    }

    @Test
    void theWinsBoardTakesNoSubmissions() {
        String token = Players.create(redis, "Ann")[1];
        post(token, "{\"leaderboard\":\"wins\",\"score\":1}").statusCode(403).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad%20name", "a%7Bb%7D", "x?count=0", "x?count=101", "x?count=ten", "x?offset=-1", "x?period=2026-11-22"})
    void badReadsAre400ProblemJson(String path) {
        String token = Players.create(redis, "Ann")[1];
        given().auth().oauth2(token).urlEncodingEnabled(false).get("/api/leaderboard/" + path).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"leaderboard\": ", "{\"leaderboard\":\"x\",\"score\":1}}", "not json"})
    void malformedJsonIsAProblemThatSaysSo(String body) {
        String token = Players.create(redis, "Ann")[1];
        post(token, body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:malformed-json"));
    }

    private static ValidatableResponse submit(String token, String board, long score) {
        return post(token, "{\"leaderboard\":\"" + board + "\",\"score\":" + score + "}").statusCode(200)
                .body("leaderboard", equalTo(board));
    }

    private static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/leaderboard").then();
    }
}
