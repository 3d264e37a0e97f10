package dev.rallypoint.kv.store;

/**
 * A value and its absolute expiry in ms (0: none); mutated only under MemoryStore's monitor.
 * It is also the key the map holds it under, so that a lookup, once it has compared the key's
 * bytes, has the value in hand, without a trip to one more object (a cache miss per key on a
 * large keyspace).
 */
final class Entry extends Key {
    // A string's bytes; null when the key holds a hash.
    private byte[] value;
    private Hash hash;
    // The value's length, kept here so that replacing or deleting a value updates the memory
    // count without a trip to the old bytes (a cache miss per write on a large keyspace).
    private int length;
    // Set by INCR: the value is this number's decimal text, so the next INCR of a counter
    // neither reads nor parses the old bytes (Redis keeps such values as integers too).
    private boolean counter;
    private long number;
    long expireAt;
    final long seq;

    Entry(Key key, byte[] value, long seq) {
        super(key);
        this.value = value;
        this.length = value.length;
        this.seq = seq;
    }

    Entry(Key key, Hash hash, long seq) {
        super(key);
        this.hash = hash;
        this.seq = seq;
    }

    /** The string value; null when the key holds a hash. */
    byte[] value() {
        return value;
    }

    /** The hash; null when the key holds a string. */
    Hash hash() {
        return hash;
    }

    /** Bytes of the value, or of a hash's fields and values. */
    long length() {
        return hash != null ? hash.bytes() : length;
    }

    void value(byte[] value) {
        this.value = value;
        this.hash = null;
        this.length = value.length;
        this.counter = false;
    }

    /** Whether the value was last written by INCR, so {@link #number} holds it. */
    boolean isCounter() {
        return counter;
    }

    long number() {
        return number;
    }

    void number(long number, byte[] text) {
        this.value = text;
        this.length = text.length;
        this.number = number;
        this.counter = true;
    }

    boolean expired(long now) {
        return expireAt != 0 && expireAt <= now;
    }
}
