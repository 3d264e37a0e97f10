package dev.rallypoint.kv.store;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Keys in creation order: all of them (the order SCAN walks, so a cursor is simply the sequence
 * number of the last key returned) and those with an expiry (the order the sweep walks). Used
 * only under {@link MemoryStore}'s monitor.
 */
final class KeyOrder {

    private final TreeMap<Long, Key> all = new TreeMap<>();
    private final TreeMap<Long, Key> expiring = new TreeMap<>();
    private long nextSeq = 1;
    private long sweepCursor;

    /** Records a new key; its sequence number never changes while the key exists. */
    long add(Key key) {
        long seq = nextSeq++;
        all.put(seq, key);
        return seq;
    }

    void remove(long seq) {
        all.remove(seq);
        expiring.remove(seq);
    }

    void expiring(long seq, Key key, boolean hasExpiry) {
        if (hasExpiry) {
            expiring.put(seq, key);
        } else {
            expiring.remove(seq);
        }
    }

    /** Keys created after the one with sequence number {@code cursor}, oldest first. */
    NavigableMap<Long, Key> after(long cursor) {
        return all.tailMap(cursor, false);
    }

    /** The next key with an expiry after the last one handed out, wrapping around; null if none. */
    Key nextExpiring() {
        if (expiring.isEmpty()) {
            return null;
        }
        Map.Entry<Long, Key> next = expiring.higherEntry(sweepCursor);
        if (next == null) {
            next = expiring.firstEntry();
        }
        sweepCursor = next.getKey();
        return next.getValue();
    }

    /** A key at a random place in the creation order; there must be one. */
    Key random() {
        long seq = java.util.concurrent.ThreadLocalRandom.current().nextLong(all.firstKey(), all.lastKey() + 1);
        return all.ceilingEntry(seq).getValue();
    }

    int expiringCount() {
        return expiring.size();
    }

    void clear() {
        all.clear();
        expiring.clear();
    }
}
