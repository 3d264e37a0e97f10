package dev.rallypoint.kv.connection;

import dev.rallypoint.kv.command.Client;
import dev.rallypoint.kv.command.CommandSpec;
import dev.rallypoint.kv.command.Dispatcher;
import dev.rallypoint.kv.command.Outcome;
import dev.rallypoint.kv.protocol.Parser;
import dev.rallypoint.kv.protocol.Protocol;
import dev.rallypoint.kv.protocol.ProtocolException;
import dev.rallypoint.kv.protocol.RedisErrors;
import dev.rallypoint.kv.protocol.ReplyBuffer;
import dev.rallypoint.kv.store.Forwarding;
import dev.rallypoint.kv.store.GroupCommit;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One client on either port: bytes in, every complete command run in order through the one
 * {@link Dispatcher}, the replies written back in the port's {@link Protocol} format. The
 * protocol only reads commands and writes replies; everything else lives here, once: pausing,
 * group commit, holding replies back, closing after a reply, and the limits.
 *
 * <p>With the memory store commands run right on the event loop, and the replies of a batch
 * leave in one buffer once the writes among them are durable (one write, and one fsync, per
 * turn of the event loop for all its clients: {@link GroupCommit}).
 *
 * <p>With the redis store ({@code blocking} set) the commands of the store's {@link Forwarding}
 * go to Redis from the event loop, many in flight over a connection shared with other clients,
 * and their replies are written in order, those that arrive in one turn of the loop in one
 * write. Any other command waits until those replies are out, then runs on a virtual thread
 * ({@code blocking}) with reading paused, so the order of a client's commands and replies stays
 * the same.
 *
 * <p>Reading pauses while the socket's write queue is full, so a client that sends without
 * reading is held back by TCP instead of filling the server's memory; one that stays that way
 * for {@code outputTimeoutMillis} is closed. A client that has not authenticated within
 * {@code authTimeoutMillis} is closed.
 */
public final class Connection {

    /** How a batch of commands ended: all run, close, hold back, or replies enough to send first. */
    private enum Step { MORE, CLOSE, HOLD_BACK, FULL }

    /** The limits that apply to every connection. */
    public record Limits(long authTimeoutMillis, long outputTimeoutMillis) {
    }

    // Replies beyond this are sent before more commands run, so the replies to a long pipeline
    // are not all built in memory at once (and the write queue's back-pressure can act).
    private static final int MAX_PENDING_REPLIES = 1 << 20;
    // Forwarded commands a client may have waiting for Redis; reading pauses beyond. Their replies
    // are not known in size, so this is what bounds the memory a client that stops reading costs;
    // deep enough for pipelines of any length to stay pipelined.
    private static final int MAX_IN_FLIGHT = 128;

    /** A reply in its place in the order, null until Redis (or the store, for a Redis gone quiet) answers. */
    private static final class InFlight {
        Buffer reply;
    }

    private final NetSocket socket;
    private final Vertx vertx;
    private final Dispatcher dispatcher;
    private final Store store;
    private final GroupCommit groupCommit;
    private final Executor blocking;
    private final Protocol protocol;
    private final Parser parser;
    private final ReplyBuffer out;
    private final Client client;
    private final Limits limits;
    // The store's fast path; null with the memory store, and on a port that does not speak RESP.
    private final Forwarding forwarding;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    // A command that waits for the replies in flight, then runs on a virtual thread.
    private byte[][] held;
    private boolean pumping;
    private boolean flushQueued;
    private boolean closeWhenSent;
    private boolean busy;
    private boolean delayed;
    private boolean closed;
    private boolean wrote;
    private boolean authDeadlinePassed;
    private long delay;
    private long outputTimer = -1;
    private long authTimer = -1;

    /**
     * {@code groupCommit}: where replies to writes wait for durability, null when writes need no
     * wait; {@code blocking}: where commands run when the store blocks, null to run them on the
     * event loop.
     */
    public Connection(NetSocket socket, Vertx vertx, Dispatcher dispatcher, Store store, GroupCommit groupCommit,
                      Executor blocking, Protocol protocol, Client client, Limits limits) {
        this.socket = socket;
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.store = store;
        this.groupCommit = groupCommit;
        this.blocking = blocking;
        this.protocol = protocol;
        this.parser = protocol.parser();
        this.out = protocol.replies();
        this.client = client;
        this.limits = limits;
        this.forwarding = blocking != null && out.carriesResp() ? store.forwarding() : null;
    }

