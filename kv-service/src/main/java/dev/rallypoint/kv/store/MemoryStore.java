package dev.rallypoint.kv.store;

import dev.rallypoint.kv.protocol.RedisErrors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-process keyspace shared by both ports. Every public method runs under the store's
 * monitor, so each command is atomic and multi-key commands (MSET, MGET) are all-or-nothing
 * to every other client. Critical sections are a few map operations: the event loops parse
 * and write replies outside it.
 */
public final class MemoryStore implements Store {

    private static final int KEYS_CHUNK = 1000;

    private final Map<Key, Entry> entries = new HashMap<>();
    // A key that exists for a whole SCAN keeps its place in this order, so it is returned
    // exactly once, whatever is added or removed meanwhile.
    private final KeyOrder order = new KeyOrder();
    private final long maxValueBytes;
    private long usedBytes;
    private ChangeLog log = ChangeLog.NONE;

    /** {@code maxValueBytes}: the longest value SETRANGE and APPEND may make (Redis's proto-max-bulk-len). */
    public MemoryStore(long maxValueBytes) {
        this.maxValueBytes = maxValueBytes;
    }

    /** From now on every change is reported to {@code log} (after a replay, which must not be). */
    public synchronized void log(ChangeLog log) {
        this.log = log;
    }

    @Override
    public synchronized byte[] get(Key key) {
        Entry e = liveString(key, now());
        return e == null ? null : e.value();
    }

    // SET key value [NX|XX] [GET] [EX|PX|EXAT|PXAT|KEEPTTL], also SETNX, SETEX, PSETEX, GETSET.
    @Override
    public synchronized SetOutcome set(Key key, byte[] value, Condition condition, long expireAt, boolean wantOld) {
        long now = now();
        // SET replaces a key of any type, but with GET it must read a string first.
        Entry e = wantOld ? liveString(key, now) : live(key, now);
        byte[] old = e == null ? null : e.value();
        if ((condition == Condition.IF_ABSENT && e != null) || (condition == Condition.IF_PRESENT && e == null)) {
            return SetOutcome.of(false, wantOld ? old : null);
        }
        if (expireAt > 0 && expireAt <= now) {
            // An expiry already in the past: the key would be gone at once (Redis does the same).
            if (e != null) {
                remove(key, e);
                log.del(new Key[] {key}, 1);
            }
            return SetOutcome.of(true, wantOld ? old : null);
        }
        if (e == null) {
            e = create(key, value);
        } else {
            usedBytes += value.length - e.length();
            e.value(value);
        }
        if (expireAt != KEEP_TTL) {
            setExpiry(key, e, expireAt);
        }
        log.set(key, value, e.expireAt);
        return SetOutcome.of(true, wantOld ? old : null);
    }

    // GETDEL key
    @Override
    public synchronized byte[] getDel(Key key) {
        Entry e = liveString(key, now());
        if (e == null) {
            return null;
        }
        remove(key, e);
        log.del(new Key[] {key}, 1);
        return e.value();
    }

    // GETEX key [EX|PX|EXAT|PXAT|PERSIST]
    @Override
    public synchronized byte[] getEx(Key key, long expireAt) {
        long now = now();
        Entry e = liveString(key, now);
        if (e == null) {
            return null;
        }
        if (expireAt == PERSIST) {
            if (e.expireAt != 0) {
                setExpiry(key, e, 0);
                log.expireAt(key, 0);
            }
        } else if (expireAt != 0 && expireAt <= now) {
            // An absolute time already past: the key goes, as GETEX EXAT/PXAT does in Redis.
            remove(key, e);
            log.del(new Key[] {key}, 1);
        } else if (expireAt != 0) {
            setExpiry(key, e, expireAt);
            log.expireAt(key, expireAt);
        }
        return e.value();
    }

