package dev.rallypoint.common.players;

/**
 * Redis keys of friendships: save-service writes them, matchmaker-service reads them to let
 * friends invite each other. A friendship lives once, in the key of its two players, so that one
 * script decides it whoever asks; each player's index lists the players it has a friendship
 * with, for reading a player's list.
 */
public final class FriendKeys {

    private FriendKeys() {
    }

    /**
     * {@code friends:{<a>,<b>}} with the two playerIds in order (a comma is no playerId's
     * character): a hash of {@code state} ({@code requested} or {@code friends}), {@code from}
     * (who asked, while requested), {@code since} (ms) and {@code blocked:<playerId>} for each
     * player who blocked the other.
     */
    public static String pair(String one, String other) {
        return one.compareTo(other) < 0 ? "friends:{" + one + "," + other + "}" : "friends:{" + other + "," + one + "}";
    }

    /** {@code friends:{<playerId>}}: a set of the players the player has a friendship, request or block with. */
    public static String index(String playerId) {
        return "friends:{" + playerId + "}";
    }
}
