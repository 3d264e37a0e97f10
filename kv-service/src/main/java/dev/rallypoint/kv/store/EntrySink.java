package dev.rallypoint.kv.store;

/** Receives live keys from {@link MemoryStore#dump}, under the store's monitor. */
@FunctionalInterface
public interface EntrySink {

    void entry(Key key, byte[] value, long expireAt);
}
