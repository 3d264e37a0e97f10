package dev.rallypoint.common.ratelimit;


import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A limit each instance keeps in memory, per caller: for what costs only this instance's time
 * (a search, a submission), where N instances letting N times the rate through is fine. Past
 * {@code maxCallers} the buckets are dropped whole: bounded, and a full bucket is what a dropped
 * caller gets back.
 */
public final class LocalLimiter {

    private final String slug;
    private final String what;
    private final Rate rate;
    private final int maxCallers;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param slug the problem's slug when the limit is reached, e.g. {@code search-rate-limited}
     * @param what what is limited, for the problem's detail, e.g. {@code "name searches"}
     */
    public LocalLimiter(String slug, String what, Rate rate, int maxCallers) {
        this.slug = slug;
        this.what = what;
        this.rate = rate;
        this.maxCallers = maxCallers;
    }

    /** Takes one of the caller's tokens, or throws 429 with Retry-After. */
    public void acquire(String caller) {
        if (buckets.size() >= maxCallers && !buckets.containsKey(caller)) {
            buckets.clear();
        }
        TokenBucket bucket = buckets.computeIfAbsent(caller, key -> new TokenBucket(rate));
        synchronized (bucket) {
            if (!bucket.tryTake()) {
                throw SharedLimiter.tooMany(slug, what, rate, bucket.millisUntilNext());
            }
        }
    }
}
