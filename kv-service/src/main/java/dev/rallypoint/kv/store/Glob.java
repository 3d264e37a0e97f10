package dev.rallypoint.kv.store;

/**
 * Redis's glob-style pattern matching for KEYS and SCAN MATCH ({@code * ? [a-z] [^x] \x}), as
 * util.c's stringmatchlen, including its early exit: once the rest of a pattern after a
 * {@code *} matched nowhere in the rest of a key, no earlier {@code *} can make it match by
 * taking more, so the search stops (CVE-2022-36021: without that, a pattern of a few
 * {@code a*} against a key of {@code a}s takes exponential time). On top of Redis's bounds, one
 * match may take {@value #STEPS_PER_BYTE} steps per byte of the key, plus two per byte of the
 * pattern (a pattern is read through about once): a pattern that needs more is refused with an
 * error instead of holding the keyspace, and a huge pattern does not buy itself a huge budget.
 */
public final class Glob {

    static final int STEPS_PER_BYTE = 64;
    static final String TOO_COMPLEX = "pattern too complex: it takes too many steps to match a key";

    private final byte[] p;
    private final byte[] s;
    private long steps;
    private boolean skipLongerMatches;

    private Glob(byte[] pattern, byte[] key) {
        this.p = pattern;
        this.s = key;
        this.steps = (long) STEPS_PER_BYTE * (key.length + 16) + 2L * pattern.length;
    }

    /** Whether the key matches; StoreException when the pattern needs too much work for it. */
    public static boolean matches(byte[] pattern, byte[] key) {
        return new Glob(pattern, key).match(0, 0, 0);
    }

    private boolean match(int pi, int si, int nesting) {
        // As stringmatchlen: bound the recursion a hostile pattern could cause.
        if (nesting > 1000) {
            return false;
        }
        while (pi < p.length && si < s.length) {
            if (--steps < 0) {
                throw new StoreException(TOO_COMPLEX);
            }
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    while (si < s.length) {
                        if (match(pi + 1, si, nesting + 1)) {
                            return true;
                        }
                        if (skipLongerMatches) {
                            return false;
                        }
                        si++;
                    }
                    // The rest matched from no position of the rest of the key: a longer match of
                    // any earlier '*' would only start it later, so no caller needs to try.
                    skipLongerMatches = true;
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean found = false;
                    while (true) {
                        if (pi < p.length && p[pi] == '\\' && p.length - pi >= 2) {
                            pi++;
                            found |= p[pi] == s[si];
                        } else if (pi < p.length && p[pi] == ']') {
                            break;
                        } else if (pi >= p.length) {
                            // An unclosed class ends with the pattern.
                            pi--;
                            break;
                        } else if (p.length - pi >= 3 && p[pi + 1] == '-') {
                            // Bytes compare signed, as C's char does in Redis.
                            int lo = p[pi];
                            int hi = p[pi + 2];
                            if (lo > hi) {
                                int t = lo;
                                lo = hi;
                                hi = t;
                            }
                            pi += 2;
                            found |= s[si] >= lo && s[si] <= hi;
                        } else {
                            found |= p[pi] == s[si];
                        }
                        pi++;
                    }
                    if (found == not) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (p.length - pi >= 2) {
                        pi++;
                    }
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }
}
