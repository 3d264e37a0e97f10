package dev.rallypoint.kv.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * Turns one connection's bytes into commands, resumably: bytes arrive in any split, and
 * {@link #next} returns a complete argv or null for "need more".
 */
public interface Parser {

    void feed(Buffer data);

    /** The next complete command, or null when more bytes are needed. */
    byte[][] next() throws ProtocolException;

    /**
     * Whether the client has authenticated. Before it has, only small requests are accepted
     * (as Redis 7 does), so a stranger cannot make the server hold much.
     */
    void authenticated(boolean authenticated);
}
