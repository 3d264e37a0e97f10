package dev.rallypoint.leaderboard.wins;

import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.matches.MatchStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Counts each finished match's winner once on the wins board, in the consumer group {@code wins.group}. */
@ApplicationScoped
public class WinsConsumer {

    private final LeaderboardConfig.Wins config;
    private final MatchStream stream;

    WinsConsumer(RedisDataSource redis, WinCounter counter, LeaderboardConfig config) {
        this.config = config.wins();
        this.stream = new MatchStream(redis, config.matches(), this.config.group(), counter::count);
    }

    void start(@Observes StartupEvent event) {
        if (config.enabled()) {
            stream.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stream.stop();
    }
}
