package dev.rallypoint.save.session;

import dev.rallypoint.common.problem.ProblemException;

import java.util.concurrent.ThreadLocalRandom;

/** Display names: 1 to 32 characters (code points), not blank, no control characters. */
final class Names {

    static final int MAX_LENGTH = 32;

    private Names() {
    }

    static String validate(String name) {
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_LENGTH || name.isBlank()) {
            throw ProblemException.badRequest("invalid-name", "A name has 1 to " + MAX_LENGTH + " characters and is not blank.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-name", "A name may not contain control characters.");
        }
        return name;
    }

    /** The name of a player who gave none: short, readable, and unlikely to clash in one room. */
    static String generated() {
        return "Player-" + (1000 + ThreadLocalRandom.current().nextInt(9000));
    }
}
