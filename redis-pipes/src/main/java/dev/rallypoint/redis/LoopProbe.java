package dev.rallypoint.redis;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Tells whether this process's event loops keep up: a no-op posted to each of them must have run
 * by the next look. A pipe's connection may live on another loop than the pipe (the client's pool
 * hands out whichever connection is free), so a reply can sit unread on a loop busy with other
 * work; while any loop lags, silence from Redis proves nothing against Redis.
 */
final class LoopProbe {

    private final List<EventExecutor> loops = new ArrayList<>();
    private final AtomicLongArray ranAt;

    LoopProbe(Vertx vertx) {
        vertx.nettyEventLoopGroup().forEach(loops::add);
        this.ranAt = new AtomicLongArray(loops.size());
    }

    /** Posts a no-op to every loop; returns when, for {@link #allRanSince}. */
    long post() {
        long postedAt = System.nanoTime();
        for (int i = 0; i < loops.size(); i++) {
            int loop = i;
            loops.get(i).execute(() -> ranAt.accumulateAndGet(loop, System.nanoTime(), Math::max));
        }
        return postedAt;
    }

    /** True when every loop has run a no-op posted at or after {@code postedAt}. */
    boolean allRanSince(long postedAt) {
        for (int i = 0; i < ranAt.length(); i++) {
            if (ranAt.get(i) < postedAt) {
                return false;
            }
        }
        return true;
    }
}
