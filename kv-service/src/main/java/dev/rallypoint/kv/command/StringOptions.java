package dev.rallypoint.kv.command;

import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.StoreException;

import java.util.Locale;

/**
 * The options of SET and GETEX, read as t_string.c's parseExtendedStringArgumentsOrReply reads
 * them: NX, XX, GET and KEEPTTL for SET, PERSIST for GETEX, one of EX, PX, EXAT and PXAT for both.
 * {@code expireAt} is absolute, in ms: 0 for none given, or {@link Store#KEEP_TTL} or {@link Store#PERSIST}.
 */
record StringOptions(Condition condition, boolean get, long expireAt) {

    static StringOptions parse(byte[][] argv, int from, boolean set, String command) {
        Condition condition = Condition.ALWAYS;
        boolean get = false;
        boolean keepTtl = false;
        boolean persist = false;
        String unit = null;
        byte[] expire = null;
        for (int j = from; j < argv.length; j++) {
            byte[] opt = argv[j];
            if (set && Args.is(opt, "NX") && condition != Condition.IF_PRESENT) {
                condition = Condition.IF_ABSENT;
            } else if (set && Args.is(opt, "XX") && condition != Condition.IF_ABSENT) {
                condition = Condition.IF_PRESENT;
            } else if (set && Args.is(opt, "GET")) {
                get = true;
            } else if (set && Args.is(opt, "KEEPTTL") && unit == null) {
                keepTtl = true;
            } else if (!set && Args.is(opt, "PERSIST") && unit == null) {
                persist = true;
            } else if ((Args.is(opt, "EX") || Args.is(opt, "PX") || Args.is(opt, "EXAT") || Args.is(opt, "PXAT"))
                    && !keepTtl && !persist && unit == null && j + 1 < argv.length) {
                unit = Args.text(opt).toUpperCase(Locale.ROOT);
                expire = argv[++j];
            } else {
                throw new StoreException(RedisErrors.SYNTAX);
            }
        }
        long expireAt = keepTtl ? Store.KEEP_TTL : persist ? Store.PERSIST : 0;
        if (unit != null) {
            expireAt = StringCommands.expireAt(expire, unit.startsWith("P"), unit.endsWith("AT"), command);
        }
        return new StringOptions(condition, get, expireAt);
    }
}
