package dev.rallypoint.kv;

import dev.rallypoint.kv.store.MemoryStore;

/**
 * The active half of expiry, run ten times a second: keys nobody reads again still go. Like
 * Redis's activeExpireCycle, it keeps going while many of the keys it checks have expired, but
 * stops after a few milliseconds so commands are not held up.
 */
final class ExpirySweep {

    private static final int BATCH = 200;
    private static final long MAX_NANOS = 5_000_000;

    private ExpirySweep() {
    }

    static void run(MemoryStore store) {
        long start = System.nanoTime();
        while (store.sweep(BATCH) > BATCH / 4 && System.nanoTime() - start < MAX_NANOS) {
            // More than a quarter expired: there are probably more to free right away.
        }
    }
}
