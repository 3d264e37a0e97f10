package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.command.Client;
import dev.rallypoint.kv.command.Dispatcher;
import dev.rallypoint.kv.store.GroupCommit;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.Executor;

/**
 * One RESP client: bytes in, every complete command run in order, all their replies written
 * back in one buffer once the writes among them are durable (one write, and one fsync, per turn
 * of the event loop for all its clients: {@link GroupCommit}). Reading pauses while the socket's
 * write queue is full, so a client that sends without reading is held back by TCP instead of
 * filling the server's memory, and while a failed AUTH's reply is held back.
 *
 * <p>With the memory store commands run right on the event loop. A store that waits on the
 * network ({@code blocking}) runs them on a virtual thread instead, one batch at a time with
 * reading paused, so the order of a client's commands and replies stays the same.
 */
public final class RespConnection {

    /** How a batch of commands ended: all run, close, hold back, or replies enough to send first. */
    private enum Outcome { MORE, CLOSE, HOLD_BACK, FULL }

    // Replies beyond this are sent before more commands run, so big replies to a long pipeline
    // are not all built in memory at once (and the write queue's back-pressure can act).
    private static final int MAX_PENDING_REPLIES = 1 << 20;

    private final NetSocket socket;
    private final Vertx vertx;
    private final Dispatcher dispatcher;
    private final Store store;
    private final GroupCommit groupCommit;
    private final Executor blocking;
    private final RespParser parser;
    private final Client client;
    private final RespWriter out = new RespWriter();
    private Buffer inbox = Buffer.buffer();
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
        if (blocking == null) {
            parser.feed(data);
        } else {
            inbox.appendBuffer(data);
        }
        if (!delayed && !busy) {
            runBuffered();
        }
    }

    /** Runs what arrived, on the event loop or on a virtual thread, then sends the replies. */
    private void runBuffered() {
        if (blocking == null) {
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
            return;
        }
        Buffer input = inbox;
        inbox = Buffer.buffer();
        busy = true;
        socket.pause();
        Context context = vertx.getOrCreateContext();
        blocking.execute(() -> {
            parser.feed(input);
            Outcome done = durable(runCommands());
            context.runOnContext(v -> {
                busy = false;
                socket.resume();
                finish(done);
                if ((done == Outcome.MORE && inbox.length() > 0)
                        || (done == Outcome.FULL && !socket.writeQueueFull())) {
                    runBuffered();
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

    /** Waits, on this virtual thread, until the batch's writes are durable; CLOSE with an error if they cannot be. */
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
