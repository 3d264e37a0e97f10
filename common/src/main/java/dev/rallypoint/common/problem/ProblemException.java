package dev.rallypoint.common.problem;

/**
 * A failure the client can act on. Thrown anywhere in a request, answered as problem+json by
 * {@link ProblemMappers}; it carries no stack trace because it is an answer, not a bug.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    // Seconds for the Retry-After header, or 0 for none.
    private final long retryAfterSeconds;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, 0);
    }

    private ProblemException(int status, String slug, String title, String detail, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.problem = Problem.of(status, slug, title, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: too much, too fast; the answer says after how many seconds to try again. */
    public static ProblemException tooManyRequests(String slug, String detail, long retryAfterSeconds) {
        return new ProblemException(429, slug, "Too many requests", detail, Math.max(1, retryAfterSeconds));
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail);
    }

    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(403, slug, "Forbidden", detail);
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(404, slug, "Not found", detail);
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    public Problem problem() {
        return problem;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