    /** Starts serving; {@code onClose} runs once the socket is closed, whoever closed it. */
    public void start(Runnable onClose) {
        socket.handler(this::onData);
        socket.drainHandler(v -> {
            vertx.cancelTimer(outputTimer);
            outputTimer = -1;
            if (!delayed && !busy && !closed) {
                socket.resume();
                // Commands may be waiting in the parser since a FULL batch.
                runBuffered();
            }
        });
        socket.closeHandler(v -> {
            closed = true;
            vertx.cancelTimer(outputTimer);
            vertx.cancelTimer(authTimer);
            onClose.run();
        });
        if (!client.authenticated()) {
            authTimer = vertx.setTimer(limits.authTimeoutMillis(), id -> {
                authDeadlinePassed = true;
                if (!delayed && !busy) {
                    closeIfUnauthenticated();
                }
            });
        }
    }

    private void onData(Buffer data) {
        if (closed) {
            return;
        }
        parser.feed(data);
        if (!delayed && !busy) {
            runBuffered();
        }
    }

    /** Runs what arrived, on the event loop or through the store's virtual threads, then sends the replies. */
    private void runBuffered() {
        if (closed) {
            return;
        }
        if (blocking != null) {
            pump();
            return;
        }
        Step step = runCommands();
        if (!wrote || groupCommit == null) {
            wrote = false;
            finish(step);
            if (step == Step.FULL && !socket.writeQueueFull()) {
                runBuffered();
            }
            return;
        }
        // The replies wait for the turn's shared write (and fsync); what arrives meanwhile
        // waits in the parser.
        wrote = false;
        busy = true;
        groupCommit.afterDurable(failure -> {
            busy = false;
            if (failure != null) {
                failDurability(failure);
                return;
            }
            finish(step);
            if (step == Step.MORE || (step == Step.FULL && !socket.writeQueueFull())) {
                // Commands that arrived meanwhile.
                runBuffered();
            }
        });
    }

    /** Runs every complete command; the replies wait in {@code out} until their writes are durable. */
    private Step runCommands() {
        try {
            while (true) {
                byte[][] argv = nextCommand();
                if (argv == null) {
                    return Step.MORE;
                }
                Outcome outcome = dispatcher.execute(client, argv, out);
                wrote |= outcome.wrote();
                if (outcome.close()) {
                    return Step.CLOSE;
                }
                if (outcome.holdMillis() > 0) {
                    delay = outcome.holdMillis();
                    return Step.HOLD_BACK;
                }
                if (out.size() >= MAX_PENDING_REPLIES) {
                    return Step.FULL;
                }
            }
        } catch (ProtocolException e) {
            // Like Redis: the error after the replies before it, then the connection closes.
            out.error(e.getMessage());
            return Step.CLOSE;
        }
    }

    private byte[][] nextCommand() throws ProtocolException {
        parser.authenticated(client.authenticated());
        return parser.next();
    }