    // SETRANGE key offset value
    @Override
    public synchronized long setRange(Key key, long offset, byte[] value) {
        Entry e = liveString(key, now());
        long length = e == null ? 0 : e.length();
        if (value.length == 0) {
            // Nothing written, nothing created.
            return length;
        }
        long needed = offset + value.length;
        Numbers.checkStringLength(needed, maxValueBytes);
        byte[] current = e == null ? new byte[0] : e.value();
        byte[] next = java.util.Arrays.copyOf(current, (int) Math.max(current.length, needed));
        System.arraycopy(value, 0, next, (int) offset, value.length);
        replace(key, e, next);
        return next.length;
    }

    // SETBIT key offset value
    @Override
    public synchronized int setBit(Key key, long offset, int bit) {
        Entry e = liveString(key, now());
        int index = (int) (offset >>> 3);
        byte[] current = e == null ? new byte[0] : e.value();
        byte[] next = java.util.Arrays.copyOf(current, Math.max(current.length, index + 1));
        int mask = 1 << (7 - (int) (offset & 7));
        int old = (next[index] & mask) != 0 ? 1 : 0;
        next[index] = (byte) (bit == 1 ? next[index] | mask : next[index] & ~mask);
        replace(key, e, next);
        return old;
    }

    /** Gives the key a new value, keeping its expiry (a new key gets none). */
    private void replace(Key key, Entry e, byte[] value) {
        if (e == null) {
            e = create(key, value);
        } else {
            usedBytes += value.length - e.length();
            e.value(value);
        }
        log.set(key, value, e.expireAt);
    }

    // COPY source destination [REPLACE]
    @Override
    public synchronized boolean copy(Key source, Key destination, boolean replace) {
        long now = now();
        Entry from = live(source, now);
        if (from == null) {
            return false;
        }
        Entry to = live(destination, now);
        if (to != null && !replace) {
            return false;
        }
        if (to != null) {
            remove(destination, to);
        }
        Entry copy = from.hash() != null ? createHash(destination, from.hash().copy()) : create(destination, from.value());
        setExpiry(destination, copy, from.expireAt);
        logState(destination, copy);
        return true;
    }

    // RENAME key newkey, RENAMENX key newkey
    @Override
    public synchronized boolean rename(Key source, Key destination, boolean onlyIfAbsent) {
        long now = now();
        Entry from = live(source, now);
        if (from == null) {
            throw new StoreException(RedisErrors.NO_SUCH_KEY);
        }
        if (source.equals(destination)) {
            return !onlyIfAbsent;
        }
        Entry to = live(destination, now);
        if (to != null && onlyIfAbsent) {
            return false;
        }
        if (to != null) {
            remove(destination, to);
        }
        remove(source, from);
        Entry moved = from.hash() != null ? createHash(destination, from.hash()) : create(destination, from.value());
        // The destination takes the source's expiry, or none: never the one it had.
        setExpiry(destination, moved, from.expireAt);
        // The new key is logged before the old one goes: a crash between the two keeps both, never neither.
        logState(destination, moved);
        log.del(new Key[] {source}, 1);
        return true;
    }

    /** Logs a key's whole state: value or fields, and expiry. */
    private void logState(Key key, Entry e) {
        if (e.hash() == null) {
            log.set(key, e.value(), e.expireAt);
            return;
        }
        log.del(new Key[] {key}, 1);
        byte[][] flat = e.hash().flat();
        log.hset(key, flat, 0, flat.length);
        if (e.expireAt != 0) {
            log.expireAt(key, e.expireAt);
        }
    }

