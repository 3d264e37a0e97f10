package dev.rallypoint.common.auth;

import dev.rallypoint.common.problem.ProblemException;

import java.util.regex.Pattern;

/**
 * The player ids a caller may name: Rallypoint's own are UUIDs; a studio's identity provider's
 * (a JWT's {@code sub}) may look like {@code auth0|42} or {@code steam:7656}. No braces, so an id
 * never changes the hash slot of a key it is part of.
 */
public final class PlayerIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:@|-]{1,128}");

    private PlayerIds() {
    }

    public static boolean isValid(String playerId) {
        return VALID.matcher(playerId).matches();
    }

    /** The id, or 400 {@code invalid-player-id}. */
    public static String validate(String playerId) {
        if (playerId == null || !VALID.matcher(playerId).matches()) {
            throw ProblemException.badRequest("invalid-player-id", "A playerId is 1 to 128 of A-Z a-z 0-9 _ . : @ | -.");
        }
        return playerId;
    }
}
