package dev.rallypoint.save.session;

/** Redis keys of a player's profile. */
final class PlayerKeys {

    private PlayerKeys() {
    }

    /** {@code player:<playerId>}: a hash with the player's {@code name}. */
    static String player(String playerId) {
        return "player:" + playerId;
    }
}
