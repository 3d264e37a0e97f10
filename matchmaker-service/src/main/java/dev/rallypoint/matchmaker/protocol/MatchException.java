package dev.rallypoint.matchmaker.protocol;

/**
 * A request the matchmaker refuses, answered as an {@code error} frame with a stable code.
 * It carries no stack trace: it is an answer, not a bug.
 */
public class MatchException extends RuntimeException {

    private final String code;

    public MatchException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True when a failure is this refusal, e.g. {@code MatchException.is(failure, "not_in_room")}. */
    public static boolean is(Throwable failure, String code) {
        return failure instanceof MatchException refusal && refusal.code.equals(code);
    }
}
