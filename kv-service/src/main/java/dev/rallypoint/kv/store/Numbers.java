package dev.rallypoint.kv.store;

/** Integers in Redis's strict text form: no sign but '-', no leading zeros, no spaces. */
public final class Numbers {

    private Numbers() {
    }

    /** Whether the bytes are an integer as Redis's string2ll reads them. */
    public static boolean isLong(byte[] s) {
        return parse(s, null);
    }

    /** The value of a string that {@link #isLong} accepts; throws otherwise. */
    public static long toLong(byte[] s) {
        long[] out = new long[1];
        if (!parse(s, out)) {
            throw new NumberFormatException();
        }
        return out[0];
    }

    private static boolean parse(byte[] s, long[] out) {
        int len = s.length;
        if (len == 0 || len > 20) {
            return false;
        }
        if (len == 1 && s[0] == '0') {
            if (out != null) {
                out[0] = 0;
            }
            return true;
        }
        int i = 0;
        boolean negative = s[0] == '-';
        if (negative) {
            i++;
            if (len == 1) {
                return false;
            }
        }
        // First digit 1-9: "-0", "007" and "" are not integers to Redis.
        if (s[i] < '1' || s[i] > '9') {
            return false;
        }
        long v = 0;
        for (; i < len; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            // Accumulate negatively so that Long.MIN_VALUE fits.
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        if (out != null) {
            out[0] = v;
        }
        return true;
    }

    /** The decimal bytes of a long, as stored after INCR. */
    public static byte[] bytes(long v) {
        return Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** t_string.c's checkStringLength: a value may not grow past proto-max-bulk-len. */
    public static void checkStringLength(long length, long max) {
        if (length > max) {
            throw new StoreException(dev.rallypoint.kv.protocol.RedisErrors.STRING_TOO_LONG);
        }
    }
}
