package dev.rallypoint.leaderboard.board;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Board settings from the environment: {@code RALLYPOINT_LEADERBOARD_BOARDS_<ID>_<SETTING>}, e.g.
 * {@code RALLYPOINT_LEADERBOARD_BOARDS_DAILY_MATCH=daily-*}. SmallRye Config reads such a variable
 * as the board {@code <id>} in lower case when the id is one word of letters and digits; an
 * underscore in it could stand for a dash, a dot or itself, so a variable with one is read only
 * for a board declared elsewhere (application.properties, {@code -D}), and is otherwise ignored
 * without a word. This check stops the service instead, naming the variables it cannot read.
 */
final class BoardVariables {

    static final String PREFIX = "RALLYPOINT_LEADERBOARD_BOARDS_";
    private static final Pattern VARIABLE = Pattern.compile(
            Pattern.quote(PREFIX) + "(.+)_(MATCH|ORDER|OPERATOR|RESET|MIN|MAX|MAX_CHANGE|MIN_INTERVAL|SUBMIT)");
    private static final Pattern ONE_WORD = Pattern.compile("[A-Za-z0-9]+");

    private BoardVariables() {
    }

    /**
     * Fails when a variable under {@link #PREFIX} is not {@code <ID>_<SETTING>} with a one-word id
     * or the id of a declared board.
     *
     * @param environment the process environment
     * @param declaredIds the ids of the configured boards, from every source
     */
    static void check(Map<String, String> environment, Set<String> declaredIds) {
        Set<String> declared = declaredIds.stream().map(BoardVariables::environmentForm).collect(Collectors.toSet());
        List<String> unreadable = environment.keySet().stream()
                .filter(name -> name.startsWith(PREFIX))
                .filter(name -> {
                    Matcher variable = VARIABLE.matcher(name);
                    return !variable.matches()
                            || !(ONE_WORD.matcher(variable.group(1)).matches() || declared.contains(variable.group(1)));
                })
                .sorted()
                .toList();
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException("Cannot read " + String.join(", ", unreadable) + ": a board setting in the"
                    + " environment is " + PREFIX + "<ID>_<MATCH|ORDER|OPERATOR|RESET|MIN|MAX|MAX_CHANGE|MIN_INTERVAL|SUBMIT>, where <ID> is one word"
                    + " of letters and digits (e.g. " + PREFIX + "DAILY_RESET), or the id of a board declared in"
                    + " application.properties");
        }
    }

    /** How SmallRye Config names a property in the environment: upper case, every other character an underscore. */
    private static String environmentForm(String id) {
        return id.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
