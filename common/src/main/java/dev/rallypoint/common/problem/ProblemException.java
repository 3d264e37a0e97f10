package dev.rallypoint.common.problem;

/**
 * A failure the client can act on. Thrown anywhere in a request, answered as problem+json by
 * {@link ProblemMappers}; it carries no stack trace because it is an answer, not a bug.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(int status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.problem = Problem.of(status, slug, title, detail);
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail);
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
}
