package dev.rallypoint.leaderboard.ratings;

import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.matches.MatchStream;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Rates each finished match once, in the consumer group {@code ratings.group}. */
@ApplicationScoped
public class RatingsConsumer {

    private final LeaderboardConfig.Ratings config;
    private final MatchStream stream;

    RatingsConsumer(RedisDataSource redis, MatchRater rater, LeaderboardConfig config) {
        this.config = config.ratings();
        this.stream = new MatchStream(redis, config.matches(), this.config.group(), rater::rate);
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
