package dev.rallypoint.kv.command;

import dev.rallypoint.kv.command.CommandSpec.Flag;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.Reply;
import dev.rallypoint.kv.store.Key;
import dev.rallypoint.kv.store.Numbers;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.ScanPage;

import java.util.List;
import java.util.Set;

/** Commands on keys of any type, as in Redis's db.c. */
public final class KeyCommands {

    private final Store store;

    public KeyCommands(Store store) {
        this.store = store;
    }

    public void register(CommandTable table) {
        table.add("del", -2, Set.of(Flag.WRITE), (c, a, o) -> o.integer(store.del(Args.keys(a, 1, 1))));
        table.add("exists", -2, Set.of(Flag.READONLY, Flag.FAST), (c, a, o) -> o.integer(store.exists(Args.keys(a, 1, 1))));
        table.add("type", 2, Set.of(Flag.READONLY, Flag.FAST), this::type);
        table.add("keys", 2, Set.of(Flag.READONLY), this::keys);
        table.add("scan", -2, Set.of(Flag.READONLY), this::scan);
        table.add("dbsize", 1, Set.of(Flag.READONLY, Flag.FAST), (c, a, o) -> o.integer(store.size()));
        table.add("flushdb", -1, Set.of(Flag.WRITE), this::flush);
        table.add("flushall", -1, Set.of(Flag.WRITE), this::flush);
        table.add("copy", -3, Set.of(Flag.WRITE), this::copy);
        table.add("rename", 3, Set.of(Flag.WRITE), (c, a, o) -> rename(a, false, o));
        table.add("renamenx", 3, Set.of(Flag.WRITE, Flag.FAST), (c, a, o) -> rename(a, true, o));
        table.add("randomkey", 1, Set.of(Flag.READONLY), (c, a, o) -> o.bulk(store.randomKey()));
    }

    // COPY source destination [DB destination-db] [REPLACE]: one database, number 0.
    private void copy(Client client, byte[][] argv, Reply out) {
        boolean replace = false;
        for (int j = 3; j < argv.length; j++) {
            if (Args.is(argv[j], "REPLACE")) {
                replace = true;
            } else if (Args.is(argv[j], "DB") && j + 1 < argv.length) {
                if (!Numbers.isLong(argv[++j]) || Numbers.toLong(argv[j]) != 0) {
                    out.error(RedisErrors.DB_INDEX);
                    return;
                }
            } else {
                out.error(RedisErrors.SYNTAX);
                return;
            }
        }
        if (java.util.Arrays.equals(argv[1], argv[2])) {
            out.error(RedisErrors.SAME_OBJECT);
            return;
        }
        out.integer(store.copy(new Key(argv[1]), new Key(argv[2]), replace) ? 1 : 0);
    }

    // RENAME key newkey, RENAMENX key newkey: the new key takes the value and the expiry.
    private void rename(byte[][] argv, boolean onlyIfAbsent, Reply out) {
        boolean renamed = store.rename(new Key(argv[1]), new Key(argv[2]), onlyIfAbsent);
        if (onlyIfAbsent) {
            out.integer(renamed ? 1 : 0);
        } else {
            out.ok();
        }
    }

    // TYPE key
    private void type(Client client, byte[][] argv, Reply out) {
        out.simple(store.type(new Key(argv[1])));
    }

    // KEYS pattern
    private void keys(Client client, byte[][] argv, Reply out) {
        writeKeys(store.keys(argv[1]), out);
    }

    // SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
    private void scan(Client client, byte[][] argv, Reply out) {
        ScanOptions scan = ScanOptions.parse(ScanOptions.cursor(argv[1]), argv, 2, true);
        // Cursors above the last sequence number just finish the scan.
        long cursor = scan.cursor() < 0 ? Long.MAX_VALUE : scan.cursor();
        ScanPage page = store.scan(cursor, (int) Math.min(scan.count(), 100_000), scan.pattern(), scan.type());
        out.arrayHeader(2);
        out.bulk(Long.toUnsignedString(page.cursor()));
        writeKeys(page.keys(), out);
    }

    // FLUSHDB [ASYNC|SYNC], FLUSHALL [ASYNC|SYNC]: one database, so both empty it.
    private void flush(Client client, byte[][] argv, Reply out) {
        if (argv.length > 2 || (argv.length == 2 && !Args.is(argv[1], "ASYNC") && !Args.is(argv[1], "SYNC"))) {
            out.error(RedisErrors.SYNTAX);
            return;
        }
        store.flush();
        out.ok();
    }

    private static void writeKeys(List<byte[]> keys, Reply out) {
        out.arrayHeader(keys.size());
        for (byte[] k : keys) {
            out.bulk(k);
        }
    }
}
