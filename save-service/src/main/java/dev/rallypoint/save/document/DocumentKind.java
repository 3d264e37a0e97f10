package dev.rallypoint.save.document;

import dev.rallypoint.common.problem.ProblemException;

/** The two kinds of save document; each player has at most one of each. */
public enum DocumentKind {
    PLAYERSTATE, GAMESTATE;

    public static DocumentKind of(String path) {
        return switch (path) {
            case "playerstate" -> PLAYERSTATE;
            case "gamestate" -> GAMESTATE;
            default -> throw ProblemException.notFound("unknown-kind", "Documents are 'playerstate' or 'gamestate'.");
        };
    }

    /** {@code save:{<playerId>}:<kind>}: the hash tag keeps a player's documents on one slot. */
    String key(String playerId) {
        return "save:{" + playerId + "}:" + name().toLowerCase();
    }
}
