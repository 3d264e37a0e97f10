package dev.rallypoint.leaderboard.matches;

import dev.rallypoint.leaderboard.board.LeaderboardConfig;
import dev.rallypoint.leaderboard.ratings.MatchRater;
import dev.rallypoint.leaderboard.wins.WinCounter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;

/**
 * What reads the {@code matches} stream, each in a consumer group of its own so that each sees
 * every match: the wins board ({@code wins.group}) and the ratings ({@code ratings.group}).
 * Either can be switched off on a replica.
 */
@ApplicationScoped
public class MatchConsumers {

    private final List<MatchStream> streams = new ArrayList<>();

    MatchConsumers(RedisDataSource redis, WinCounter wins, MatchRater ratings, LeaderboardConfig config) {
        if (config.wins().enabled()) {
            streams.add(new MatchStream(redis, config.matches(), config.wins().group(), wins::count));
        }
        if (config.ratings().enabled()) {
            streams.add(new MatchStream(redis, config.matches(), config.ratings().group(), ratings::rate));
        }
    }

    void start(@Observes StartupEvent event) {
        streams.forEach(MatchStream::start);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        for (MatchStream stream : streams) {
            stream.stop();
        }
    }
}
