package dev.rallypoint.kv.store;

/** A value and its absolute expiry in ms (0: none); mutated only under MemoryStore's monitor. */
final class Entry {
    byte[] value;
    long expireAt;
    final long seq;

    Entry(byte[] value, long seq) {
        this.value = value;
        this.seq = seq;
    }

    boolean expired(long now) {
        return expireAt != 0 && expireAt <= now;
    }
}
