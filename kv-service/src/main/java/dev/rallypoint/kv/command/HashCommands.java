package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;
import dev.rallypoint.kv.store.Glob;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.LongDouble;
import dev.rallypoint.kv.store.Numbers;
import dev.rallypoint.kv.store.Store;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The hash commands, as in Redis's t_hash.c. A hash keeps its fields in the order they were added. */
public final class HashCommands {

    private static final Set<Flag> WRITE_FAST = Set.of(Flag.WRITE, Flag.FAST);
    private static final Set<Flag> READ_FAST = Set.of(Flag.READONLY, Flag.FAST);
    private static final Set<Flag> READ = Set.of(Flag.READONLY);

    private final Store store;

    public HashCommands(Store store) {
        this.store = store;
    }

    public void register(CommandTable table) {
        table.add("hset", -4, WRITE_FAST, (c, a, o) -> hset(a, "hset", o));
        table.add("hmset", -4, WRITE_FAST, (c, a, o) -> hset(a, "hmset", o));
        table.add("hsetnx", 4, WRITE_FAST,
                (c, a, o) -> o.integer(store.hset(new Key(a[1]), new byte[][] {a[2], a[3]}, true)));
        table.add("hget", 3, READ_FAST, (c, a, o) -> o.bulk(store.hget(new Key(a[1]), a[2])));
        table.add("hmget", -3, READ_FAST, this::hmget);
        table.add("hgetall", 2, READ, (c, a, o) -> list(store.hgetAll(new Key(a[1])), 0, 1, o));
        table.add("hkeys", 2, READ, (c, a, o) -> list(store.hgetAll(new Key(a[1])), 0, 2, o));
        table.add("hvals", 2, READ, (c, a, o) -> list(store.hgetAll(new Key(a[1])), 1, 2, o));
        table.add("hdel", -3, WRITE_FAST,
                (c, a, o) -> o.integer(store.hdel(new Key(a[1]), Arrays.copyOfRange(a, 2, a.length))));
        table.add("hexists", 3, READ_FAST, (c, a, o) -> o.integer(store.hget(new Key(a[1]), a[2]) == null ? 0 : 1));
        table.add("hlen", 2, READ_FAST, (c, a, o) -> o.integer(store.hlen(new Key(a[1]))));
        table.add("hstrlen", 3, READ_FAST, this::hstrlen);
        table.add("hincrby", 4, WRITE_FAST, this::hincrby);
        table.add("hincrbyfloat", 4, WRITE_FAST, this::hincrbyfloat);
        table.add("hrandfield", -2, READ, this::hrandfield);
        table.add("hscan", -3, READ, this::hscan);
    }

    // HSET key field value [field value ...]: the fields that were new; HMSET: OK.
    private void hset(byte[][] argv, String command, Reply out) {
        if (argv.length % 2 == 1) {
            out.error(RedisErrors.wrongArity(command));
            return;
        }
        int added = store.hset(new Key(argv[1]), Arrays.copyOfRange(argv, 2, argv.length), false);
        if (command.equals("hset")) {
            out.integer(added);
        } else {
            out.ok();
        }
    }

    // HMGET key field [field ...]
    private void hmget(Client client, byte[][] argv, Reply out) {
        byte[][] values = store.hmget(new Key(argv[1]), Arrays.copyOfRange(argv, 2, argv.length));
        out.arrayHeader(values.length);
        for (byte[] value : values) {
            out.bulk(value);
        }
    }

    // HSTRLEN key field
    private void hstrlen(Client client, byte[][] argv, Reply out) {
        byte[] value = store.hget(new Key(argv[1]), argv[2]);
        out.integer(value == null ? 0 : value.length);
    }

    // HINCRBY key field increment
    private void hincrby(Client client, byte[][] argv, Reply out) {
        long delta = Args.integer(argv[3]);
        out.integer(store.hincrBy(new Key(argv[1]), argv[2], delta));
    }

