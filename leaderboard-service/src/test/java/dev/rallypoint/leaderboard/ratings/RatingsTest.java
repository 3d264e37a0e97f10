package dev.rallypoint.leaderboard.ratings;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.common.testing.TestServerKeys;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RatingsTest {

    @InjectRedis
    RedisDataSource redis;

    @Test
    void aFinishedDuelRatesBothPlayersAndTheModesBoardShowsThem() {
        String mode = mode();
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        finished(UUID.randomUUID().toString(), mode, List.of(ann[0], bo[0]), ann[0], "consensus");

        JsonPath annRating = awaitGames(ann, mode, 1);
        JsonPath boRating = rating(bo, mode);
        assertTrue(annRating.getDouble("rating") > 1600, annRating.prettify());
        assertEquals(3000, annRating.getDouble("rating") + boRating.getDouble("rating"), 0.001);
        assertTrue(annRating.getDouble("deviation") < 350);
        assertEquals(1, annRating.getInt("rank"));
        assertEquals(2, boRating.getInt("rank"));

        given().auth().oauth2(bo[1]).get("/api/leaderboard/rating-" + mode).then().statusCode(200)
                .body("total", equalTo(2))
                .body("entries[0].playerId", equalTo(ann[0]))
                .body("entries[0].name", equalTo("Ann"))
                .body("entries[0].score", equalTo((int) Math.round(annRating.getDouble("rating"))))
                .body("entries[1].playerId", equalTo(bo[0]));
    }

    @Test
    void aReplayedMatchEntryChangesNothing() {
        String mode = mode();
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        String matchId = UUID.randomUUID().toString();
        finished(matchId, mode, List.of(ann[0], bo[0]), ann[0], "consensus");
        JsonPath once = awaitGames(ann, mode, 1);

        finished(matchId, mode, List.of(ann[0], bo[0]), ann[0], "consensus");
        // A later match proves the replay was read before it.
        finished(UUID.randomUUID().toString(), mode, List.of(ann[0], Players.create(redis, "Cy")[0]), ann[0], "server");
        JsonPath twice = awaitGames(ann, mode, 2);

        assertEquals(1, rating(bo, mode).getInt("games"));
        assertEquals(ratingAfterOneLoss(), rating(bo, mode).getDouble("rating"), 0.01);
        assertTrue(twice.getDouble("rating") > once.getDouble("rating"));
    }

    @Test
    void disputedAbandonedUnwonAndSoloGamesRateNobody() {
        String mode = mode();
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        List<String> both = List.of(ann[0], bo[0]);
        finished(UUID.randomUUID().toString(), mode, both, "", "disputed");
        finished(UUID.randomUUID().toString(), mode, both, "", "abandoned");
        finished(UUID.randomUUID().toString(), mode, both, ann[0], "disputed");
        finished(UUID.randomUUID().toString(), mode, both, "", "consensus");
        // Ann against bots: the bots are not in the match's players.
        finished(UUID.randomUUID().toString(), mode, List.of(ann[0]), ann[0], "server");
        // A winner who did not play, and players that are not a list of playerIds.
        finished(UUID.randomUUID().toString(), mode, both, "mallory", "consensus");
        redis.stream(String.class).xadd("matches", Map.of("matchId", UUID.randomUUID().toString(), "mode", mode,
                "players", "{\"not\":\"a list\"}", "winner", ann[0], "resolution", "consensus"));
        finished(UUID.randomUUID().toString(), mode, both, bo[0], "majority");

        awaitGames(bo, mode, 1);
        assertEquals(1, rating(ann, mode).getInt("games"));
        assertEquals(ratingAfterOneLoss(), rating(ann, mode).getDouble("rating"), 0.01);
    }

    @Test
    void inASquadTheWinnerBeatsEveryoneAndEachOtherPlayerLosesToTheWinner() {
        String mode = mode();
        List<String[]> squad = List.of(Players.create(redis, "A"), Players.create(redis, "B"),
                Players.create(redis, "C"), Players.create(redis, "D"));
        finished(UUID.randomUUID().toString(), mode, squad.stream().map(p -> p[0]).toList(), squad.get(2)[0], "consensus");

        JsonPath winner = awaitGames(squad.get(2), mode, 1);
        for (String[] player : squad) {
            JsonPath rating = rating(player, mode);
            assertEquals(1, rating.getInt("games"));
            if (player != squad.get(2)) {
                assertEquals(ratingAfterOneLoss(), rating.getDouble("rating"), 0.01);
            }
        }
        assertTrue(winner.getDouble("rating") > 3000 - ratingAfterOneLoss(), "three wins beat one: " + winner.getDouble("rating"));
    }

    @Test
    void inATeamMatchEachWinnerBeatsEachLoserAndTeammatesDoNotPlayEachOther() {
        String mode = mode();
        List<String[]> players = List.of(Players.create(redis, "A"), Players.create(redis, "B"),
                Players.create(redis, "C"), Players.create(redis, "D"));
        Map<String, String> fields = match(UUID.randomUUID().toString(), mode, players.stream().map(p -> p[0]).toList(),
                players.get(0)[0], "consensus");
        fields.put("teams", "[1,2,1,2]");
        redis.stream(String.class).xadd("matches", fields);

        double winner = awaitGames(players.get(0), mode, 1).getDouble("rating");
        double teammate = awaitGames(players.get(2), mode, 1).getDouble("rating");
        double loser = awaitGames(players.get(1), mode, 1).getDouble("rating");
        assertEquals(winner, teammate, 0.001, "the winner's teammate won as much");
        assertEquals(loser, awaitGames(players.get(3), mode, 1).getDouble("rating"), 0.001);
        assertTrue(loser < ratingAfterOneLoss(), "two losses cost more than one: " + loser);
        assertTrue(winner > 3000 - ratingAfterOneLoss(), "two wins gain more than one: " + winner);
    }

    @Test
    void aPlayerWithoutRatedGamesHasANewPlayersRating() {
        String[] ann = Players.create(redis, "Ann");
        given().auth().oauth2(ann[1]).get("/api/ratings/" + mode() + "/" + ann[0]).then().statusCode(200)
                .body("rating", equalTo(1500.0f))
                .body("deviation", equalTo(350.0f))
                .body("volatility", equalTo(0.06f))
                .body("games", equalTo(0))
                .body("rank", nullValue());
    }

    @Test
    void badModesAndPlayerIdsAreRefusedAndRatingsNeedASession() {
        String[] ann = Players.create(redis, "Ann");
        given().auth().oauth2(ann[1]).get("/api/ratings/no%20spaces/" + ann[0]).then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(ann[1]).get("/api/ratings/duel/bad%20id").then().statusCode(400);
        given().get("/api/ratings/duel/" + ann[0]).then().statusCode(401);
    }

    @Test
    void nobodyWritesARatingBoard() {
        String[] ann = Players.create(redis, "Ann");
        given().auth().oauth2(ann[1]).contentType(ContentType.JSON)
                .body("{\"leaderboard\":\"Rating-duel\",\"score\":3000}").post("/api/leaderboard")
                .then().statusCode(403).body("type", org.hamcrest.Matchers.endsWith("read-only-leaderboard"));
        given().header("Authorization", TestServerKeys.header(TestServerKeys.SCORES_ONLY)).contentType(ContentType.JSON)
                .body("{\"score\":3000}").put("/api/leaderboard/rating-duel/players/" + ann[0])
                .then().statusCode(403);
        given().header("Authorization", TestServerKeys.header(TestServerKeys.SCORES_ONLY))
                .delete("/api/leaderboard/rating-duel/players/" + ann[0]).then().statusCode(403);
    }

    /** Where a new player stands after losing a first game to another new player. */
    private static double ratingAfterOneLoss() {
        return 1337.689;
    }

    private void finished(String matchId, String mode, List<String> players, String winner, String resolution) {
        redis.stream(String.class).xadd("matches", match(matchId, mode, players, winner, resolution));
    }

    private static Map<String, String> match(String matchId, String mode, List<String> players, String winner, String resolution) {
        return new HashMap<>(Map.of("matchId", matchId, "mode", mode,
                "players", players.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",", "[", "]")),
                "winner", winner, "resolution", resolution, "startedAt", "1700000000000", "endedAt", "1700000060000"));
    }

    private JsonPath awaitGames(String[] player, String mode, int games) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rating(player, mode).getInt("games") == games);
        return rating(player, mode);
    }

    private static JsonPath rating(String[] player, String mode) {
        return given().auth().oauth2(player[1]).get("/api/ratings/" + mode + "/" + player[0])
                .then().statusCode(200).extract().jsonPath();
    }

    private static String mode() {
        return "m" + UUID.randomUUID().toString().substring(0, 8);
    }
}
