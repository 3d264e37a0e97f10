package dev.rallypoint.common.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers values read from Redis for a moment, so a hot key costs one Redis read per moment
 * instead of one per request. Past {@code maxEntries} the memory is dropped whole: simple, and
 * bounded. A zero duration remembers nothing.
 */
public final class ExpiringCache<K, V> {

    private final long keepNanos;
    private final int maxEntries;
    private final Map<K, Remembered<V>> entries = new ConcurrentHashMap<>();

    private record Remembered<V>(V value, long untilNanos) {
    }

    public ExpiringCache(Duration keep, int maxEntries) {
        this.keepNanos = keep.toNanos();
        this.maxEntries = maxEntries;
    }

    /** The value remembered for a key, or null when there is none or it is too old. */
    public V get(K key) {
        Remembered<V> remembered = entries.get(key);
        return remembered != null && remembered.untilNanos() - System.nanoTime() > 0 ? remembered.value() : null;
    }

    public void put(K key, V value) {
        if (keepNanos <= 0) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Remembered<>(value, System.nanoTime() + keepNanos));
    }

    public void remove(K key) {
        entries.remove(key);
    }
}
