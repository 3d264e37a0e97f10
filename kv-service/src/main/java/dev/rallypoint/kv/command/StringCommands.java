package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.resp.RespErrors;
import dev.rallypoint.kv.resp.RespWriter;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.Store.Condition;
import dev.rallypoint.kv.store.SetOutcome;
import dev.rallypoint.kv.store.StoreException;

import java.util.Set;

/** The string commands, as in Redis's t_string.c. */
public final class StringCommands {

    private static final Set<Flag> WRITE = Set.of(Flag.WRITE);
    private static final Set<Flag> WRITE_FAST = Set.of(Flag.WRITE, Flag.FAST);
    private static final Set<Flag> READ_FAST = Set.of(Flag.READONLY, Flag.FAST);

    private final Store store;

    public StringCommands(Store store) {
        this.store = store;
    }

    public void register(CommandTable table) {
        table.add("get", 2, READ_FAST, this::get);
        table.add("set", -3, WRITE, this::set);
        table.add("setnx", 3, WRITE_FAST, this::setnx);
        table.add("setex", 4, WRITE, (c, a, o) -> setGeneric(a[1], a[3], Condition.ALWAYS, a[2], false, false, "setex", o));
        table.add("psetex", 4, WRITE, (c, a, o) -> setGeneric(a[1], a[3], Condition.ALWAYS, a[2], true, false, "psetex", o));
        table.add("getset", 3, WRITE_FAST, this::getset);
        table.add("getdel", 2, WRITE_FAST, (c, a, o) -> o.bulk(store.getDel(new Key(a[1]))));
        table.add("mget", -2, READ_FAST, this::mget);
        table.add("mset", -3, WRITE, (c, a, o) -> mset(a, false, o));
        table.add("msetnx", -3, WRITE, (c, a, o) -> mset(a, true, o));
        table.add("incr", 2, WRITE_FAST, (c, a, o) -> o.integer(store.incrBy(new Key(a[1]), 1)));
        table.add("decr", 2, WRITE_FAST, (c, a, o) -> o.integer(store.incrBy(new Key(a[1]), -1)));
        table.add("incrby", 3, WRITE_FAST, (c, a, o) -> o.integer(store.incrBy(new Key(a[1]), Args.integer(a[2]))));
        table.add("decrby", 3, WRITE_FAST, this::decrby);
        table.add("append", 3, WRITE, (c, a, o) -> o.integer(store.append(new Key(a[1]), a[2])));
        table.add("strlen", 2, READ_FAST, this::strlen);
    }

    // GET key
    private void get(Client client, byte[][] argv, RespWriter out) {
        out.bulk(store.get(new Key(argv[1])));
    }

    // SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]
    private void set(Client client, byte[][] argv, RespWriter out) {
        Condition condition = Condition.ALWAYS;
        boolean get = false;
        boolean keepTtl = false;
        String unit = null;
        byte[] expire = null;
        for (int j = 3; j < argv.length; j++) {
            byte[] opt = argv[j];
            if (Args.is(opt, "NX") && condition != Condition.IF_PRESENT) {
                condition = Condition.IF_ABSENT;
            } else if (Args.is(opt, "XX") && condition != Condition.IF_ABSENT) {
                condition = Condition.IF_PRESENT;
            } else if (Args.is(opt, "GET")) {
                get = true;
            } else if (Args.is(opt, "KEEPTTL") && unit == null) {
                keepTtl = true;
            } else if ((Args.is(opt, "EX") || Args.is(opt, "PX") || Args.is(opt, "EXAT") || Args.is(opt, "PXAT"))
                    && !keepTtl && unit == null && j + 1 < argv.length) {
                unit = Args.text(opt).toUpperCase(java.util.Locale.ROOT);
                expire = argv[++j];
            } else {
                out.error(RespErrors.SYNTAX);
                return;
            }
        }
        long expireAt = keepTtl ? Store.KEEP_TTL : 0;
        if (unit != null) {
            expireAt = expireAt(expire, unit.startsWith("P"), unit.endsWith("AT"), "set");
        }
        SetOutcome outcome = store.set(new Key(argv[1]), argv[2], condition, expireAt, get);
        if (get) {
            out.bulk(outcome.old());
        } else if (outcome.written()) {
            out.ok();
        } else {
            out.nil();
        }
    }

    /**
     * Implements SETEX and PSETEX (SET with its options goes through {@link #set}): a relative
     * expiry that must be positive.
     */
    private void setGeneric(byte[] key, byte[] value, Condition condition, byte[] expire, boolean millis,
                            boolean get, String command, RespWriter out) {
        long expireAt = expireAt(expire, millis, false, command);
        store.set(new Key(key), value, condition, expireAt, get);
        out.ok();
    }

    /** Redis's rule: a positive time, in range once turned into absolute milliseconds. */
    static long expireAt(byte[] arg, boolean millis, boolean absolute, String command) {
        long t = Args.integer(arg);
        if (t <= 0 || (!millis && t > Long.MAX_VALUE / 1000)) {
            throw new StoreException(RespErrors.invalidExpire(command));
        }
        if (!millis) {
            t *= 1000;
        }
        if (!absolute) {
            long now = System.currentTimeMillis();
            if (t > Long.MAX_VALUE - now) {
                throw new StoreException(RespErrors.invalidExpire(command));
            }
            t += now;
        }
        return t;
    }

    // SETNX key value
    private void setnx(Client client, byte[][] argv, RespWriter out) {
        out.integer(store.set(new Key(argv[1]), argv[2], Condition.IF_ABSENT, 0, false).written() ? 1 : 0);
    }

    // GETSET key value
    private void getset(Client client, byte[][] argv, RespWriter out) {
        out.bulk(store.set(new Key(argv[1]), argv[2], Condition.ALWAYS, 0, true).old());
    }

    // MGET key [key ...]
    private void mget(Client client, byte[][] argv, RespWriter out) {
        byte[][] values = store.mget(Args.keys(argv, 1, 1));
        out.arrayHeader(values.length);
        for (byte[] v : values) {
            out.bulk(v);
        }
    }

    // MSET key value [key value ...], MSETNX key value [key value ...]
    private void mset(byte[][] argv, boolean onlyIfNoneExists, RespWriter out) {
        if (argv.length % 2 == 0) {
            out.error(RespErrors.wrongArity(onlyIfNoneExists ? "msetnx" : "mset"));
            return;
        }
        Key[] keys = Args.keys(argv, 1, 2);
        byte[][] values = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            values[i] = argv[2 + 2 * i];
        }
        boolean written = store.mset(keys, values, onlyIfNoneExists);
        if (onlyIfNoneExists) {
            out.integer(written ? 1 : 0);
        } else {
            out.ok();
        }
    }

    // DECRBY key decrement
    private void decrby(Client client, byte[][] argv, RespWriter out) {
        long decrement = Args.integer(argv[2]);
        if (decrement == Long.MIN_VALUE) {
            out.error(RespErrors.DECREMENT_OVERFLOW);
            return;
        }
        out.integer(store.incrBy(new Key(argv[1]), -decrement));
    }

    // STRLEN key
    private void strlen(Client client, byte[][] argv, RespWriter out) {
        byte[] v = store.get(new Key(argv[1]));
        out.integer(v == null ? 0 : v.length);
    }
}
