package dev.rallypoint.common.ratelimit;

/** One caller's tokens under a {@link Rate}: full at first, refilled with time. Callers synchronize. */
public final class TokenBucket {

    private final Rate rate;
    private double tokens;
    private long refilledAtNanos = System.nanoTime();

    public TokenBucket(Rate rate) {
        this.rate = rate;
        this.tokens = rate.burst();
    }

    /** Takes a token; false (and nothing taken) when none is left. */
    public boolean tryTake() {
        refill();
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** How long until the next token, in ms (0 when one is there). */
    public long millisUntilNext() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * rate.intervalMillis());
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(rate.burst(), tokens + (now - refilledAtNanos) / 1e9 * rate.perSecond());
        refilledAtNanos = now;
    }
}
