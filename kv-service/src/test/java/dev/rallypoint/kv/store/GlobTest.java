package dev.rallypoint.kv.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobTest {

    private static boolean matches(String pattern, String key) {
        return Glob.matches(pattern.getBytes(StandardCharsets.ISO_8859_1), key.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "user:*|user:42|true",
            "user:*|users|false",
            "*:score|p1:score|true",
            "h?llo|hello|true",
            "h?llo|hllo|false",
            "h[ae]llo|hallo|true",
            "h[^e]llo|hello|false",
            "h[a-b]llo|hbllo|true",
            "h[b-a]llo|hbllo|true",
            "h\\*llo|h*llo|true",
            "h\\*llo|hello|false",
            "a*b*c|aXbYc|true",
            "a*b*c|aXbYd|false",
            "a**|a|true",
            "*a|a|true",
            "x[|x[|false",
            "[abc|b|true",
    })
    void matchesAsRedisDoes(String pattern, String key, boolean expected) {
        assertEquals(expected, matches(pattern, key));
    }

    @Test
    void aPatternOfManyStarsFailsFastOnAKeyItCannotMatch() {
        // Exponential without the early exit: over two minutes before it, microseconds after.
        String key = "a".repeat(40);
        assertFalse(matches("a*a*a*a*a*a*a*a*a*b", key));
        assertFalse(matches("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(10_000)));
        assertTrue(matches("a*a*a*a*a*a*a*a*a*a", key));
    }

    @Test
    void aHugePatternBuysNoHugeBudget() {
        // A star, then a megabyte of a's and a 'b': from every place in the key the a's match to
        // its end, 8 million steps in all. Counted by the pattern's length, the bound would allow
        // 64 million; counted by the key's, a few.
        String pattern = "*" + "a".repeat(1_000_000) + "b";
        StoreException e = assertThrows(StoreException.class, () -> matches(pattern, "a".repeat(4_000)));
        assertEquals(Glob.TOO_COMPLEX, e.getMessage());
        assertTrue(matches("a".repeat(1_000_000) + "*", "a".repeat(1_000_000)), "a long plain pattern still matches");
    }

    @Test
    void aPatternThatNeedsTooManyStepsIsRefused() {
        // Each '?' after a '*' costs a pass over the rest of the key: 200 of them over 20,000 bytes
        // is millions of steps for one key, beyond the bound.
        String pattern = "*" + "?".repeat(200) + "b";
        StoreException e = assertThrows(StoreException.class, () -> matches(pattern, "a".repeat(20_000)));
        assertEquals(Glob.TOO_COMPLEX, e.getMessage());
    }
}
