package dev.rallypoint.leaderboard.wins;

import dev.rallypoint.common.testing.InjectRedis;
import dev.rallypoint.common.testing.RedisTestResource;
import dev.rallypoint.leaderboard.Players;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counter itself, called as a consumer that crashed before its XACK would call it again. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class WinCounterTest {

    @InjectRedis
    RedisDataSource redis;

    @Inject
    WinCounter counter;

    @Test
    void oneStreamEntryCountedAgainAfterACrashBeforeXackCountsOnce() {
        String[] ann = Players.create(redis, "Ann");
        Map<String, String> entry = Map.of("matchId", UUID.randomUUID().toString(), "mode", "duel",
                "players", "[\"" + ann[0] + "\"]", "winner", ann[0], "startedAt", "1", "endedAt", "2");
        counter.count("1-1", entry);
        counter.count("1-1", entry);
        assertEquals(1, WinsConsumerTest.wins(ann));
    }
}
