package dev.rallypoint.kv.store;

/** Receives live keys from {@link MemoryStore#dump}, under the store's monitor. */
public interface EntrySink {

    void entry(Key key, byte[] value, long expireAt);

    /** A hash: its fields and values alternating, in its order. */
    void hash(Key key, byte[][] fieldsAndValues, long expireAt);
}
