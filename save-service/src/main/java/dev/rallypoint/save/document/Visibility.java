package dev.rallypoint.save.document;

import dev.rallypoint.common.problem.ProblemException;

/** {@code ?visibility=public|private}: who besides its owner may read a document. */
final class Visibility {

    private Visibility() {
    }

    /** @return true for public, false for private, null when the query does not say */
    static Boolean parse(String visibility) {
        if (visibility == null) {
            return null;
        }
        return switch (visibility) {
            case "public" -> true;
            case "private" -> false;
            default -> throw ProblemException.badRequest("invalid-visibility", "visibility is 'public' or 'private'.");
        };
    }
}
