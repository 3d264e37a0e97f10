package dev.rallypoint.matchmaker.invite;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Invite codes of private rooms: 10 characters from 31 that cannot be mistaken for each other
 * (no 0/O, 1/I/L), about 49.5 bits. With 10,000 rooms open at once, a guesser needs about
 * 8 * 10^10 tries per hit, while a code lives 30 minutes: guessing is pointless.
 */
public final class InviteCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 10;

    private InviteCodes() {
    }

    // A generator per code: one kept in a static field would be seeded once, in a native image at build time.
    public static String generate() {
        SecureRandom random = new SecureRandom();
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** What a person typed, as a code: case and separators ignored; null if it cannot be one. */
    public static String normalize(String typed) {
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return code;
    }
}
