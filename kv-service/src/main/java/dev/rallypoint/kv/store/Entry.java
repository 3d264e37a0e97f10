package dev.rallypoint.kv.store;

/** A value and its absolute expiry in ms (0: none); mutated only under MemoryStore's monitor. */
final class Entry {
    private byte[] value;
    // Set by INCR: the value is this number's decimal text, so the next INCR of a counter
    // neither reads nor parses the old bytes (Redis keeps such values as integers too).
    private boolean counter;
    private long number;
    long expireAt;
    final long seq;

    Entry(byte[] value, long seq) {
        this.value = value;
        this.seq = seq;
    }

    byte[] value() {
        return value;
    }

    void value(byte[] value) {
        this.value = value;
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
        this.number = number;
        this.counter = true;
    }

    boolean expired(long now) {
        return expireAt != 0 && expireAt <= now;
    }
}
