package dev.rallypoint.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * One pipelined connection and the commands waiting on it for their replies. It breaks when the
 * connection fails or closes, or when Redis stays silent past the timeout (see {@link Silence});
 * then every waiting command fails and the owner opens a new one. Touched only on its event loop:
 * a command from another thread is handed to that loop first.
 */
final class Pipe {

    /** The client's failure for a command it refused to write because the connection had closed. */
    static final String NOT_SENT = "Connection is closed";
    /** The client's failure for the commands still waiting when the connection closed. */
    private static final String CLOSED_WHILE_WAITING = "CONNECTION_CLOSED";
    private static final String QUEUE_FULL = "Redis waiting queue is full";

    private final Vertx vertx;
    private final Context context;
    private final Thread loop;
    private final RedisConnection connection;
    private final Silence silence;
    private final LoopProbe loops;
    private final Runnable onBroken;
    private final ArrayDeque<Promise<Response>> waiting = new ArrayDeque<>();
    private long watch = -1;
    private long probedAt;
    private boolean broken;

    /** Called on {@code context}, which the connection belongs to. */
    Pipe(Vertx vertx, Context context, RedisConnection connection, Silence silence, LoopProbe loops, Runnable onBroken) {
        this.vertx = vertx;
        this.context = context;
        // A worker context has no one thread: its tasks run in order, so commands hop onto it.
        this.loop = context.isEventLoopContext() ? Thread.currentThread() : null;
        this.connection = connection;
        this.silence = silence;
        this.loops = loops;
        this.onBroken = onBroken;
        connection.exceptionHandler(failure -> breakWith(failure instanceof Exception e ? e : new ClosedChannelException()));
        connection.endHandler(end -> breakWith(new ClosedChannelException()));
    }

    Future<Response> send(Request request) {
        if (Thread.currentThread() == loop) {
            return sendOnLoop(request);
        }
        Promise<Response> answered = Promise.promise();
        context.runOnContext(v -> sendOnLoop(request).onComplete(answered));
        return answered.future();
    }

    private Future<Response> sendOnLoop(Request request) {
        if (broken) {
            return Future.failedFuture(new IllegalStateException(NOT_SENT));
        }
        Promise<Response> answered = Promise.promise();
        if (waiting.isEmpty()) {
            silence.waitingFrom(System.nanoTime());
        }
        waiting.add(answered);
        watch();
        connection.send(request).onComplete(reply -> {
            if (!waiting.remove(answered)) {
                return; // This pipe broke first and failed it.
            }
            if (reply.succeeded()) {
                silence.heard();
                answered.complete(reply.result());
                return;
            }
            String message = reply.cause().getMessage();
            if (CLOSED_WHILE_WAITING.equals(message)) {
                answered.fail(new ClosedChannelException());
                return;
            }
            if (!NOT_SENT.equals(message) && !QUEUE_FULL.equals(message)) {
                silence.heard(); // An error reply is an answer too.
            }
            answered.fail(reply.cause());
        });
        return answered.future();
    }

    private void watch() {
        if (watch == -1) {
            watch = vertx.setPeriodic(silence.tickMillis(), id -> check());
        }
    }

    private void check() {
        // The first check of a watch has no probe to look at: it counts at most two ticks.
        boolean weLag = probedAt != 0 && !loops.allRanSince(probedAt);
        probedAt = loops.post();
        if (silence.stalled(!waiting.isEmpty(), System.nanoTime(), weLag)) {
            breakWith(new TimeoutException("no answer within " + silence.limitMillis() + " ms"));
        } else if (waiting.isEmpty()) {
            vertx.cancelTimer(watch);
            watch = -1;
            probedAt = 0;
        }
    }

    /** Fails every waiting command and gives the connection back; the owner opens a new one. */
    private void breakWith(Exception why) {
        if (broken) {
            return;
        }
        broken = true;
        if (watch != -1) {
            vertx.cancelTimer(watch);
            watch = -1;
        }
        onBroken.run();
        Promise<Response> next;
        while ((next = waiting.poll()) != null) {
            next.fail(why);
        }
        connection.close();
    }
}
