package dev.rallypoint.common.auth;

/**
 * The value of a session key. The name is copied in so that checking a token is one Redis read.
 */
public record StoredSession(String playerId, String name) {

    public Player player() {
        return new Player(playerId, name);
    }
}