    // HINCRBYFLOAT key field increment: the increment is checked first, as Redis does.
    private void hincrbyfloat(Client client, byte[][] argv, Reply out) {
        LongDouble delta = LongDouble.parse(argv[3]);
        if (delta == null) {
            out.error(RedisErrors.NOT_A_FLOAT);
        } else if (!delta.finite()) {
            out.error(RedisErrors.NAN_OR_INFINITY);
        } else {
            out.bulk(store.hincrByFloat(new Key(argv[1]), argv[2], argv[3]));
        }
    }

    // HRANDFIELD key [count [WITHVALUES]]
    private void hrandfield(Client client, byte[][] argv, Reply out) {
        if (argv.length == 2) {
            byte[][] all = store.hgetAll(new Key(argv[1]));
            out.bulk(all.length == 0 ? null : all[2 * ThreadLocalRandom.current().nextInt(all.length / 2)]);
            return;
        }
        long count = Args.integer(argv[2]);
        if (count == Long.MIN_VALUE) {
            out.error(RedisErrors.outOfRange(-Long.MAX_VALUE, Long.MAX_VALUE));
            return;
        }
        boolean withValues = argv.length == 4 && Args.is(argv[3], "WITHVALUES");
        if (argv.length > 4 || (argv.length == 4 && !withValues)) {
            out.error(RedisErrors.SYNTAX);
            return;
        }
        if (withValues && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            out.error(RedisErrors.VALUE_OUT_OF_RANGE);
            return;
        }
        byte[][] all = store.hgetAll(new Key(argv[1]));
        int size = all.length / 2;
        int step = withValues ? 2 : 1;
        if (count == 0 || size == 0) {
            out.arrayHeader(0);
        } else if (count < 0) {
            // Any fields, repeats allowed: count of them.
            long n = -count;
            out.arrayHeader((int) Math.min(Integer.MAX_VALUE, n * step));
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (long i = 0; i < n; i++) {
                int field = random.nextInt(size);
                out.bulk(all[2 * field]);
                if (withValues) {
                    out.bulk(all[2 * field + 1]);
                }
            }
        } else if (count >= size) {
            list(all, 0, withValues ? 1 : 2, out);
        } else {
            // Distinct fields, in the hash's order.
            boolean[] chosen = new boolean[size];
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int left = (int) count; left > 0; ) {
                int field = random.nextInt(size);
                if (!chosen[field]) {
                    chosen[field] = true;
                    left--;
                }
            }
            out.arrayHeader((int) count * step);
            for (int field = 0; field < size; field++) {
                if (chosen[field]) {
                    out.bulk(all[2 * field]);
                    if (withValues) {
                        out.bulk(all[2 * field + 1]);
                    }
                }
            }
        }
    }

    // HSCAN key cursor [MATCH pattern] [COUNT count]: the whole hash in one page, as Redis serves a small one.
    private void hscan(Client client, byte[][] argv, Reply out) {
        long cursor = ScanOptions.cursor(argv[2]);
        byte[][] all = store.hgetAll(new Key(argv[1]));
        if (all.length == 0) {
            // A missing key is an empty, finished scan, whatever the options say (as in Redis).
            out.arrayHeader(2);
            out.bulk("0");
            out.arrayHeader(0);
            return;
        }
        byte[] pattern = ScanOptions.parse(cursor, argv, 3, false).pattern();
        int matching = 0;
        boolean[] keep = new boolean[all.length / 2];
        for (int field = 0; field < keep.length; field++) {
            keep[field] = pattern == null || Glob.matches(pattern, all[2 * field]);
            matching += keep[field] ? 1 : 0;
        }
        out.arrayHeader(2);
        out.bulk("0");
        out.arrayHeader(matching * 2);
        for (int field = 0; field < keep.length; field++) {
            if (keep[field]) {
                out.bulk(all[2 * field]);
                out.bulk(all[2 * field + 1]);
            }
        }
    }

    /** Every {@code step}-th element of a flat field-value list, from {@code from}. */
    private static void list(byte[][] all, int from, int step, Reply out) {
        out.arrayHeader((all.length - from + step - 1) / step);
        for (int i = from; i < all.length; i += step) {
            out.bulk(all[i]);
        }
    }
}
