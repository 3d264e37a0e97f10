package dev.rallypoint.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Long-lived connections to Redis that every client's commands share, pipelined: Redis then
 * reads many commands per read and answers them in one write, where a connection per command (a
 * pool) costs it a read and a write each, and the caller a trip to another thread and back. Each
 * event loop has its own {@link Pipe}, opened on that loop, so a command sent from a loop and its
 * reply never change threads; other threads (workers, virtual threads) take turns on a few more,
 * each on an event loop of its own.
 *
 * <p>A command fails only when Redis does not answer: when its connection breaks, or when Redis
 * stays silent for {@code timeoutMillis} while commands wait (see {@link Silence}). Time a command
 * spends behind others that are being answered, or behind our own busy event loops (see
 * {@link LoopProbe}), does not count.
 * A broken pipe is dropped and the next command opens a new one: callers recover by themselves.
 *
 * <p>Only for commands that answer at once: a blocking command (BLPOP, XREADGROUP BLOCK) or a
 * subscription would hold up every command queued behind it.
 */
public final class RedisPipes {

    private static final int SHARED = 2;

    private final Vertx vertx;
    private final Redis client;
    private final long timeoutMillis;
    private final LoopProbe loops;
    // Only touched on its event loop.
    private final ThreadLocal<Future<Pipe>> ownOfLoop = new ThreadLocal<>();
    private final AtomicReferenceArray<Future<Pipe>> shared = new AtomicReferenceArray<>(SHARED);
    private final AtomicInteger next = new AtomicInteger();

    public RedisPipes(Vertx vertx, Redis client, long timeoutMillis) {
        this.vertx = vertx;
        this.client = client;
        this.timeoutMillis = timeoutMillis;
        this.loops = new LoopProbe(vertx);
    }

    public Future<Response> send(Request request) {
        Future<Pipe> pipe = pipe();
        return pipe.compose(open -> open.send(request)).recover(failure -> {
            if (!Pipe.NOT_SENT.equals(failure.getMessage())) {
                return Future.failedFuture(failure);
            }
            // The connection closed before its end was seen here, and the command never left:
            // sending it again on a new connection cannot run it twice.
            forget(pipe);
            return pipe().compose(open -> open.send(request));
        });
    }

    private Future<Pipe> pipe() {
        Context current = Vertx.currentContext();
        if (Context.isOnEventLoopThread() && current != null) {
            Future<Pipe> own = ownOfLoop.get();
            if (own == null || own.failed()) {
                own = open(current);
                ownOfLoop.set(own);
            }
            return own;
        }
        // A blocking caller waits for each reply before its next command, so its commands stay
        // in order whichever connection each one takes.
        int slot = Math.floorMod(next.getAndIncrement(), SHARED);
        Future<Pipe> found = shared.get(slot);
        if (found != null && !found.failed()) {
            return found;
        }
        synchronized (this) {
            found = shared.get(slot);
            if (found == null || found.failed()) {
                // Off any event loop, this makes a context on one of them for the connection.
                found = open(vertx.getOrCreateContext());
                shared.set(slot, found);
            }
            return found;
        }
    }

    /** Opens a connection on {@code context}'s event loop, forgotten when it breaks. */
    private Future<Pipe> open(Context context) {
        Promise<Pipe> opened = Promise.promise();
        context.runOnContext(v -> client.connect().onComplete(result -> {
            if (result.failed()) {
                opened.fail(result.cause());
                return;
            }
            opened.complete(new Pipe(vertx, context, result.result(), new Silence(timeoutMillis), loops,
                    () -> forget(opened.future())));
        }));
        return opened.future();
    }

    /** Called on the broken pipe's event loop, which is the loop that owns it if any. */
    private void forget(Future<Pipe> broken) {
        if (ownOfLoop.get() == broken) {
            ownOfLoop.remove();
        }
        for (int slot = 0; slot < SHARED; slot++) {
            shared.compareAndSet(slot, broken, null);
        }
    }
}
