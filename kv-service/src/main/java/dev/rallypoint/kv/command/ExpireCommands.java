package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.Store.ExpireCondition;
import dev.rallypoint.kv.store.StoreException;

import java.util.Set;

/** Expiry commands, as in Redis's expire.c. */
public final class ExpireCommands {

    private static final Set<Flag> WRITE_FAST = Set.of(Flag.WRITE, Flag.FAST);
    private static final Set<Flag> READ_FAST = Set.of(Flag.READONLY, Flag.FAST);

    private final Store store;

    public ExpireCommands(Store store) {
        this.store = store;
    }

    public void register(CommandTable table) {
        table.add("expire", -3, WRITE_FAST, (c, a, o) -> expireGeneric(a, false, false, "expire", o));
        table.add("pexpire", -3, WRITE_FAST, (c, a, o) -> expireGeneric(a, true, false, "pexpire", o));
        table.add("expireat", -3, WRITE_FAST, (c, a, o) -> expireGeneric(a, false, true, "expireat", o));
        table.add("pexpireat", -3, WRITE_FAST, (c, a, o) -> expireGeneric(a, true, true, "pexpireat", o));
        table.add("ttl", 2, READ_FAST, (c, a, o) -> ttl(a, false, o));
        table.add("pttl", 2, READ_FAST, (c, a, o) -> ttl(a, true, o));
        table.add("persist", 2, WRITE_FAST, (c, a, o) -> o.integer(store.persist(new Key(a[1])) ? 1 : 0));
        table.add("expiretime", 2, READ_FAST, (c, a, o) -> expireTime(a, false, o));
        table.add("pexpiretime", 2, READ_FAST, (c, a, o) -> expireTime(a, true, o));
    }

    /**
     * Implements EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT:
     * {@code key time [NX|XX|GT|LT]}. A time in the past deletes the key.
     */
    private void expireGeneric(byte[][] argv, boolean millis, boolean absolute, String command, Reply out) {
        ExpireCondition condition = ExpireCondition.ALWAYS;
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            if (Args.is(opt, "NX")) {
                nx = true;
                condition = ExpireCondition.NX;
            } else if (Args.is(opt, "XX")) {
                xx = true;
            } else if (Args.is(opt, "GT")) {
                gt = true;
                condition = ExpireCondition.GT;
            } else if (Args.is(opt, "LT")) {
                lt = true;
                condition = ExpireCondition.LT;
            } else {
                out.error(RedisErrors.unsupportedOption(opt));
                return;
            }
        }
        if (nx && (xx || gt || lt)) {
            out.error(RedisErrors.EXPIRE_NX_CONFLICT);
            return;
        }
        if (gt && lt) {
            out.error(RedisErrors.EXPIRE_GT_LT_CONFLICT);
            return;
        }
        // XX alone; with GT or LT both conditions must hold.
        if (xx && condition == ExpireCondition.ALWAYS) {
            condition = ExpireCondition.XX;
        }
        long when = Args.integer(argv[2]);
        if (!millis) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw new StoreException(RedisErrors.invalidExpire(command));
            }
            when *= 1000;
        }
        if (!absolute) {
            long now = System.currentTimeMillis();
            if ((when > 0 && when > Long.MAX_VALUE - now) || (when < 0 && when < Long.MIN_VALUE + now)) {
                throw new StoreException(RedisErrors.invalidExpire(command));
            }
            when += now;
        }
        out.integer(store.expireAt(new Key(argv[1]), when, condition, xx) ? 1 : 0);
    }

    // EXPIRETIME key, PEXPIRETIME key: the absolute time, -2 for a missing key, -1 for one without expiry.
    private void expireTime(byte[][] argv, boolean millis, Reply out) {
        long at = store.expireTime(new Key(argv[1]));
        out.integer(at < 0 || millis ? at : at / 1000);
    }

    // TTL key, PTTL key: -2 for a missing key, -1 for one without expiry.
    private void ttl(byte[][] argv, boolean millis, Reply out) {
        long pttl = store.pttl(new Key(argv[1]));
        out.integer(pttl < 0 || millis ? pttl : (pttl + 500) / 1000);
    }
}
