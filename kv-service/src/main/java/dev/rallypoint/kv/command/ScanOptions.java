package dev.rallypoint.kv.command;

import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.store.StoreException;

import java.util.Locale;

/**
 * The cursor and options of SCAN and HSCAN, read as db.c's scanGenericCommand reads them:
 * MATCH (null when it matches everything), COUNT (at least 1), and TYPE for SCAN only (null: any).
 */
record ScanOptions(long cursor, byte[] pattern, long count, String type) {

    /** The cursor, as SCAN reads it: an unsigned 64-bit number, else "invalid cursor". */
    static long cursor(byte[] arg) {
        try {
            return Long.parseUnsignedLong(Args.text(arg));
        } catch (NumberFormatException e) {
            throw new StoreException(RedisErrors.INVALID_CURSOR);
        }
    }

    static ScanOptions parse(long cursor, byte[][] argv, int from, boolean typed) {
        byte[] pattern = null;
        long count = 10;
        String type = null;
        for (int j = from; j < argv.length; j += 2) {
            if (j + 1 >= argv.length) {
                throw new StoreException(RedisErrors.SYNTAX);
            }
            if (Args.is(argv[j], "MATCH")) {
                // "*" matches everything: skip the matching altogether.
                pattern = argv[j + 1].length == 1 && argv[j + 1][0] == '*' ? null : argv[j + 1];
            } else if (Args.is(argv[j], "COUNT")) {
                count = Args.integer(argv[j + 1]);
                if (count < 1) {
                    throw new StoreException(RedisErrors.SYNTAX);
                }
            } else if (typed && Args.is(argv[j], "TYPE")) {
                type = Args.text(argv[j + 1]).toLowerCase(Locale.ROOT);
            } else {
                throw new StoreException(RedisErrors.SYNTAX);
            }
        }
        return new ScanOptions(cursor, pattern, count, type);
    }
}