    // MGET key [key ...]
    @Override
    public synchronized byte[][] mget(Key[] keys) {
        long now = now();
        byte[][] values = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            // A key of another type reads as missing, as in Redis.
            Entry e = live(keys[i], now);
            values[i] = e == null ? null : e.value();
        }
        return values;
    }

    // MSET key value [key value ...], and MSETNX when onlyIfNoneExists
    @Override
    public synchronized boolean mset(Key[] keys, byte[][] values, boolean onlyIfNoneExists) {
        long now = now();
        if (onlyIfNoneExists) {
            for (Key key : keys) {
                if (live(key, now) != null) {
                    return false;
                }
            }
        }
        // One record for all of them: a replay never sees half an MSET.
        ChangeLog logged = log;
        log = ChangeLog.NONE;
        try {
            for (int i = 0; i < keys.length; i++) {
                set(keys[i], values[i], Condition.ALWAYS, 0, false);
            }
        } finally {
            log = logged;
        }
        log.mset(keys, values);
        return true;
    }

    // DEL key [key ...]
    @Override
    public synchronized int del(Key[] keys) {
        long now = now();
        Key[] removedKeys = new Key[keys.length];
        int removed = 0;
        for (Key key : keys) {
            Entry e = live(key, now);
            if (e != null) {
                remove(key, e);
                removedKeys[removed++] = key;
            }
        }
        if (removed > 0) {
            log.del(removedKeys, removed);
        }
        return removed;
    }

    // EXISTS key [key ...]: a key named twice counts twice, as in Redis.
    @Override
    public synchronized int exists(Key[] keys) {
        long now = now();
        int found = 0;
        for (Key key : keys) {
            if (live(key, now) != null) {
                found++;
            }
        }
        return found;
    }

    // INCR, INCRBY, DECR, DECRBY: a missing key counts as 0; the expiry stays.
    @Override
    public synchronized long incrBy(Key key, long delta) {
        Entry e = liveString(key, now());
        long current = 0;
        if (e != null) {
            if (e.isCounter()) {
                current = e.number();
            } else if (Numbers.isLong(e.value())) {
                current = Numbers.toLong(e.value());
            } else {
                throw new StoreException(RedisErrors.NOT_AN_INTEGER);
            }
        }
        long next = current + delta;
        // Overflow iff both operands have the sign the result lacks.
        if (((current ^ next) & (delta ^ next)) < 0) {
            throw new StoreException(RedisErrors.OVERFLOW);
        }
        byte[] value = Numbers.bytes(next);
        if (e == null) {
            e = create(key, value);
        } else {
            usedBytes += value.length - e.length();
        }
        e.number(next, value);
        log.set(key, value, e.expireAt);
        return next;
    }

    // INCRBYFLOAT key increment: the type first, then the value, then the increment, as Redis checks them.
    @Override
    public synchronized byte[] incrByFloat(Key key, byte[] increment) {
        Entry e = liveString(key, now());
        LongDouble current = e == null ? LongDouble.ZERO : LongDouble.parse(e.value());
        LongDouble delta = LongDouble.parse(increment);
        if (current == null || delta == null) {
            throw new StoreException(RedisErrors.NOT_A_FLOAT);
        }
        LongDouble sum = current.plus(delta);
        if (!sum.finite()) {
            throw new StoreException(RedisErrors.INCREMENT_NAN_OR_INFINITY);
        }
        byte[] value = sum.toBytes();
        replace(key, e, value);
        return value;
    }

    // HINCRBYFLOAT key field increment
    @Override
    public synchronized byte[] hincrByFloat(Key key, byte[] field, byte[] increment) {
        Entry e = liveHash(key, now());
        byte[] old = e == null ? null : e.hash().get(field);
        LongDouble current = old == null ? LongDouble.ZERO : LongDouble.parse(old);
        if (current == null) {
            throw new StoreException(RedisErrors.HASH_NOT_FLOAT);
        }
        LongDouble sum = current.plus(LongDouble.parse(increment));
        if (!sum.finite()) {
            throw new StoreException(RedisErrors.INCREMENT_NAN_OR_INFINITY);
        }
        byte[] value = sum.toBytes();
        putField(key, e, field, value);
        return value;
    }

    // APPEND key value: the new length; the expiry stays.
    @Override
    public synchronized long append(Key key, byte[] suffix) {
        Entry e = liveString(key, now());
        if (e == null) {
            create(key, suffix);
            log.set(key, suffix, 0);
            return suffix.length;
        }
        Numbers.checkStringLength(e.length() + suffix.length, maxValueBytes);
        byte[] joined = new byte[e.value().length + suffix.length];
        System.arraycopy(e.value(), 0, joined, 0, e.value().length);
        System.arraycopy(suffix, 0, joined, e.value().length, suffix.length);
        usedBytes += suffix.length;
        e.value(joined);
        log.set(key, joined, e.expireAt);
        return joined.length;
    }

    // EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with an absolute time in ms.
    @Override
    public synchronized boolean expireAt(Key key, long when, ExpireCondition condition, boolean onlyIfExpiring) {
        long now = now();
        Entry e = live(key, now);
        if (e == null || (onlyIfExpiring && e.expireAt == 0)) {
            return false;
        }
        // No expiry counts as infinite for GT and LT, as in Redis.
        long current = e.expireAt == 0 ? Long.MAX_VALUE : e.expireAt;
        boolean allowed = switch (condition) {
            case ALWAYS -> true;
            case NX -> e.expireAt == 0;
            case XX -> e.expireAt != 0;
            case GT -> when > current;
            case LT -> when < current;
        };
        if (!allowed) {
            return false;
        }
        if (when <= now) {
            remove(key, e);
            log.del(new Key[] {key}, 1);
        } else {
            setExpiry(key, e, when);
            log.expireAt(key, when);
        }
        return true;
    }

    /** PTTL: -2 when the key is missing, -1 when it has no expiry, else the ms left. */
    @Override
    public synchronized long pttl(Key key) {
        long now = now();
        Entry e = live(key, now);
        if (e == null) {
            return -2;
        }
        return e.expireAt == 0 ? -1 : e.expireAt - now;
    }

    // TYPE key
    @Override
    public synchronized String type(Key key) {
        Entry e = live(key, now());
        return e == null ? "none" : typeOf(e);
    }

    // HSET key field value [field value ...], HSETNX key field value
    @Override
    public synchronized int hset(Key key, byte[][] fieldsAndValues, boolean onlyIfAbsent) {
        Entry e = liveHash(key, now());
        if (onlyIfAbsent && e != null && e.hash().get(fieldsAndValues[0]) != null) {
            return 0;
        }
        if (e == null) {
            e = createHash(key, new Hash());
        }
        long before = e.length();
        int added = 0;
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (e.hash().put(fieldsAndValues[i], fieldsAndValues[i + 1])) {
                added++;
            }
        }
        usedBytes += e.length() - before;
        log.hset(key, fieldsAndValues, 0, fieldsAndValues.length);
        return added;
    }

    // HGET key field
    @Override
    public synchronized byte[] hget(Key key, byte[] field) {
        Entry e = liveHash(key, now());
        return e == null ? null : e.hash().get(field);
    }

    // HMGET key field [field ...]
    @Override
    public synchronized byte[][] hmget(Key key, byte[][] fields) {
        Entry e = liveHash(key, now());
        byte[][] values = new byte[fields.length][];
        for (int i = 0; e != null && i < fields.length; i++) {
            values[i] = e.hash().get(fields[i]);
        }
        return values;
    }

    // HGETALL key (and HKEYS, HVALS, HRANDFIELD, HSCAN from it)
    @Override
    public synchronized byte[][] hgetAll(Key key) {
        Entry e = liveHash(key, now());
        return e == null ? new byte[0][] : e.hash().flat();
    }

    // HLEN key
    @Override
    public synchronized long hlen(Key key) {
        Entry e = liveHash(key, now());
        return e == null ? 0 : e.hash().size();
    }

    // HDEL key field [field ...]: the hash goes with its last field.
    @Override
    public synchronized int hdel(Key key, byte[][] fields) {
        Entry e = liveHash(key, now());
        if (e == null) {
            return 0;
        }
        long before = e.length();
        byte[][] removed = new byte[fields.length][];
        int count = 0;
        for (byte[] field : fields) {
            if (e.hash().remove(field)) {
                removed[count++] = field;
            }
        }
        usedBytes += e.length() - before;
        if (e.hash().size() == 0) {
            remove(key, e);
        }
        if (count > 0) {
            log.hdel(key, removed, count);
        }
        return count;
    }

    // HINCRBY key field increment
    @Override
    public synchronized long hincrBy(Key key, byte[] field, long delta) {
        Entry e = liveHash(key, now());
        byte[] old = e == null ? null : e.hash().get(field);
        long current = 0;
        if (old != null) {
            if (!Numbers.isLong(old)) {
                throw new StoreException(RedisErrors.HASH_NOT_INTEGER);
            }
            current = Numbers.toLong(old);
        }
        long next = current + delta;
        if (((current ^ next) & (delta ^ next)) < 0) {
            throw new StoreException(RedisErrors.OVERFLOW);
        }
        putField(key, e, field, Numbers.bytes(next));
        return next;
    }

    /** Sets one field of a hash (made when {@code e} is null), and logs it. */
    private void putField(Key key, Entry e, byte[] field, byte[] value) {
        if (e == null) {
            e = createHash(key, new Hash());
        }
        long before = e.length();
        e.hash().put(field, value);
        usedBytes += e.length() - before;
        log.hset(key, new byte[][] {field, value}, 0, 2);
    }

    // PEXPIRETIME key, EXPIRETIME key
    @Override
    public synchronized long expireTime(Key key) {
        Entry e = live(key, now());
        if (e == null) {
            return -2;
        }
        return e.expireAt == 0 ? -1 : e.expireAt;
    }

    // RANDOMKEY: a key at a random place in the creation order.
    @Override
    public synchronized byte[] randomKey() {
        long now = now();
        // Expired keys met on the way are deleted; give up on finding a live one after a while,
        // as Redis does when nearly every key has expired.
        for (int attempt = 0; attempt < 100 && !entries.isEmpty(); attempt++) {
            Key key = order.random();
            if (live(key, now) != null) {
                return key.bytes;
            }
        }
        return null;
    }

    // PERSIST key
    @Override
    public synchronized boolean persist(Key key) {
        Entry e = live(key, now());
        if (e == null || e.expireAt == 0) {
            return false;
        }
        setExpiry(key, e, 0);
        log.expireAt(key, 0);
        return true;
    }

    /**
     * KEYS pattern: a SCAN to the end, a chunk of keys at a time, so that other clients' commands
     * run in between however big the keyspace is. Every key that exists for the whole KEYS is
     * returned once.
     */
    @Override
    public List<byte[]> keys(byte[] pattern) {
        byte[] match = pattern.length == 1 && pattern[0] == '*' ? null : pattern;
        List<byte[]> keys = new ArrayList<>();
        long cursor = 0;
        do {
            ScanPage page = scan(cursor, KEYS_CHUNK, match, null);
            keys.addAll(page.keys());
            cursor = page.cursor();
        } while (cursor != 0);
        return keys;
    }

    // SCAN cursor [MATCH pattern] [COUNT count]: visits up to count keys after the cursor.
    @Override
    public synchronized ScanPage scan(long cursor, int count, byte[] pattern, String type) {
        long now = now();
        List<byte[]> out = new ArrayList<>();
        long last = cursor;
        int visited = 0;
        for (Map.Entry<Long, Key> me : order.after(cursor).entrySet()) {
            if (visited++ == count) {
                return new ScanPage(last, out);
            }
            last = me.getKey();
            Key key = me.getValue();
            Entry e = entries.get(key);
            if (!e.expired(now) && (type == null || type.equals(typeOf(e)))
                    && (pattern == null || Glob.matches(pattern, key.bytes))) {
                out.add(key.bytes);
            }
        }
        return new ScanPage(0, out);
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public synchronized long expiring() {
        return order.expiringCount();
    }

    /** Bytes held by keys and values (not the JVM's overhead around them). */
    @Override
    public synchronized long usedBytes() {
        return usedBytes;
    }

    // FLUSHDB, FLUSHALL
    @Override
    public synchronized void flush() {
        entries.clear();
        order.clear();
        usedBytes = 0;
        log.flush();
    }

    @Override
    public void awaitDurable() {
        ChangeLog current;
        synchronized (this) {
            current = log;
        }
        // Outside the monitor: other clients keep running commands while this one waits.
        current.awaitDurable();
    }

    /**
     * Hands up to {@code count} live keys after the cursor to the sink, in SCAN order, and
     * returns the cursor to continue from (0: done). A key present for the whole dump is handed
     * over exactly once; the append-only file's compaction calls this a chunk at a time so that
     * commands run in between.
     */
    public synchronized long dump(long cursor, int count, EntrySink sink) {
        long now = now();
        int visited = 0;
        for (Map.Entry<Long, Key> me : order.after(cursor).entrySet()) {
            if (visited++ == count) {
                return me.getKey() - 1;
            }
            Entry e = entries.get(me.getValue());
            if (e.expired(now)) {
                continue;
            }
            if (e.hash() != null) {
                sink.hash(me.getValue(), e.hash().flat(), e.expireAt);
            } else {
                sink.entry(me.getValue(), e.value(), e.expireAt);
            }
        }
        return 0;
    }

    /**
     * The active expiry: checks up to {@code budget} keys that carry an expiry, continuing where
     * the last sweep stopped, so every such key is looked at within size/budget sweeps even if
     * nobody reads it again. Returns how many it removed.
     */
    public synchronized int sweep(int budget) {
        long now = now();
        int removed = 0;
        for (int i = 0; i < budget; i++) {
            Key key = order.nextExpiring();
            if (key == null) {
                break;
            }
            Entry e = entries.get(key);
            if (e.expired(now)) {
                remove(key, e);
                removed++;
            }
        }
        return removed;
    }

    /** A live string entry, or null; WRONGTYPE for a hash. */
    private Entry liveString(Key key, long now) {
        Entry e = live(key, now);
        if (e != null && e.hash() != null) {
            throw StoreException.wrongType();
        }
        return e;
    }

    /** A live hash entry, or null; WRONGTYPE for a string. */
    private Entry liveHash(Key key, long now) {
        Entry e = live(key, now);
        if (e != null && e.hash() == null) {
            throw StoreException.wrongType();
        }
        return e;
    }

    private static String typeOf(Entry e) {
        return e.hash() != null ? "hash" : "string";
    }

    /** The entry if present and not expired; an expired one is deleted on the way (lazy expiry). */
    private Entry live(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && e.expired(now)) {
            remove(key, e);
            return null;
        }
        return e;
    }

    private Entry create(Key key, byte[] value) {
        Entry e = new Entry(key, value, order.add(key));
        entries.put(e, e);
        usedBytes += key.bytes.length + value.length;
        return e;
    }

    private Entry createHash(Key key, Hash hash) {
        Entry e = new Entry(key, hash, order.add(key));
        entries.put(e, e);
        usedBytes += key.bytes.length + hash.bytes();
        return e;
    }

    private void remove(Key key, Entry e) {
        entries.remove(key);
        order.remove(e.seq);
        usedBytes -= key.bytes.length + e.length();
    }

    private void setExpiry(Key key, Entry e, long expireAt) {
        if ((expireAt == 0) != (e.expireAt == 0)) {
            order.expiring(e.seq, key, expireAt != 0);
        }
        e.expireAt = expireAt;
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
