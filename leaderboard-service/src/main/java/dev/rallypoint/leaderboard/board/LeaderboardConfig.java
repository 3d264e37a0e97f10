package dev.rallypoint.leaderboard.board;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rallypoint.leaderboard.*}: board settings by name or pattern, and how long finished
 * periods and counted matches stay in Redis.
 */
@ConfigMapping(prefix = "rallypoint.leaderboard")
public interface LeaderboardConfig {

    /** Settings keyed by any id; {@code match} names the boards they apply to. */
    Map<String, Board> boards();

    /**
     * Boards the services feed themselves: clients read them but cannot submit, whatever the
     * letter case of the name they give ({@code WINS} is {@code wins}).
     */
    @WithDefault("wins")
    java.util.List<String> reserved();

    /** How long a finished period of a periodic board stays readable with {@code ?period=}. */
    @WithDefault("P30D")
    Duration retention();

    /** How long a player's name read from Redis is reused: a rename shows on every board within it. */
    @WithDefault("PT1S")
    Duration nameCache();

    /**
     * Which boards a player's first score may open: {@code any} valid name, or only names that
     * a board rule ({@code boards.<id>.match}) matches ({@code configured}). A server key opens any.
     */
    @WithDefault("any")
    String openBoards();

    Limits limits();

    Wins wins();

    /** Rate limits: a burst at once, then so many a second. Generous: a real player never meets them. */
    interface Limits {
        /** Score submissions of one player, counted on each instance. */
        @WithDefault("30")
        int submissionsBurst();

        @WithDefault("5")
        double submissionsPerSecond();

        /** Boards one player's first scores open, counted on all instances together. */
        @WithDefault("10")
        int newBoardsBurst();

        /** One a minute. */
        @WithDefault("0.0167")
        double newBoardsPerSecond();
    }

    interface Board {
        /** A board name, or a pattern where {@code *} stands for any characters, e.g. {@code survivor-*}. */
        String match();

        @WithDefault("desc")
        String order();

        @WithDefault("best")
        String operator();

        @WithDefault("never")
        String reset();

        Optional<Long> min();

        Optional<Long> max();

        /**
         * The most one submission may change a player's score: how much better than their best
         * ({@code best}), how far from their last ({@code set}), or how much to add ({@code incr}).
         * A first score is bounded by {@code min} and {@code max} only.
         */
        Optional<Long> maxChange();

        /** The least time between two accepted submissions of one player to the board. */
        Optional<Duration> minInterval();

        /** Who submits scores: {@code client} (each player its own) or {@code server} (only a server key). */
        @WithDefault("client")
        String submit();
    }

    interface Wins {
        /** Set to false on replicas that should not count wins. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("matches")
        String stream();

        @WithDefault("leaderboard-service")
        String group();

        /** A pending entry idle this long belongs to a dead consumer and is claimed. */
        @WithDefault("PT30S")
        Duration claimIdle();

        /** How long a counted matchId is remembered, so a redelivery within it counts nothing. */
        @WithDefault("P7D")
        Duration dedupe();
    }
}
