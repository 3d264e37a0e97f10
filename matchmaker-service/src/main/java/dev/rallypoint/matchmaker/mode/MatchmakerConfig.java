package dev.rallypoint.matchmaker.mode;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The matchmaker's settings, under {@code rallypoint.matchmaker}. */
@ConfigMapping(prefix = "rallypoint.matchmaker")
public interface MatchmakerConfig {

    /** Game modes by name, e.g. {@code rallypoint.matchmaker.modes.duel.capacity=2}. */
    Map<String, Mode> modes();

    /** A room that sees no change for this long expires, so abandoned state never piles up. */
    @WithDefault("PT6H")
    Duration roomTtl();

    /** How long an ended room (and its event log) stays readable. */
    @WithDefault("PT10M")
    Duration endedRoomTtl();

    /** How long a player who dropped out of a game keeps the seat, to reconnect on any replica. */
    @WithDefault("PT15S")
    Duration gracePeriod();

    /** How long an invite code of a private room can be used. */
    @WithDefault("PT30M")
    Duration inviteTtl();

    /** Newest entries kept in the Redis stream {@code matches} (approximate trimming). */
    @WithDefault("100000")
    long matchesMaxLength();

    /** The rating of a player without rated games in a mode; leaderboard-service starts players at the same. */
    @WithDefault("1500")
    double newPlayerRating();

    /** How often a player who waits alone in a mode that pairs by rating is moved to a room it now fits. */
    @WithDefault("PT1S")
    Duration regroupEvery();

    Chat chat();

    Party party();

    Frames frames();

    Messages messages();

    State state();

    interface Mode {
        /** Seats in a room. */
        int capacity();

        /** Ready players that start a room before it is full. */
        int minReady();

        /**
         * Teams the seats are split into, equally: a party always plays in one team, and players
         * alone fill the team with the most free seats. 1 is no teams.
         */
        @WithDefault("1")
        int teams();

        /** How {@code pair} picks a room. */
        @WithDefault("first")
        Matching matching();

        /** With {@code matching=rating}: how far apart the ratings in one room may be. */
        Window window();

        /** Who decides how a game of this mode ended. */
        @WithDefault("consensus")
        ResultsPolicy results();

        /**
         * With {@code consensus}: how long a majority's result waits for the other connected
         * players, who can still dispute it, before it stands.
         */
        @WithDefault("PT30S")
        Duration resultWindow();

        /** Whether game messages and state changes are allowed while the room still recruits, not only once it plays. */
        @WithDefault("false")
        boolean gameWhileRecruiting();

        /**
         * A top-level field of the room's shared state that names the winner: a player whose
         * state change sets it reports that winner, as with {@code game_over}.
         */
        Optional<String> resultField();
    }

    enum Matching {
        /** The oldest recruiting room (per set of properties) with seats for the player or party, first come, first served. */
        FIRST,
        /** A room of players whose ratings lie within a window that widens while they wait. */
        RATING
    }

    /**
     * The rating points a room's players may differ by: {@code start}, plus {@code growth} for
     * each second its longest-waiting player has waited, up to {@code max}.
     */
    interface Window {
        @WithDefault("100")
        double start();

        @WithDefault("25")
        double growth();

        @WithDefault("400")
        double max();
    }

    enum ResultsPolicy {
        /** The players' reports decide: all agree, or a majority while the rest stay silent. */
        CONSENSUS,
        /** Only a trusted game server reports a result. */
        SERVER
    }

    /** Frames one connection may send, whatever their type: a flood gets errors, then the door. */
    interface Frames {
        /** Frames at once before the limit applies: above the game messages' burst. */
        @WithDefault("180")
        int burst();

        /** Frames per second over time: above the game messages' rate. */
        @WithDefault("80")
        double perSecond();
    }

    /** A room's shared state. */
    interface State {
        /** Bytes of the whole state, written as JSON. */
        @WithDefault("65536")
        int maxSize();

        /** Tries of a change without a version that keeps meeting changes of other players. */
        @WithDefault("10")
        int attempts();
    }

    /** Game messages ({@code send}) and state changes of one player. */
    interface Messages {
        /** Bytes of a message's {@code data}, written as JSON. */
        @WithDefault("4096")
        int maxSize();

        /** Messages at once before the rate limit applies. */
        @WithDefault("120")
        int burst();

        /** Messages per second over time. */
        @WithDefault("60")
        double perSecond();
    }

    interface Party {
        /** Members of one party at most. */
        @WithDefault("8")
        int maxSize();
    }

    interface Chat {
        /** Messages a player may send at once before the rate limit applies. */
        @WithDefault("5")
        int burst();

        /** Messages per second a player may send over time. */
        @WithDefault("2")
        double perSecond();
    }
}
