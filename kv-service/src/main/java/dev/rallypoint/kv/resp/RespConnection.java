package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.command.Client;
import dev.rallypoint.kv.command.CommandSpec;
import dev.rallypoint.kv.command.Dispatcher;
import dev.rallypoint.kv.store.GroupCommit;
import dev.rallypoint.kv.store.RedisStore;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One RESP client: bytes in, every complete command run in order, all their replies written
 * back in one buffer once the writes among them are durable (one write, and one fsync, per turn
 * of the event loop for all its clients: {@link GroupCommit}). Reading pauses while the socket's
 * write queue is full, so a client that sends without reading is held back by TCP instead of
 * filling the server's memory, and while a failed AUTH's reply is held back.
 *
 * <p>With the memory store commands run right on the event loop. With the redis store the hot
 * commands Redis answers as the store would ({@link RedisStore#forwardable}) go to Redis from the
 * event loop, many in flight over a connection shared with other clients, and their replies are
 * written in order, those that arrive in one turn of the loop in one write. Any other command
 * waits until those replies are out, then runs on a virtual thread ({@code blocking}) with
 * reading paused, so the order of a client's commands and replies stays the same.
 */
public final class RespConnection {

    /** How a batch of commands ended: all run, close, hold back, or replies enough to send first. */
    private enum Outcome { MORE, CLOSE, HOLD_BACK, FULL }

    // Replies beyond this are sent before more commands run, so big replies to a long pipeline
    // are not all built in memory at once (and the write queue's back-pressure can act).
    private static final int MAX_PENDING_REPLIES = 1 << 20;
    // Forwarded commands a client may have waiting for Redis; reading pauses beyond. Their replies
    // are not known in size, so this is what bounds the memory a client that stops reading costs;
    // deep enough for pipelines of any length to stay pipelined.
    private static final int MAX_IN_FLIGHT = 128;

    /** A forwarded command's reply, null until Redis (or the store, for a Redis gone quiet) answers. */
    private static final class InFlight {
        Buffer reply;
    }

    private final NetSocket socket;
    private final Vertx vertx;
    private final Dispatcher dispatcher;
    private final Store store;
    private final GroupCommit groupCommit;
    private final Executor blocking;
    private final RespParser parser;
    private final Client client;
    private final RespWriter out = new RespWriter();
    // The redis store's forwarding; null with the memory store.
    private final RedisStore forwarder;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    // A command that waits for the replies in flight, then runs on a virtual thread.
    private byte[][] held;
    private boolean pumping;
    private boolean flushQueued;
    private boolean closeWhenSent;
    private boolean busy;
    private boolean delayed;
    private long delay;

    /**
     * {@code groupCommit}: where replies to writes wait for durability, null when writes need no
     * wait; {@code blocking}: where commands run when the store blocks, null to run them on the
     * event loop.
     */
    public RespConnection(NetSocket socket, Vertx vertx, Dispatcher dispatcher, Store store, GroupCommit groupCommit,
                          Executor blocking, RespParser parser, Client client) {
        this.socket = socket;
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.store = store;
        this.groupCommit = groupCommit;
        this.blocking = blocking;
        this.parser = parser;
        this.client = client;
        this.forwarder = store instanceof RedisStore redisStore && blocking != null ? redisStore : null;
    }

    public void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> {
            if (!delayed && !busy) {
                socket.resume();
                // Commands may be waiting in the parser since a FULL batch.
                runBuffered();
            }
        });
    }

    private void onData(Buffer data) {
        parser.feed(data);
        if (!delayed && !busy) {
            runBuffered();
        }
    }

    /** Runs what arrived, on the event loop or through Redis, then sends the replies. */
    private void runBuffered() {
        if (forwarder != null) {
            forwardBuffered();
            return;
        }
        Outcome outcome = runCommands();
        boolean wrote = client.takeWrote();
        if (!wrote || groupCommit == null) {
            finish(outcome);
            if (outcome == Outcome.FULL && !socket.writeQueueFull()) {
                runBuffered();
            }
            return;
        }
        // The replies wait for the turn's shared write (and fsync); what arrives meanwhile
        // waits in the parser.
        busy = true;
        groupCommit.afterDurable(failure -> {
            busy = false;
            if (failure != null) {
                failDurability(failure);
                return;
            }
            finish(outcome);
            if (outcome == Outcome.MORE || (outcome == Outcome.FULL && !socket.writeQueueFull())) {
                // Commands that arrived meanwhile.
                runBuffered();
            }
        });
    }

    /**
     * The redis store: forwards every complete command it can, in order, until one must run on a
     * virtual thread, the client has too many in flight, or the input runs out.
     */
    private void forwardBuffered() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (held == null && !busy && !delayed && !closeWhenSent) {
                if (inFlight.size() >= MAX_IN_FLIGHT || socket.writeQueueFull()) {
                    socket.pause();
                    return;
                }
                byte[][] argv;
                try {
                    argv = parser.next();
                } catch (ProtocolException e) {
                    // Like Redis: the error after the replies before it, then the connection closes.
                    queueLocal(e.getMessage());
                    closeWhenSent = true;
                    sendCompleted();
                    return;
                }
                if (argv == null) {
                    return;
                }
                CommandSpec spec = dispatcher.accepted(client, argv);
                byte[][] forwarded = spec == null ? null : forwarder.forwardable(spec.name(), argv);
                if (forwarded == null) {
                    held = argv;
                    runHeldWhenIdle();
                    return;
                }
                spec.calls().increment();
                forward(forwarded);
            }
        } finally {
            pumping = false;
        }
    }

    private void forward(byte[][] argv) {
        InFlight command = new InFlight();
        inFlight.add(command);
        forwarder.forward(argv, reply -> {
            command.reply = reply;
            queueFlush();
        });
    }

    /** A reply made here (a protocol error), in its place after the forwarded ones. */
    private void queueLocal(String error) {
        RespWriter one = new RespWriter();
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
        if (ready != null) {
            socket.write(ready);
        }
        if (!inFlight.isEmpty()) {
            return;
        }
        if (closeWhenSent) {
            socket.end();
            return;
        }
        if (held != null) {
            runHeldWhenIdle();
            return;
        }
        // Reading resumes only when nothing else holds it paused.
        if (!busy && !delayed && !socket.writeQueueFull()) {
            socket.resume();
            forwardBuffered();
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
            dispatcher.execute(client, argv, out);
            Outcome outcome = client.closing() ? Outcome.CLOSE : Outcome.MORE;
            delay = client.takeReplyDelay();
            if (outcome == Outcome.MORE && delay > 0) {
                outcome = Outcome.HOLD_BACK;
            }
            Outcome done = durable(outcome);
            context.runOnContext(v -> {
                busy = false;
                finish(done);
                if (done == Outcome.MORE && !socket.writeQueueFull()) {
                    socket.resume();
                    forwardBuffered();
                }
            });
        });
    }

    /** Runs every complete command; the replies wait in {@code out} until their writes are durable. */
    private Outcome runCommands() {
        Outcome outcome = Outcome.MORE;
        try {
            byte[][] argv;
            while ((argv = parser.next()) != null) {
                dispatcher.execute(client, argv, out);
                if (client.closing()) {
                    outcome = Outcome.CLOSE;
                    break;
                }
                delay = client.takeReplyDelay();
                if (delay > 0) {
                    outcome = Outcome.HOLD_BACK;
                    break;
                }
                if (out.size() >= MAX_PENDING_REPLIES) {
                    outcome = Outcome.FULL;
                    break;
                }
            }
        } catch (ProtocolException e) {
            // Like Redis: the error, then the connection closes after the reply.
            out.error(e.getMessage());
            outcome = Outcome.CLOSE;
        }
        return outcome;
    }

    /** Waits, on this virtual thread, until the writes just run are durable; CLOSE with an error if they cannot be. */
    private Outcome durable(Outcome outcome) {
        try {
            if (client.takeWrote()) {
                store.awaitDurable();
            }
            return outcome;
        } catch (StoreException e) {
            out.take();
            out.error(e.getMessage());
            return Outcome.CLOSE;
        }
    }

    /** The writes could not be made durable: their acknowledgements must not go out. */
    private void failDurability(StoreException e) {
        out.take();
        out.error(e.getMessage());
        socket.end(out.take());
    }

    private void finish(Outcome outcome) {
        switch (outcome) {
            case CLOSE -> socket.end(out.take());
            case HOLD_BACK -> holdBack(delay);
            case MORE, FULL -> flush();
        }
    }

    /** Sends nothing for a while, then the replies so far, then goes on with what was sent meanwhile. */
    private void holdBack(long millis) {
        delayed = true;
        socket.pause();
        vertx.setTimer(millis, id -> {
            delayed = false;
            socket.resume();
            flush();
            runBuffered();
        });
    }

    private void flush() {
        if (!out.isEmpty()) {
            socket.write(out.take());
            if (socket.writeQueueFull()) {
                socket.pause();
            }
        }
    }
}
