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

    Matches matches();

    Wins wins();

    Ratings ratings();

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

    /** The stream of finished matches that the wins board and the ratings read. */
    interface Matches {
        @WithDefault("matches")
        String stream();

        /** A pending entry idle this long belongs to a dead consumer and is claimed. */
        @WithDefault("PT30S")
        Duration claimIdle();

        /** How long a counted or rated matchId is remembered, so a redelivery within it changes nothing. */
        @WithDefault("P7D")
        Duration dedupe();
    }

    interface Wins {
        /** Set to false on replicas that should not count wins. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("leaderboard-service")
        String group();
    }

    /** Glicko-2 ratings per mode, from finished matches. */
    interface Ratings {
        /** Set to false on replicas that should not rate matches. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("leaderboard-ratings")
        String group();

        /** How much a player's volatility may change; Glickman suggests 0.3 to 1.2. */
        @WithDefault("0.5")
        double tau();

        /** A new player's rating, deviation and volatility. */
        @WithDefault("1500")
        double rating();

        @WithDefault("350")
        double deviation();

        @WithDefault("0.06")
        double volatility();
    }
}
