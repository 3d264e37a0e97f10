package dev.rallypoint.leaderboard.board;

import dev.rallypoint.common.problem.ProblemException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Board names and their settings: an exact name first, else the longest matching pattern, else
 * the defaults. Built at startup, so that settings it cannot use stop the service at once.
 */
@Startup
@ApplicationScoped
public class Boards {

    /** The board the match results feed; clients read it but cannot submit to it (see {@link #reserved}). */
    public static final String WINS = "wins";

    /** Boards {@code rating-<mode>} show the ratings of finished matches (see {@code ratings}); nobody submits to them. */
    public static final String RATING_PREFIX = "rating-";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private final List<Rule> rules;
    private final List<String> reserved;

    Boards(LeaderboardConfig config) {
        BoardVariables.check(System.getenv(), config.boards().keySet());
        this.reserved = config.reserved();
        this.rules = config.boards().values().stream()
                .map(Rule::of)
                .sorted(Comparator.comparing(Rule::exact).reversed().thenComparing(rule -> -rule.match.length()))
                .toList();
    }

    /** The settings of a valid board name; 400 for any other name. */
    public BoardSettings settings(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest("invalid-leaderboard",
                    "A leaderboard name has 1 to 64 characters of A-Z, a-z, 0-9, _ . : -");
        }
        if (WINS.equals(name)) {
            return new BoardSettings(BoardSettings.Order.DESC, BoardSettings.Operator.INCR,
                    findRule(name).map(rule -> rule.settings.reset()).orElse(BoardSettings.Reset.NEVER),
                    0, BoardSettings.LIMIT, BoardSettings.ANY_CHANGE, 0, BoardSettings.Submit.SERVER);
        }
        if (rated(name)) {
            return new BoardSettings(BoardSettings.Order.DESC, BoardSettings.Operator.SET, BoardSettings.Reset.NEVER,
                    -BoardSettings.LIMIT, BoardSettings.LIMIT, BoardSettings.ANY_CHANGE, 0, BoardSettings.Submit.SERVER);
        }
        return findRule(name).map(rule -> rule.settings).orElse(BoardSettings.DEFAULT);
    }

    /** Whether this is a mode's rating board, in any letter case: it follows the ratings, so not even a game server writes it. */
    public static boolean rated(String name) {
        return name.regionMatches(true, 0, RATING_PREFIX, 0, RATING_PREFIX.length());
    }

    /** Whether a board rule names this board (by name or pattern), so that it is a board the game has. */
    public boolean configured(String name) {
        return findRule(name).isPresent();
    }

    /** Whether the services feed this board themselves, in any letter case: no client submits to it. */
    public boolean reserved(String name) {
        return rated(name) || reserved.stream().anyMatch(name::equalsIgnoreCase);
    }

    private Optional<Rule> findRule(String name) {
        return rules.stream().filter(rule -> rule.pattern.matcher(name).matches()).findFirst();
    }

    private record Rule(String match, boolean exact, Pattern pattern, BoardSettings settings) {

        static Rule of(LeaderboardConfig.Board board) {
            String match = board.match();
            Pattern pattern = Pattern.compile(Pattern.quote(match).replace("*", "\\E.*\\Q"));
            long min = board.min().orElse(-BoardSettings.LIMIT);
            long max = board.max().orElse(BoardSettings.LIMIT);
            if (min < -BoardSettings.LIMIT || max > BoardSettings.LIMIT || min > max) {
                throw new IllegalArgumentException("board " + match + ": min and max must lie within -2^31+1..2^31-1, min <= max");
            }
            long maxChange = board.maxChange().orElse(BoardSettings.ANY_CHANGE);
            long minInterval = board.minInterval().map(java.time.Duration::toMillis).orElse(0L);
            if (maxChange < 1 || minInterval < 0) {
                throw new IllegalArgumentException("board " + match + ": max-change must be at least 1, min-interval not negative");
            }
            BoardSettings settings = new BoardSettings(
                    BoardSettings.Order.valueOf(board.order().toUpperCase(Locale.ROOT)),
                    BoardSettings.Operator.valueOf(board.operator().toUpperCase(Locale.ROOT)),
                    BoardSettings.Reset.valueOf(board.reset().toUpperCase(Locale.ROOT)),
                    min, max, maxChange, minInterval,
                    BoardSettings.Submit.valueOf(board.submit().toUpperCase(Locale.ROOT)));
            return new Rule(match, !match.contains("*"), pattern, settings);
        }
    }
}
