package dev.rallypoint.kv.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing from one address: the first {@value #FREE_FAILURES} failures in a row
 * are answered at once, each later one after a delay that doubles from
 * {@value #FIRST_DELAY_MILLIS} ms up to {@value #MAX_DELAY_MILLIS} ms. A success, or
 * {@value #FORGET_MILLIS} ms without failures, starts the address afresh.
 */
public final class FailureThrottle {

    static final int FREE_FAILURES = 3;
    static final long FIRST_DELAY_MILLIS = 250;
    static final long MAX_DELAY_MILLIS = 10_000;
    static final long FORGET_MILLIS = 600_000;
    // Beyond this many addresses the oldest knowledge is dropped rather than memory exhausted.
    private static final int MAX_ADDRESSES = 100_000;

    private record Failures(int count, long last) {
    }

    private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public FailureThrottle() {
        this(System::currentTimeMillis);
    }

    FailureThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Records a failure and returns how long to hold back its reply, in ms. */
    public long failed(String address) {
        long now = clock.getAsLong();
        if (byAddress.size() > MAX_ADDRESSES) {
            byAddress.values().removeIf(f -> now - f.last() > FORGET_MILLIS);
            if (byAddress.size() > MAX_ADDRESSES) {
                byAddress.clear();
            }
        }
        Failures f = byAddress.compute(address, (a, old) ->
                new Failures(old == null || now - old.last() > FORGET_MILLIS ? 1 : old.count() + 1, now));
        int beyond = f.count() - FREE_FAILURES;
        if (beyond <= 0) {
            return 0;
        }
        return beyond > 6 ? MAX_DELAY_MILLIS : Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << (beyond - 1));
    }

    public void succeeded(String address) {
        byAddress.remove(address);
    }
}
