package dev.rallypoint.common.players;

import dev.rallypoint.common.problem.ProblemException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Display names: 1 to 32 characters (code points) in Unicode NFC, so that a name looks and
 * compares the same however the client composed it; not blank; and nothing a player cannot see:
 * no control, format (zero-width spaces and joiners, direction overrides), private-use,
 * unassigned or separator characters, and none of the letters that render as nothing. The same
 * rules hold for a name a player chooses and for one a studio's identity provider signs.
 */
public final class Names {

    public static final int MAX_LENGTH = 32;

    // Letters and symbols drawn as blanks: Hangul fillers, the Khmer inherent vowels, braille blank.
    private static final Set<Integer> BLANK_GLYPHS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5, 0x2800);

    private Names() {
    }

    /** The name in NFC; a 400 {@code invalid-name} when it breaks a rule. */
    public static String validate(String requested) {
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

    /** The name in NFC, or empty when it breaks a rule. */
    public static Optional<String> ifValid(String requested) {
        try {
            return Optional.of(validate(requested));
        } catch (ProblemException invalid) {
            return Optional.empty();
        }
    }

    /** A name as search compares it: NFKC, then lower case, so "ÅSA", "åsa" and "Åsa" are one. */
    public static String fold(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static boolean invisible(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            default -> BLANK_GLYPHS.contains(codePoint);
        };
    }

    /** The name of a player who gave none: short, readable, and unlikely to clash in one room. */
    public static String generated() {
        return "Player-" + (1000 + ThreadLocalRandom.current().nextInt(9000));
    }
}
