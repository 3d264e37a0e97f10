package dev.rallypoint.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Long-lived connections to Redis that every client's commands share, pipelined: Redis then
 * reads many commands per read and answers them in one write, where a connection per command (a
 * pool) costs it a read and a write each, and the caller a trip to another thread and back. Each
 * event loop has its own, opened on that loop, so a command sent from a loop and its reply never
 * change threads; other threads (workers, virtual threads) take turns on a few more. A connection
 * that fails or closes (Redis restarted) is dropped, and the next command opens a new one: the
 * caller recovers by itself.
 *
 * <p>Only for commands that answer at once: a blocking command (BLPOP, XREADGROUP BLOCK) or a
 * subscription would hold up every command queued behind it.
 */
public final class RedisPipes {

    private static final int SHARED = 2;
    /** The client's failure for a command it refused to write because the connection had closed. */
    private static final String NOT_SENT = "Connection is closed";

    private final Redis client;
    // Only touched on its event loop.
    private final ThreadLocal<Future<RedisConnection>> ownOfLoop = new ThreadLocal<>();
    private final AtomicReferenceArray<Future<RedisConnection>> shared = new AtomicReferenceArray<>(SHARED);
    private final AtomicInteger next = new AtomicInteger();

    public RedisPipes(Redis client) {
        this.client = client;
    }

    public Future<Response> send(Request request) {
        Future<RedisConnection> connection = connection();
        return connection.compose(open -> open.send(request)).recover(failure -> {
            if (!NOT_SENT.equals(failure.getMessage())) {
                return Future.failedFuture(failure);
            }
            // The connection closed before its end was seen here, and the command never left:
            // sending it again on a new connection cannot run it twice.
            forget(connection);
            return connection().compose(open -> open.send(request));
        });
    }

    private Future<RedisConnection> connection() {
        if (Context.isOnEventLoopThread()) {
            Future<RedisConnection> own = ownOfLoop.get();
            if (own == null || own.failed()) {
                own = open();
                ownOfLoop.set(own);
            }
            return own;
        }
        // A blocking caller waits for each reply before its next command, so its commands stay
        // in order whichever connection each one takes.
        int slot = Math.floorMod(next.getAndIncrement(), SHARED);
        Future<RedisConnection> current = shared.get(slot);
        if (current != null && !current.failed()) {
            return current;
        }
        synchronized (this) {
            current = shared.get(slot);
            if (current == null || current.failed()) {
                current = open();
                shared.set(slot, current);
            }
            return current;
        }
    }

    /** Opens a connection on the calling thread's context, forgotten when it breaks. */
    private Future<RedisConnection> open() {
        Promise<RedisConnection> opened = Promise.promise();
        client.connect().onComplete(result -> {
            if (result.succeeded()) {
                result.result()
                        .exceptionHandler(failure -> {
                            forget(opened.future());
                            result.result().close();
                        })
                        .endHandler(end -> forget(opened.future()));
            }
            opened.handle(result);
        });
        return opened.future();
    }

    /** Called on the broken connection's event loop, which is the loop that owns it if any. */
    private void forget(Future<RedisConnection> broken) {
        if (ownOfLoop.get() == broken) {
            ownOfLoop.remove();
        }
        for (int slot = 0; slot < SHARED; slot++) {
            shared.compareAndSet(slot, broken, null);
        }
    }
}
