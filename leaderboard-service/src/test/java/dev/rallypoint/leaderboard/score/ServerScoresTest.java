package dev.rallypoint.leaderboard.score;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestServerKeys;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * A studio's game server submits, corrects and removes any player's score with a key of the
 * scope scores; boards with submit=server take scores from it only (test profile: official-*).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ServerScoresTest {

    @InjectRedis
    RedisDataSource redis;

    private static RequestSpecification server(String key) {
        return given().header("Authorization", TestServerKeys.header(key)).contentType(ContentType.JSON);
    }

    @Test
    void onAServerBoardOnlyTheServerSubmits() {
        String board = "official-" + Players.board();
        String[] ann = Players.create(redis, "Ann");
        given().auth().oauth2(ann[1]).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"" + board + "\",\"score\":10}").post("/api/leaderboard")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:rallypoint:problem:server-submissions-only"));

        server(TestServerKeys.SCORES_ONLY).body("{\"score\":10}").post("/api/leaderboard/" + board + "/players/" + ann[0])
                .then().statusCode(200).body("score", equalTo(10)).body("rank", equalTo(1)).body("playerId", equalTo(ann[0]))
                .body("name", equalTo("Ann"));
        // The board keeps the best: a lower score changes nothing, a correction replaces it.
        server(TestServerKeys.SCORES_ONLY).body("{\"score\":4}").post("/api/leaderboard/" + board + "/players/" + ann[0])
                .then().statusCode(200).body("score", equalTo(10)).body("improved", equalTo(false));
        server(TestServerKeys.SCORES_ONLY).body("{\"score\":4}").put("/api/leaderboard/" + board + "/players/" + ann[0])
                .then().statusCode(200).body("score", equalTo(4));
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board + "/players/" + ann[0])
                .then().statusCode(200).body("score", equalTo(4)).body("name", equalTo("Ann"));

        server(TestServerKeys.SCORES_ONLY).delete("/api/leaderboard/" + board + "/players/" + ann[0]).then().statusCode(204);
        given().auth().oauth2(ann[1]).get("/api/leaderboard/" + board + "/players/" + ann[0]).then().statusCode(404);
        server(TestServerKeys.SCORES_ONLY).delete("/api/leaderboard/" + board + "/players/" + ann[0]).then().statusCode(404);
    }

    @Test
    void theServerCorrectsTheWinsBoardThatPlayersCannotTouch() {
        String[] bob = Players.create(redis, "Bob");
        server(TestServerKeys.ALL_SCOPES).body("{\"score\":3}").put("/api/leaderboard/wins/players/" + bob[0])
                .then().statusCode(200).body("score", equalTo(3));
        server(TestServerKeys.ALL_SCOPES).delete("/api/leaderboard/wins/players/" + bob[0]).then().statusCode(204);
    }

    @Test
    void aPlayerCannotSubmitForAnotherPlayer() {
        String[] cat = Players.create(redis, "Cat");
        String[] dan = Players.create(redis, "Dan");
        given().auth().oauth2(cat[1]).contentType(ContentType.JSON).body("{\"score\":99}")
                .post("/api/leaderboard/" + Players.board() + "/players/" + dan[0]).then().statusCode(403);
        given().auth().oauth2(cat[1]).delete("/api/leaderboard/" + Players.board() + "/players/" + dan[0]).then().statusCode(403);
    }

    @Test
    void aServerKeyIsNotAPlayerAndWorksNotFromABrowser() {
        server(TestServerKeys.SCORES_ONLY).body("{\"leaderboard\":\"" + Players.board() + "\",\"score\":1}")
                .post("/api/leaderboard").then().statusCode(403);
        server(TestServerKeys.SCORES_ONLY).header("Origin", "http://localhost:8081").body("{\"score\":1}")
                .post("/api/leaderboard/" + Players.board() + "/players/someone").then().statusCode(401);
        server(TestServerKeys.SCORES_ONLY).body("{\"score\":1}")
                .post("/api/leaderboard/" + Players.board() + "/players/" + "x".repeat(129)).then().statusCode(400)
                .body("type", equalTo("urn:rallypoint:problem:invalid-player-id"));
    }
}
