package dev.rallypoint.kv.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing from one address, across all its connections. The first
 * {@value #FREE_FAILURES} failures in a row are answered at once. From then on the address's
 * AUTH replies are served one at a time: each waits for the previous one's turn, plus a step
 * that doubles from {@value #FIRST_DELAY_MILLIS} ms up to {@value #MAX_DELAY_MILLIS} ms. A right
 * password waits its turn like a wrong one, so a thousand guesses sent at once on a thousand
 * connections take a thousand turns, and no reply comes sooner for being right. A success, or
 * {@value #FORGET_MILLIS} ms without failures, starts the address afresh.
 */
public final class FailureThrottle {

    static final int FREE_FAILURES = 3;
    static final long FIRST_DELAY_MILLIS = 250;
    static final long MAX_DELAY_MILLIS = 10_000;
    static final long FORGET_MILLIS = 600_000;
    // Beyond this many addresses the oldest knowledge is dropped rather than memory exhausted.
    private static final int MAX_ADDRESSES = 100_000;

    /** Failures in a row, the last one's time, and when the address's next turn starts. */
    private record Failures(int count, long last, long nextTurn) {
    }

    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public FailureThrottle() {
        this(System::currentTimeMillis);
    }

    FailureThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records an AUTH from {@code address} and returns how long to hold back its reply, in ms. */
    public long attempt(String address, boolean passed) {
        long now = clock.getAsLong();
        if (byAddress.size() > MAX_ADDRESSES) {
            byAddress.values().removeIf(f -> now - f.last() > FORGET_MILLIS && f.nextTurn() <= now);
            if (byAddress.size() > MAX_ADDRESSES) {
                byAddress.clear();
            }
        }
        long[] delay = new long[1];
        byAddress.compute(address, (a, old) -> {
            if (old != null && now - old.last() > FORGET_MILLIS && old.nextTurn() <= now) {
                old = null;
            }
            int failures = old == null ? 0 : old.count();
            long nextTurn = old == null ? now : old.nextTurn();
            if (failures >= FREE_FAILURES) {
                long turn = Math.max(now, nextTurn) + step(failures);
                delay[0] = turn - now;
                nextTurn = turn;
            }
            if (passed && nextTurn <= now) {
                return null;
            }
            return new Failures(passed ? 0 : failures + 1, passed && old != null ? old.last() : now, nextTurn);
        });
        return delay[0];
    }

    private static long step(int failures) {
        int beyond = failures - FREE_FAILURES;
        return beyond >= 6 ? MAX_DELAY_MILLIS : Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << beyond);
    }
}
