package dev.rallypoint.redis;

/**
 * Tells a Redis that stopped answering from one that is only busy, and from event loops of ours
 * that ran late. Silence counts only while commands wait for replies, from the moment the first of
 * them went out; any reply starts it again, so a long pipeline that keeps answering stays alive
 * however long its last command waits. A check that comes late (this loop was busy, or the machine
 * was) counts as at most two ticks, and a check made while our loops lag counts nothing: only time
 * in which we were free to hear a reply counts against Redis. Checked every {@link #tickMillis()}
 * on one event loop; touched only there.
 */
public final class Silence {

    private static final long MIN_TICK_NANOS = 1_000_000L;
    private static final long MAX_TICK_NANOS = 250_000_000L;

    private final long limitNanos;
    private final long tickNanos;
    private long silentNanos;
    private long lastCheck;
    private boolean heard;

    public Silence(long limitMillis) {
        this.limitNanos = limitMillis * 1_000_000L;
        this.tickNanos = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, limitNanos / 8));
    }

    public long tickMillis() {
        return tickNanos / 1_000_000L;
    }

    public long limitMillis() {
        return limitNanos / 1_000_000L;
    }

    /** The first command after a quiet spell went out: silence counts from now. */
    public void waitingFrom(long nanoTime) {
        lastCheck = nanoTime;
        silentNanos = 0;
        heard = false;
    }

    /** A reply arrived. */
    public void heard() {
        heard = true;
    }

    /** True once commands have waited through {@code limit} of silence; call it every tick. */
    public boolean stalled(boolean waiting, long nanoTime) {
        return stalled(waiting, nanoTime, false);
    }

    /** As {@link #stalled(boolean, long)}; with {@code weLag} (our loops lag) this tick counts nothing. */
    public boolean stalled(boolean waiting, long nanoTime, boolean weLag) {
        long elapsed = weLag ? 0 : Math.min(nanoTime - lastCheck, 2 * tickNanos);
        lastCheck = nanoTime;
        if (!waiting || heard) {
            heard = false;
            silentNanos = 0;
            return false;
        }
        silentNanos += elapsed;
        return silentNanos >= limitNanos;
    }
}
