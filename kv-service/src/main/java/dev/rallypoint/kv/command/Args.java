package dev.rallypoint.kv.command;

import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Numbers;
import dev.rallypoint.kv.store.StoreException;

import java.nio.charset.StandardCharsets;

/** Argument conversions shared by the handlers; each throws the Redis error for bad input. */
final class Args {

    private Args() {
    }

    static long integer(byte[] arg) {
        if (!Numbers.isLong(arg)) {
            throw new StoreException(RedisErrors.NOT_AN_INTEGER);
        }
        return Numbers.toLong(arg);
    }

    static Key[] keys(byte[][] argv, int from, int step) {
        Key[] keys = new Key[(argv.length - from + step - 1) / step];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key(argv[from + i * step]);
        }
        return keys;
    }

    /** Case-insensitive comparison of an argument with an ASCII option name such as "NX". */
    static boolean is(byte[] arg, String option) {
        return arg.length == option.length()
                && new String(arg, StandardCharsets.ISO_8859_1).equalsIgnoreCase(option);
    }

    static String text(byte[] arg) {
        return new String(arg, StandardCharsets.UTF_8);
    }
}
