package dev.rallypoint.save.session;

import dev.rallypoint.common.problem.ProblemException;

import java.text.Normalizer;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Display names: 1 to 32 characters (code points) in Unicode NFC, so that a name looks and
 * compares the same however the client composed it; not blank; and nothing a player cannot see:
 * no control, format (zero-width spaces and joiners, direction overrides), private-use,
 * unassigned or separator characters, and none of the letters that render as nothing.
 */
final class Names {

    static final int MAX_LENGTH = 32;

    // Letters and symbols drawn as blanks: Hangul fillers, the Khmer inherent vowels, braille blank.
    private static final Set<Integer> BLANK_GLYPHS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x2800);

    private Names() {
    }

    static String validate(String requested) {
        String name = Normalizer.normalize(requested, Normalizer.Form.NFC);
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_LENGTH || name.isBlank()) {
            throw ProblemException.badRequest("invalid-name", "A name has 1 to " + MAX_LENGTH + " characters and is not blank.");
        }
        if (name.codePoints().anyMatch(Names::invisible)) {
            throw ProblemException.badRequest("invalid-name",
                    "A name may not contain control, format, private-use or invisible characters.");
        }
        return name;
    }

    private static boolean invisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> BLANK_GLYPHS.contains(codePoint);
        };
    }

    /** The name of a player who gave none: short, readable, and unlikely to clash in one room. */
    static String generated() {
        return "Player-" + (1000 + ThreadLocalRandom.current().nextInt(9000));
    }
}
