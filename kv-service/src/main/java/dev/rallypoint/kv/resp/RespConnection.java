package dev.rallypoint.kv.resp;

import dev.rallypoint.kv.command.Client;
import dev.rallypoint.kv.command.Dispatcher;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * One RESP client: bytes in, every complete command run in order, all their replies written
 * back in one buffer. Reading pauses while the socket's write queue is full, so a client that
 * sends without reading is held back by TCP instead of filling the server's memory.
 */
public final class RespConnection {

    private final NetSocket socket;
    private final Dispatcher dispatcher;
    private final RespParser parser;
    private final Client client;
    private final RespWriter out = new RespWriter();

    public RespConnection(NetSocket socket, Dispatcher dispatcher, RespParser parser, Client client) {
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.parser = parser;
        this.client = client;
    }

    public void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> socket.resume());
    }

    private void onData(Buffer data) {
        parser.feed(data);
        try {
            byte[][] argv;
            while ((argv = parser.next()) != null) {
                dispatcher.execute(client, argv, out);
                if (client.closing()) {
                    socket.end(out.take());
                    return;
                }
            }
        } catch (ProtocolException e) {
            // Like Redis: the error, then the connection closes after the reply.
            out.error(e.getMessage());
            socket.end(out.take());
            return;
        }
        if (!out.isEmpty()) {
            socket.write(out.take());
            if (socket.writeQueueFull()) {
                socket.pause();
            }
        }
    }
}
