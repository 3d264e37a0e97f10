package dev.rallypoint.leaderboard.compat;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
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

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** Boards as a game written for the Cache Quest backend drives them: the cookie, its keys and member strings. */
@QuarkusTest
@TestProfile(CacheQuestBoardsTest.On.class)
@WithTestResource(RedisTestResource.class)
class CacheQuestBoardsTest {

    static final String ROOT = "/compat/cache-quest/api/leaderboard";

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rallypoint.compat.cache-quest.enabled", "true");
        }
    }

    @InjectRedis
    RedisDataSource redis;

    @Test
    void twoPlayersOnOneBoardInOrderAndALowerScoreChangesNothing() {
        String key = "leaderboards:survivor-" + Players.board();
        String[] ann = Players.create(redis, "Ann");
        String[] bob = Players.create(redis, "Bob");
        submit(ann, key, 120, "Annie-" + ann[0]).statusCode(200);
        submit(bob, key, 300, "Bobby-" + bob[0]).statusCode(200);
        submit(ann, key, 80, "Annie-" + ann[0]).statusCode(200);

        given().cookie("sid", ann[1]).get(ROOT + "/" + key + "?count=10").then().statusCode(200)
                .body("value", contains("Bobby-" + bob[0], "Annie-" + ann[0]))
                .body("score", contains(300, 120));
        given().cookie("sid", ann[1]).get(ROOT + "/" + key + "/?count=1").then().statusCode(200)
                .body("value", contains("Bobby-" + bob[0]));
        // The same board and scores in the native API, under the players' own ids.
        given().cookie("sid", ann[1]).get("/api/leaderboard/" + key).then().statusCode(200)
                .body("entries.playerId", contains(bob[0], ann[0]))
                .body("entries.score", contains(300, 120));
    }

    @Test
    void aPlayerSubmitsOnlyForItselfAndOnlyWithItsCookie() {
        String key = "leaderboards:survivor-" + Players.board();
        String[] cleo = Players.create(redis, "Cleo");
        String[] dave = Players.create(redis, "Dave");
        submit(cleo, key, 999, "Dave-" + dave[0]).statusCode(400).contentType("application/problem+json");
        submit(cleo, key, 999, "-" + cleo[0]).statusCode(400);
        submit(cleo, key, 999, cleo[0]).statusCode(400);
        given().contentType(ContentType.JSON).body(body(key, 1, "Cleo-" + cleo[0])).post(ROOT + "/").then().statusCode(401);
        submit(cleo, "wins", 999, "Cleo-" + cleo[0]).statusCode(403);
        submit(cleo, "no spaces", 1, "Cleo-" + cleo[0]).statusCode(400);
        given().cookie("sid", cleo[1]).contentType(ContentType.JSON).body("{\"key\":\"" + key + "\",\"member\":\"Cleo-" + cleo[0]
                + "\",\"score\":\"lots\"}").post(ROOT + "/").then().statusCode(400);
        given().cookie("sid", cleo[1]).get(ROOT + "/" + key).then().statusCode(200).body("$", empty());
    }

    @Test
    void anEntryWithoutAMemberStringShowsTheNativeName() {
        String key = "leaderboards:survivor-" + Players.board();
        String[] eve = Players.create(redis, "Eve");
        given().cookie("sid", eve[1]).contentType(ContentType.JSON).body("{\"leaderboard\":\"" + key + "\",\"score\":5}")
                .post("/api/leaderboard").then().statusCode(200);
        given().cookie("sid", eve[1]).get(ROOT + "/" + key).then().statusCode(200)
                .body("[0].value", equalTo("Eve-" + eve[0])).body("[0].score", equalTo(5));
    }

    private static ValidatableResponse submit(String[] player, String key, long score, String member) {
        return given().cookie("sid", player[1]).contentType(ContentType.JSON).body(body(key, score, member))
                .post(ROOT + "/").then();
    }

    private static String body(String key, long score, String member) {
        return "{\"key\":\"" + key + "\",\"score\":" + score + ",\"member\":\"" + member + "\"}";
    }
}
