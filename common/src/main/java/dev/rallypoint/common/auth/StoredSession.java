package dev.rallypoint.common.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The value of a session key. The name is copied in so that checking a token is one Redis read.
 * Read and written with Jackson by hand, so a native image must keep its accessors.
 */
@RegisterForReflection
public record StoredSession(String playerId, String name) {

    public Player player() {
        return new Player(playerId, name);
    }
}
