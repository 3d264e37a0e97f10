package dev.rallypoint.kv.store;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few long-lived connections to Redis that every client's commands share, pipelined: Redis
 * then reads many commands per read and answers them in one write, where a connection per
 * command (a pool) costs it a read and a write each. A connection that fails or closes (Redis
 * restarted) is dropped; the next command opens a new one, so the store recovers by itself.
 */
final class RedisPipes {

    private final Redis client;
    private final AtomicReferenceArray<Future<RedisConnection>> connections;
    private final AtomicInteger next = new AtomicInteger();

    RedisPipes(Redis client, int count) {
        this.client = client;
        this.connections = new AtomicReferenceArray<>(count);
    }

    Future<Response> send(Request request) {
        // A client waits for each reply before its next command, so its commands stay in order
        // whichever connection each one takes.
        int slot = Math.floorMod(next.getAndIncrement(), connections.length());
        return connection(slot).compose(connection -> connection.send(request));
    }

    private Future<RedisConnection> connection(int slot) {
        Future<RedisConnection> current = connections.get(slot);
        if (current != null && !current.failed()) {
            return current;
        }
        synchronized (this) {
            current = connections.get(slot);
            if (current != null && !current.failed()) {
                return current;
            }
            Future<RedisConnection> opened = client.connect();
            opened.onSuccess(connection -> connection
                    .exceptionHandler(failure -> drop(slot, opened))
                    .endHandler(end -> drop(slot, opened)));
            connections.set(slot, opened);
            return opened;
        }
    }

    private void drop(int slot, Future<RedisConnection> broken) {
        if (connections.compareAndSet(slot, broken, null)) {
            broken.onSuccess(RedisConnection::close);
        }
    }
}
