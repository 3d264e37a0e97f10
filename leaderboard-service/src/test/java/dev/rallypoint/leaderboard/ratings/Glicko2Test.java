package dev.rallypoint.leaderboard.ratings;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** glicko2.lua, run by Redis, against the worked example of Glickman's "Example of the Glicko-2 system". */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class Glicko2Test {

    private static final LuaScript PERIOD = LuaScript.load("lua/leaderboard/glicko2.lua", "lua/glicko2-period.lua");

    @Inject
    PipelinedRedis redis;

    @Test
    void thePapersWorkedExample() {
        double[] rated = period("0.5", "1500", "200", "0.06",
                "1400", "30", "1",
                "1550", "100", "0",
                "1700", "300", "0");

        assertEquals(1464.06, rated[0], 0.01);
        assertEquals(151.52, rated[1], 0.01);
        assertEquals(0.05999, rated[2], 0.00001);
    }

    @Test
    void twoNewPlayersMoveApartByAsMuchAsEachOther() {
        double[] winner = period("0.5", "1500", "350", "0.06", "1500", "350", "1");
        double[] loser = period("0.5", "1500", "350", "0.06", "1500", "350", "0");

        assertTrue(winner[0] > 1600, "a new player's first win moves them far: " + winner[0]);
        assertEquals(3000, winner[0] + loser[0], 0.000001);
        assertEquals(winner[1], loser[1], 0.000001);
        assertTrue(winner[1] < 350);
    }

    @Test
    void aFavouriteGainsLittleFromBeatingAnUnderdog() {
        double[] favourite = period("0.5", "1900", "60", "0.06", "1300", "60", "1");

        assertTrue(favourite[0] > 1900 && favourite[0] < 1902, "gained " + (favourite[0] - 1900));
    }

    private double[] period(String... args) {
        Response reply = PERIOD.run(redis, List.of(), List.of(args)).await().atMost(Duration.ofSeconds(5));
        return new double[] {reply.get(0).toDouble(), reply.get(1).toDouble(), reply.get(2).toDouble()};
    }
}
