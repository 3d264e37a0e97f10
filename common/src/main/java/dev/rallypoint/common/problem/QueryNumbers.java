package dev.rallypoint.common.problem;

/** Whole-number query parameters, read as text so that {@code ?count=abc} is a 400 that says why, not a 404. */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /** The parameter's value, {@code fallback} when absent, or 400 {@code invalid-<name>}. */
    public static long of(String name, String text, long fallback, long min, long max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ProblemException.badRequest("invalid-" + name,
                "\"" + name + "\" must be a whole number from " + min + " to " + max + ".");
    }
}
