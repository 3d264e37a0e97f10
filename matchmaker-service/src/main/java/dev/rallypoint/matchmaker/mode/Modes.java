package dev.rallypoint.matchmaker.mode;

import dev.rallypoint.matchmaker.protocol.MatchException;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.regex.Pattern;

/** The configured game modes, checked once at startup so that a bad one fails fast. */
@Singleton
public class Modes {

    // A mode name becomes a Redis hash tag, so it must not contain braces.
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, MatchmakerConfig.Mode> modes;

    Modes(MatchmakerConfig config) {
        this.modes = Map.copyOf(config.modes());
        modes.forEach((name, mode) -> {
            if (!NAME.matcher(name).matches() || mode.capacity() < 1 || mode.minReady() < 1
                    || mode.minReady() > mode.capacity() || mode.teams() < 1 || mode.capacity() % mode.teams() != 0
                    || mode.resultWindow().isNegative()
                    || !(mode.window().start() >= 0 && mode.window().growth() >= 0 && mode.window().max() >= mode.window().start())) {
                throw new IllegalStateException("Invalid mode '" + name + "': names match " + NAME
                        + ", capacity >= 1, 1 <= minReady <= capacity, teams >= 1 dividing capacity, resultWindow >= 0 and 0 <= window.start <= window.max, window.growth >= 0");
            }
        });
    }

    /** Whether some mode pairs by rating. */
    public boolean anyRated() {
        return modes.values().stream().anyMatch(mode -> mode.matching() == MatchmakerConfig.Matching.RATING);
    }

    public MatchmakerConfig.Mode require(String name) {
        MatchmakerConfig.Mode mode = modes.get(name);
        if (mode == null) {
            throw new MatchException("unknown_mode", "Unknown mode '" + name + "'; modes: " + modes.keySet());
        }
        return mode;
    }
}
