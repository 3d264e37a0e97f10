package dev.rallypoint.kv.store;

import java.util.List;

/**
 * The keyspace behind both ports, of strings and hashes: {@link MemoryStore} in this process, or {@code RedisStore} on
 * the shared Redis. Each method is one atomic command; errors are {@link StoreException}s with
 * Redis's text.
 */
public interface Store {

    /** SET's condition on the key's existence. */
    enum Condition { ALWAYS, IF_ABSENT, IF_PRESENT }

    /** EXPIRE's NX/XX/GT/LT condition on the current expiry. */
    enum ExpireCondition { ALWAYS, NX, XX, GT, LT }

    /** Passed as the expiry of SET to keep the key's current one (KEEPTTL). */
    long KEEP_TTL = -1;

    /** Passed as the expiry of GETEX to remove the key's expiry (PERSIST). */
    long PERSIST = -2;

    byte[] get(Key key);

    /** SET with an absolute expiry in ms (0: none, {@link #KEEP_TTL}: keep); the old value when asked. */
    SetOutcome set(Key key, byte[] value, Condition condition, long expireAt, boolean wantOld);

    byte[] getDel(Key key);

    /** GETEX: the value, its expiry then set to an absolute time in ms, {@link #PERSIST}, or left as is (0). */
    byte[] getEx(Key key, long expireAt);

    /** SETRANGE: writes {@code value} at {@code offset}, zero-padding; the new length. */
    long setRange(Key key, long offset, byte[] value);

    /** SETBIT: sets the bit at {@code offset} (0 is the most significant bit of the first byte); the old bit. */
    int setBit(Key key, long offset, int bit);

    /** COPY: false when the source is missing, or the destination exists and {@code replace} is false. */
    boolean copy(Key source, Key destination, boolean replace);

    /** RENAME and RENAMENX ({@code onlyIfAbsent}): false when the destination exists and must not be replaced. */
    boolean rename(Key source, Key destination, boolean onlyIfAbsent);

    byte[][] mget(Key[] keys);

    /** MSET, or MSETNX when {@code onlyIfNoneExists}: all keys or none. */
    boolean mset(Key[] keys, byte[][] values, boolean onlyIfNoneExists);

    int del(Key[] keys);

    /** How many of the keys exist; a key named twice counts twice. */
    int exists(Key[] keys);

    /** INCRBY: a missing key counts as 0; the expiry stays. */
    long incrBy(Key key, long delta);

    /** INCRBYFLOAT: the new value, as Redis prints a long double; the expiry stays. */
    byte[] incrByFloat(Key key, byte[] increment);

    /** HINCRBYFLOAT with an increment that {@link LongDouble#parse} takes: the new value. */
    byte[] hincrByFloat(Key key, byte[] field, byte[] increment);

    /** APPEND: the new length. */
    long append(Key key, byte[] suffix);

    /** Sets an absolute expiry in ms if the condition holds; a time in the past deletes the key. */
    boolean expireAt(Key key, long when, ExpireCondition condition, boolean onlyIfExpiring);

    /** -2 when the key is missing, -1 when it has no expiry, else the ms left. */
    long pttl(Key key);

    /** -2 when the key is missing, -1 when it has no expiry, else the absolute expiry in ms. */
    long expireTime(Key key);

    /** A random existing key, or null when there is none. */
    byte[] randomKey();

    boolean persist(Key key);

    List<byte[]> keys(byte[] pattern);

    /** Up to about {@code count} keys after the cursor, matching the pattern and type (null: any). */
    ScanPage scan(long cursor, int count, byte[] pattern, String type);

    /** TYPE: {@code string}, {@code hash} or {@code none}. */
    String type(Key key);

    /** HSET, or HSETNX ({@code onlyIfAbsent}, one pair): how many fields are new. */
    int hset(Key key, byte[][] fieldsAndValues, boolean onlyIfAbsent);

    byte[] hget(Key key, byte[] field);

    /** HMGET: a value or null per field. */
    byte[][] hmget(Key key, byte[][] fields);

    /** HGETALL: fields and values alternating, in the hash's order; none for a missing key. */
    byte[][] hgetAll(Key key);

    long hlen(Key key);

    /** HDEL: how many fields were removed; the key goes with its last field. */
    int hdel(Key key, byte[][] fields);

    /** HINCRBY: a missing field counts as 0. */
    long hincrBy(Key key, byte[] field, long delta);

    /** The number of keys. */
    long size();

    /** The number of keys with an expiry, or -1 when the store cannot tell cheaply. */
    long expiring();

    /** Bytes held by keys and values, or -1 when the store cannot tell. */
    long usedBytes();

    /** FLUSHDB and FLUSHALL. */
    void flush();

    /** The fast path for RESP clients, or null when the store has none. */
    default Forwarding forwarding() {
        return null;
    }

    /**
     * Called before a connection sends the replies to the writes it just ran: returns once
     * those writes are as durable as the store promises (for the memory store, the fsync policy).
     */
    void awaitDurable();
}
