package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Numbers;
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

    private static final Set<Flag> READ = Set.of(Flag.READONLY);
    private static final byte[] EMPTY = new byte[0];

    private final Store store;
    // Redis's proto-max-bulk-len: the longest value, and so the highest bit offset.
    private final long maxValueBytes;
    // The most memory one LCS may take for its table: Redis allows proto-max-bulk-len (512 MiB),
    // which a few clients at once could turn into an out-of-memory; the reply bound is the one
    // kv-service already gives one command.
    private final long maxLcsTableBytes;

    public StringCommands(Store store, long maxValueBytes, long maxLcsTableBytes) {
        this.store = store;
        this.maxValueBytes = maxValueBytes;
        this.maxLcsTableBytes = Math.min(maxValueBytes, maxLcsTableBytes);
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
        table.add("getex", -2, WRITE_FAST, this::getex);
        table.add("incrbyfloat", 3, WRITE_FAST, (c, a, o) -> o.bulk(store.incrByFloat(new Key(a[1]), a[2])));
        table.add("getrange", 4, READ, this::getrange);
        table.add("setrange", 4, WRITE, this::setrange);
        table.add("getbit", 3, READ_FAST, this::getbit);
        table.add("setbit", 4, WRITE, this::setbit);
        table.add("lcs", -3, READ, this::lcs);
    }

    // GETEX key [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|PERSIST]
    private void getex(Client client, byte[][] argv, Reply out) {
        out.bulk(store.getEx(new Key(argv[1]), StringOptions.parse(argv, 2, false, "getex").expireAt()));
    }

    // GETRANGE key start end: t_string.c's index rules, a missing key an empty string.
    private void getrange(Client client, byte[][] argv, Reply out) {
        long start = Args.integer(argv[2]);
        long end = Args.integer(argv[3]);
        byte[] value = store.get(new Key(argv[1]));
        long length = value == null ? 0 : value.length;
        if (start < 0 && end < 0 && start > end) {
            out.bulk(EMPTY);
            return;
        }
        if (start < 0) {
            start = length + start;
        }
        if (end < 0) {
            end = length + end;
        }
        start = Math.max(start, 0);
        end = Math.max(end, 0);
        if (end >= length) {
            end = length - 1;
        }
        if (start > end || length == 0) {
            out.bulk(EMPTY);
        } else {
            out.bulk(java.util.Arrays.copyOfRange(value, (int) start, (int) end + 1));
        }
    }

    // SETRANGE key offset value
    private void setrange(Client client, byte[][] argv, Reply out) {
        long offset = Args.integer(argv[2]);
        if (offset < 0) {
            out.error(RedisErrors.OFFSET_OUT_OF_RANGE);
            return;
        }
        out.integer(store.setRange(new Key(argv[1]), offset, argv[3]));
    }

    // GETBIT key offset
    private void getbit(Client client, byte[][] argv, Reply out) {
        long offset = bitOffset(argv[2]);
        byte[] value = store.get(new Key(argv[1]));
        long index = offset >>> 3;
        if (value == null || index >= value.length) {
            out.integer(0);
        } else {
            out.integer((value[(int) index] >> (7 - (int) (offset & 7))) & 1);
        }
    }

    // SETBIT key offset value
    private void setbit(Client client, byte[][] argv, Reply out) {
        long offset = bitOffset(argv[2]);
        if (!Numbers.isLong(argv[3])) {
            out.error(RedisErrors.BIT_VALUE);
            return;
        }
        long bit = Numbers.toLong(argv[3]);
        if ((bit & ~1) != 0) {
            out.error(RedisErrors.BIT_VALUE);
            return;
        }
        out.integer(store.setBit(new Key(argv[1]), offset, (int) bit));
    }

    /** bitops.c's getBitOffsetFromArgument: a bit within a value of proto-max-bulk-len bytes. */
    private long bitOffset(byte[] arg) {
        if (!Numbers.isLong(arg)) {
            throw new StoreException(RedisErrors.BIT_OFFSET);
        }
        long offset = Numbers.toLong(arg);
        if (offset < 0 || (offset >>> 3) >= maxValueBytes) {
            throw new StoreException(RedisErrors.BIT_OFFSET);
        }
        return offset;
    }

    // LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]
    private void lcs(Client client, byte[][] argv, Reply out) {
        boolean len = false;
        boolean idx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < argv.length; j++) {
            if (Args.is(argv[j], "IDX")) {
                idx = true;
            } else if (Args.is(argv[j], "LEN")) {
                len = true;
            } else if (Args.is(argv[j], "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (Args.is(argv[j], "MINMATCHLEN") && j + 1 < argv.length) {
                minMatchLen = Math.max(0, Args.integer(argv[++j]));
            } else {
                out.error(RedisErrors.SYNTAX);
                return;
            }
        }
        if (idx && len) {
            out.error(RedisErrors.LCS_IDX_AND_LEN);
            return;
        }
        byte[][] values = store.mget(new Key[] {new Key(argv[1]), new Key(argv[2])});
        Lcs.reply(values[0] == null ? EMPTY : values[0], values[1] == null ? EMPTY : values[1],
                len, idx, withMatchLen, minMatchLen, maxLcsTableBytes, out);
    }

    // GET key
    private void get(Client client, byte[][] argv, Reply out) {
        out.bulk(store.get(new Key(argv[1])));
    }

    // SET key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|PXAT unix-time-milliseconds|KEEPTTL]
    private void set(Client client, byte[][] argv, Reply out) {
        StringOptions options = StringOptions.parse(argv, 3, true, "set");
        SetOutcome outcome = store.set(new Key(argv[1]), argv[2], options.condition(), options.expireAt(), options.get());
        if (options.get()) {
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
                            boolean get, String command, Reply out) {
        long expireAt = expireAt(expire, millis, false, command);
        store.set(new Key(key), value, condition, expireAt, get);
        out.ok();
    }

    /** Redis's rule: a positive time, in range once turned into absolute milliseconds. */
    static long expireAt(byte[] arg, boolean millis, boolean absolute, String command) {
        long t = Args.integer(arg);
        if (t <= 0 || (!millis && t > Long.MAX_VALUE / 1000)) {
            throw new StoreException(RedisErrors.invalidExpire(command));
        }
        if (!millis) {
            t *= 1000;
        }
        if (!absolute) {
            long now = System.currentTimeMillis();
            if (t > Long.MAX_VALUE - now) {
                throw new StoreException(RedisErrors.invalidExpire(command));
            }
            t += now;
        }
        return t;
    }

    // SETNX key value
    private void setnx(Client client, byte[][] argv, Reply out) {
        out.integer(store.set(new Key(argv[1]), argv[2], Condition.IF_ABSENT, 0, false).written() ? 1 : 0);
    }

    // GETSET key value
    private void getset(Client client, byte[][] argv, Reply out) {
        out.bulk(store.set(new Key(argv[1]), argv[2], Condition.ALWAYS, 0, true).old());
    }

    // MGET key [key ...]
    private void mget(Client client, byte[][] argv, Reply out) {
        byte[][] values = store.mget(Args.keys(argv, 1, 1));
        out.arrayHeader(values.length);
        for (byte[] v : values) {
            out.bulk(v);
        }
    }

    // MSET key value [key value ...], MSETNX key value [key value ...]
    private void mset(byte[][] argv, boolean onlyIfNoneExists, Reply out) {
        if (argv.length % 2 == 0) {
            out.error(RedisErrors.wrongArity(onlyIfNoneExists ? "msetnx" : "mset"));
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
    private void decrby(Client client, byte[][] argv, Reply out) {
        long decrement = Args.integer(argv[2]);
        if (decrement == Long.MIN_VALUE) {
            out.error(RedisErrors.DECREMENT_OVERFLOW);
            return;
        }
        out.integer(store.incrBy(new Key(argv[1]), -decrement));
    }

    // STRLEN key
    private void strlen(Client client, byte[][] argv, Reply out) {
        byte[] v = store.get(new Key(argv[1]));
        out.integer(v == null ? 0 : v.length);
    }
}
