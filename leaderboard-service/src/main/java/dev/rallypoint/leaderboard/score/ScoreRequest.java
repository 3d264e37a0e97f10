package dev.rallypoint.leaderboard.score;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rallypoint.common.problem.ProblemException;

/**
 * A submitted score, checked by hand so that every wrong shape gets its own 400: a string, NaN,
 * a fraction or a number past the allowed range is never coerced into a score.
 */
public record ScoreRequest(String leaderboard, long score) {

    public static ScoreRequest of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        JsonNode board = body.get("leaderboard");
        if (board == null || !board.isTextual()) {
            throw ProblemException.badRequest("invalid-leaderboard", "\"leaderboard\" must be a board name.");
        }
        return new ScoreRequest(board.asText(), score(body.get("score")));
    }

    /** {@code {"score"}} for the board a route names. */
    public static ScoreRequest of(String board, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("not-an-object", "The body must be a JSON object.");
        }
        return new ScoreRequest(board, score(body.get("score")));
    }

    private static long score(JsonNode score) {
        if (score == null || !score.isNumber()) {
            throw invalid();
        }
        if (score.isIntegralNumber()) {
            if (!score.canConvertToLong()) {
                throw invalid();
            }
            return score.longValue();
        }
        double value = score.doubleValue();
        if (!Double.isFinite(value) || value != Math.rint(value) || Math.abs(value) > Long.MAX_VALUE / 2.0) {
            throw invalid();
        }
        return (long) value;
    }

    static ProblemException invalid() {
        return ProblemException.badRequest("invalid-score",
                "\"score\" must be a whole number from -2147483647 to 2147483647.");
    }
}
