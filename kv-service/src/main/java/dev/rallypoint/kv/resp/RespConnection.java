package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.command.Client;
import dev.rallypoint.kv.command.Dispatcher;
import dev.rallypoint.kv.store.Store;
import dev.rallypoint.kv.store.StoreException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One RESP client: bytes in, every complete command run in order, all their replies written
 * back in one buffer once the writes among them are durable. Reading pauses while the socket's
 * write queue is full, so a client that sends without reading is held back by TCP instead of
 * filling the server's memory, and while a failed AUTH's reply is held back.
 */
public final class RespConnection {

    private final NetSocket socket;
    private final Vertx vertx;
    private final Dispatcher dispatcher;
    private final Store store;
    private final RespParser parser;
    private final Client client;
    private final RespWriter out = new RespWriter();
    private boolean delayed;

    public RespConnection(NetSocket socket, Vertx vertx, Dispatcher dispatcher, Store store, RespParser parser,
                          Client client) {
        this.socket = socket;
        this.vertx = vertx;
        this.dispatcher = dispatcher;
        this.store = store;
        this.parser = parser;
        this.client = client;
    }

    public void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> {
            if (!delayed) {
                socket.resume();
            }
        });
    }

    private void onData(Buffer data) {
        parser.feed(data);
        if (!delayed) {
            runBuffered();
        }
    }

    private void runBuffered() {
        try {
            byte[][] argv;
            while ((argv = parser.next()) != null) {
                dispatcher.execute(client, argv, out);
                if (client.closing()) {
                    end();
                    return;
                }
                long delay = client.takeReplyDelay();
                if (delay > 0) {
                    holdBack(delay);
                    return;
                }
            }
        } catch (ProtocolException e) {
            // Like Redis: the error, then the connection closes after the reply.
            out.error(e.getMessage());
            end();
            return;
        }
        flush();
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
        if (out.isEmpty()) {
            return;
        }
        Buffer replies;
        try {
            replies = durableReplies();
        } catch (StoreException e) {
            failDurability(e);
            return;
        }
        socket.write(replies);
        if (socket.writeQueueFull()) {
            socket.pause();
        }
    }

    private void end() {
        try {
            socket.end(durableReplies());
        } catch (StoreException e) {
            failDurability(e);
        }
    }

    /** The replies so far, once the writes they acknowledge are as durable as the store promises. */
    private Buffer durableReplies() {
        if (client.takeWrote()) {
            store.awaitDurable();
        }
        return out.take();
    }

    /** The writes could not be made durable: their acknowledgements must not go out. */
    private void failDurability(StoreException e) {
        out.take();
        out.error(e.getMessage());
        socket.end(out.take());
    }
}