    /**
     * The redis store: forwards every complete command it can, in order, until one must run on a
     * virtual thread, the client has too many in flight, or the input runs out.
     */
    private void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (held == null && !busy && !delayed && !closeWhenSent && !closed) {
                if (socket.writeQueueFull()) {
                    awaitDrain();
                    return;
                }
                if (inFlight.size() >= MAX_IN_FLIGHT) {
                    socket.pause();
                    return;
                }
                byte[][] argv;
                try {
                    argv = nextCommand();
                } catch (ProtocolException e) {
                    queueLocal(e.getMessage());
                    closeWhenSent = true;
                    sendCompleted();
                    return;
                }
                if (argv == null) {
                    return;
                }
                CommandSpec spec = forwarding == null ? null : dispatcher.accepted(client, argv);
                byte[][] forwarded = spec == null ? null : forwarding.forwardable(spec.name(), argv);
                if (forwarded == null) {
                    held = argv;
                    runHeldWhenIdle();
                    return;
                }
                spec.calls().increment();
                InFlight command = new InFlight();
                inFlight.add(command);
                forwarding.forward(forwarded, reply -> {
                    command.reply = reply;
                    queueFlush();
                });
            }
        } finally {
            pumping = false;
        }
    }

    /** An error made here (a protocol error), in its place after the forwarded replies. */
    private void queueLocal(String error) {
        ReplyBuffer one = protocol.replies();
        one.error(error);
        InFlight local = new InFlight();
        local.reply = one.take();
        inFlight.add(local);
    }

    /** Replies that arrive in one turn of the event loop leave in one write, after that turn. */
    private void queueFlush() {
        if (!flushQueued) {
            flushQueued = true;
            vertx.getOrCreateContext().runOnContext(v -> {
                flushQueued = false;
                sendCompleted();
            });
        }
    }

    /** Writes the replies that are complete, in order; then goes on with what waits. */
    private void sendCompleted() {
        Buffer ready = null;
        while (!inFlight.isEmpty() && inFlight.peek().reply != null) {
            Buffer reply = inFlight.poll().reply;
            ready = ready == null ? reply : ready.appendBuffer(reply);
        }
        if (closed) {
            return;
        }
        if (ready != null) {
            socket.write(ready);
        }
        if (!inFlight.isEmpty()) {
            return;
        }
        if (closeWhenSent) {
            closed = true;
            socket.end();
            return;
        }
        if (held != null) {
            runHeldWhenIdle();
            return;
        }
        // Reading resumes only when nothing else holds it paused.
        if (socket.writeQueueFull()) {
            awaitDrain();
        } else if (!busy && !delayed) {
            socket.resume();
            pump();
        }
    }

    /** Runs the held command on a virtual thread once no forwarded reply is outstanding. */
    private void runHeldWhenIdle() {
        if (!inFlight.isEmpty() || busy) {
            return;
        }
        byte[][] argv = held;
        held = null;
        busy = true;
        socket.pause();
        Context context = vertx.getOrCreateContext();
        blocking.execute(() -> {
            Outcome outcome = dispatcher.execute(client, argv, out);
            delay = outcome.holdMillis();
            Step step = outcome.close() ? Step.CLOSE : delay > 0 ? Step.HOLD_BACK : Step.MORE;
            Step done = outcome.wrote() ? durable(step) : step;
            context.runOnContext(v -> {
                busy = false;
                finish(done);
                if (done == Step.MORE && !closed && !socket.writeQueueFull()) {
                    socket.resume();
                    pump();
                }
            });
        });
    }

    /** Waits, on this virtual thread, until the writes just run are durable; CLOSE with an error if they cannot be. */
    private Step durable(Step step) {
        try {
            store.awaitDurable();
            return step;
        } catch (StoreException e) {
            out.take();
            out.error(e.getMessage());
            return Step.CLOSE;
        }
    }

    /** The writes could not be made durable: their acknowledgements must not go out. */
    private void failDurability(StoreException e) {
        out.take();
        out.error(e.getMessage());
        close();
    }

    private void finish(Step step) {
        if (closed) {
            return;
        }
        switch (step) {
            case CLOSE -> close();
            case HOLD_BACK -> holdBack(delay);
            case MORE, FULL -> {
                flush();
                if (authDeadlinePassed) {
                    closeIfUnauthenticated();
                }
            }
        }
    }

    /** Sends nothing for a while, then the replies so far, then goes on with what was sent meanwhile. */
    private void holdBack(long millis) {
        delayed = true;
        socket.pause();
        vertx.setTimer(millis, id -> {
            delayed = false;
            if (closed) {
                return;
            }
            flush();
            if (authDeadlinePassed && closeIfUnauthenticated()) {
                return;
            }
            if (!socket.writeQueueFull()) {
                socket.resume();
            }
            runBuffered();
        });
    }

    private boolean closeIfUnauthenticated() {
        if (closed || client.authenticated()) {
            return false;
        }
        out.error(RedisErrors.AUTH_TIMEOUT);
        close();
        return true;
    }

    private void flush() {
        if (!out.isEmpty()) {
            socket.write(out.take());
            if (socket.writeQueueFull()) {
                awaitDrain();
            }
        }
    }

    /** Stops reading until the client has read its replies; closes it if it does not within the limit. */
    private void awaitDrain() {
        socket.pause();
        if (outputTimer < 0) {
            outputTimer = vertx.setTimer(limits.outputTimeoutMillis(), id -> {
                outputTimer = -1;
                if (socket.writeQueueFull()) {
                    abort();
                }
            });
        }
    }

    /**
     * Closes at once, dropping the replies still queued: a graceful close would wait for the
     * client to read them, which is what it does not do. No linger: the kernel's buffers go too.
     */
    private void abort() {
        closed = true;
        // From Vert.x's own handler's context: its graceful close, which waits for the queued
        // writes, is skipped.
        ChannelHandlerContext context = ((NetSocketInternal) socket).channelHandlerContext();
        context.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        context.close();
    }

    /** Sends the replies so far, then closes. */
    private void close() {
        closed = true;
        socket.end(out.take());
    }
}
