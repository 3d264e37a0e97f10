package dev.rallypoint.common.players;

/**
 * Redis keys that say whether a player is connected to the matchmaker: matchmaker-service writes
 * them, save-service reads them for a friends list. A player is online while
 * {@code mm:socket:<playerId>} names a socket of a replica whose heartbeat is alive.
 */
public final class PresenceKeys {

    private PresenceKeys() {
    }

    /** {@code mm:socket:<playerId>}: "{@code <replicaId>/<connectionId>}" of the player's open socket. */
    public static String socket(String playerId) {
        return "mm:socket:" + playerId;
    }

    /** {@code mm:replica:<replicaId>}: present while that replica's heartbeat is alive. */
    public static String heartbeat(String replicaId) {
        return "mm:replica:" + replicaId;
    }

    /** {@code mm:player:<playerId>}: "{@code <mode> <roomId>}" of the player's room (or "pending" while it joins one). */
    public static String room(String playerId) {
        return "mm:player:" + playerId;
    }

    /** {@code mm:{<mode>}:room:<roomId>}, the room JSON, from a {@link #room} value; null for "pending" or anything else. */
    public static String roomKey(String binding) {
        String[] modeAndRoom = binding.split(" ", 2);
        return modeAndRoom.length == 2 ? "mm:{" + modeAndRoom[0] + "}:room:" + modeAndRoom[1] : null;
    }
}
