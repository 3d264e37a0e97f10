package dev.rallypoint.kv.store;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * A store's fast path for RESP clients: commands that the store's backend answers byte for byte
 * as the store would are sent to it straight from the event loop, many in flight, and its RESP
 * reply goes back to the client as it is.
 */
public interface Forwarding {

    /** The command as the backend takes it, or null when it must run through the {@link Store} methods. */
    byte[][] forwardable(String command, byte[][] argv);

    /** Sends a {@link #forwardable} command from an event loop; {@code reply} gets the RESP reply on that loop. */
    void forward(byte[][] argv, Consumer<Buffer> reply);
}
