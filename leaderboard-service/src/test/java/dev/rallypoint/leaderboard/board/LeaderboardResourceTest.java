package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.players.PlayerKeys;
import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class LeaderboardResourceTest {

    @InjectRedis
    RedisDataSource redis;

    @Test
    void pagesRankTheBestFirstWithTotalAndNames() {
        String board = Players.board();
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        submit(ann[1], board, 300).body("rank", equalTo(1)).body("name", equalTo("Ann"));
        submit(bo[1], board, 500).body("rank", equalTo(1));

        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board).then().statusCode(200)
                .body("leaderboard", equalTo(board))
                .body("total", equalTo(2))
                .body("entries.rank", contains(1, 2))
                .body("entries.playerId", contains(bo[0], ann[0]))
                .body("entries.name", contains("Bo", "Ann"))
                .body("entries.score", contains(500, 300));
    }

    @Test
    void aRenameShowsOnEveryBoardWithinTheNameCacheAndAPlayerWithoutNameHasNone() {
        String board = Players.board();
        String[] ann = Players.create(redis, "Ann");
        String[] nameless = Players.create(redis, null);
        submit(ann[1], board, 10);
        submit(nameless[1], board, 5);
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board).then().statusCode(200)
                .body("entries.name", contains("Ann", null));

        redis.hash(String.class).hset(PlayerKeys.profile(ann[0]), Map.of("name", "Annie"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board).then().statusCode(200)
                        .body("entries.name", contains("Annie", null)));
    }

    @Test
    void equalScoresRankInOrderOfArrival() {
        String board = Players.board();
        List<String[]> players = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            players.add(Players.create(redis, "P" + i));
        }
        submit(players.get(2)[1], board, 70);
        submit(players.get(0)[1], board, 70);
        submit(players.get(3)[1], board, 90);
        // P1 reaches 70 last, after first passing it from below.
        submit(players.get(1)[1], board, 60);
        submit(players.get(1)[1], board, 70).body("rank", equalTo(4));

        given().auth().oauth2(players.get(0)[1]).get("/api/leaderboard/" + board).then()
                .body("entries.playerId", contains(players.get(3)[0], players.get(2)[0], players.get(0)[0], players.get(1)[0]))
                .body("entries.score", contains(90, 70, 70, 70));
    }

    @Test
    void equalScoresOnAnAscBoardAlsoRankInOrderOfArrival() {
        String board = "speedrun-" + Players.board();
        String[] late = Players.create(redis, "Late");
        String[] early = Players.create(redis, "Early");
        String[] fast = Players.create(redis, "Fast");
        submit(early[1], board, 42);
        submit(late[1], board, 42);
        submit(fast[1], board, 41);

        given().auth().oauth2(early[1]).get("/api/leaderboard/" + board).then()
                .body("entries.name", contains("Fast", "Early", "Late"));
    }

    @Test
    void offsetAndCountPageThroughTheBoard() {
        String board = Players.board();
        String token = null;
        for (int i = 1; i <= 25; i++) {
            token = Players.create(redis, "P" + i)[1];
            submit(token, board, i);
        }
        given().auth().oauth2(token).queryParam("count", 10).queryParam("offset", 20)
                .get("/api/leaderboard/" + board).then().statusCode(200)
                .body("total", equalTo(25))
                .body("entries.rank", contains(21, 22, 23, 24, 25))
                .body("entries.score", contains(5, 4, 3, 2, 1));
        given().auth().oauth2(token).queryParam("offset", 25)
                .get("/api/leaderboard/" + board).then().statusCode(200)
                .body("total", equalTo(25))
                .body("entries", empty());
    }

    @Test
    void anUnknownBoardIsEmpty() {
        String token = Players.create(redis, "Ann")[1];
        given().auth().oauth2(token).get("/api/leaderboard/" + Players.board()).then().statusCode(200)
                .body("total", equalTo(0)).body("entries", empty()).body("period", nullValue());
    }

    @Test
    void onePlayersEntryOr404() {
        String board = Players.board();
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        submit(ann[1], board, 10);
        submit(bo[1], board, 20);

        given().auth().oauth2(bo[1]).get("/api/leaderboard/" + board + "/players/" + ann[0]).then().statusCode(200)
                .body("rank", equalTo(2)).body("playerId", equalTo(ann[0])).body("name", equalTo("Ann")).body("score", equalTo(10));
        given().auth().oauth2(bo[1]).get("/api/leaderboard/" + board + "/players/nobody").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(bo[1]).get("/api/leaderboard/" + board + "/around/nobody").then().statusCode(404);
    }

    @Test
    void aroundCentresOnThePlayerAndStaysInsideTheBoard() {
        String board = Players.board();
        List<String[]> players = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            String[] player = Players.create(redis, "P" + i);
            players.add(player);
            submit(player[1], board, 100 - i);
        }
        String token = players.get(0)[1];
        around(token, board, players.get(4)[0], 5).body("entries.rank", contains(3, 4, 5, 6, 7)).body("total", equalTo(9));
        around(token, board, players.get(0)[0], 5).body("entries.rank", contains(1, 2, 3, 4, 5));
        around(token, board, players.get(8)[0], 5).body("entries.rank", contains(5, 6, 7, 8, 9));
        around(token, board, players.get(8)[0], 1).body("entries.playerId", contains(players.get(8)[0]));
        around(token, board, players.get(1)[0], 50).body("entries.rank", contains(1, 2, 3, 4, 5, 6, 7, 8, 9));
    }

    @Test
    void readsNeedASession() {
        given().get("/api/leaderboard/" + Players.board()).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{\"leaderboard\":\"x\",\"score\":1}")
                .post("/api/leaderboard").then().statusCode(401);
    }

    private ValidatableResponse around(String token, String board, String playerId, int count) {
        return given().auth().oauth2(token).queryParam("count", count)
                .get("/api/leaderboard/" + board + "/around/" + playerId).then().statusCode(200);
    }

    static ValidatableResponse submit(String token, String board, long score) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":" + score + "}")
                .post("/api/leaderboard").then().statusCode(200);
    }
}
