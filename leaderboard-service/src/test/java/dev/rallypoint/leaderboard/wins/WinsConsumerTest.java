package dev.rallypoint.leaderboard.wins;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class WinsConsumerTest {

    private static final String GROUP = "leaderboard-service";

    @InjectRedis
    RedisDataSource redis;

    @Test
    void eachFinishedMatchAddsOneWinToItsWinner() {
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        finished(UUID.randomUUID().toString(), ann[0], bo[0], ann[0]);
        finished(UUID.randomUUID().toString(), ann[0], bo[0], ann[0]);
        finished(UUID.randomUUID().toString(), ann[0], bo[0], bo[0]);

        awaitWins(ann, 2);
        awaitWins(bo, 1);
        assertEquals(2, wins(ann));
    }

    @Test
    void theSameMatchDeliveredTwiceCountsOnce() {
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        String matchId = UUID.randomUUID().toString();
        finished(matchId, ann[0], bo[0], ann[0]);
        finished(matchId, ann[0], bo[0], ann[0]);
        // A later match proves both copies of the first were read before it.
        finished(UUID.randomUUID().toString(), ann[0], bo[0], bo[0]);

        awaitWins(bo, 1);
        awaitNothingPending();
        assertEquals(1, wins(ann));
    }

    @Test
    void aMatchWithoutWinnerCountsForNobody() {
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        finished(UUID.randomUUID().toString(), ann[0], bo[0], "");
        finished(UUID.randomUUID().toString(), ann[0], bo[0], bo[0]);

        awaitWins(bo, 1);
        given().auth().oauth2(ann[1]).get("/api/leaderboard/wins/players/" + ann[0]).then().statusCode(404);
    }

    @Test
    void aTeamWinCountsForEachPlayerOfTheWinnersTeam() {
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        String[] cy = Players.create(redis, "Cy");
        String[] di = Players.create(redis, "Di");
        redis.stream(String.class).xadd("matches", Map.of("matchId", UUID.randomUUID().toString(), "mode", "teams",
                "players", "[\"" + ann[0] + "\",\"" + bo[0] + "\",\"" + cy[0] + "\",\"" + di[0] + "\"]",
                "teams", "[1,2,2,1]", "winner", di[0], "startedAt", "1700000000000", "endedAt", "1700000060000"));
        // A later match proves the first was read before it.
        finished(UUID.randomUUID().toString(), bo[0], cy[0], bo[0]);

        awaitWins(bo, 1);
        awaitNothingPending();
        assertEquals(1, wins(ann));
        assertEquals(1, wins(di));
        assertEquals(0, wins(cy));
    }

    @Test
    void anEntryLeftPendingByADeadConsumerIsClaimedAndCounted() {
        String[] ann = Players.create(redis, "Ann");
        String[] bo = Players.create(redis, "Bo");
        // Append and read as another consumer in one script, so this service's consumer never
        // sees the entry as new: it sits pending for a consumer that then dies without XACK.
        redis.execute("EVAL", """
                local id = redis.call('XADD', KEYS[1], '*', 'matchId', ARGV[1], 'mode', 'duel', 'players', ARGV[2], \
                'winner', ARGV[3], 'startedAt', '1', 'endedAt', '2')
                redis.call('XREADGROUP', 'GROUP', ARGV[4], 'dead-consumer', 'COUNT', '1000', 'STREAMS', KEYS[1], '>')
                return id
                """, "1", "matches", UUID.randomUUID().toString(), "[\"" + ann[0] + "\",\"" + bo[0] + "\"]", ann[0], GROUP);

        awaitWins(ann, 1);
        awaitNothingPending();
    }

    private void finished(String matchId, String first, String second, String winner) {
        redis.stream(String.class).xadd("matches", Map.of("matchId", matchId, "mode", "duel",
                "players", "[\"" + first + "\",\"" + second + "\"]", "winner", winner,
                "startedAt", "1700000000000", "endedAt", "1700000060000"));
    }

    private void awaitWins(String[] player, int wins) {
        await().atMost(Duration.ofSeconds(10)).until(() -> wins(player) == wins);
    }

    private void awaitNothingPending() {
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.stream(String.class).xpending("matches", GROUP).getPendingCount() == 0);
    }

    static int wins(String[] player) {
        var response = given().auth().oauth2(player[1]).get("/api/leaderboard/wins/players/" + player[0]).then().extract();
        return response.statusCode() == 200 ? response.<Integer>path("score") : 0;
    }
}
