package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.players.PresenceKeys;

/**
 * The matchmaker's Redis keys. Everything about the rooms of one mode carries the hash tag
 * {@code {<mode>}}, so each room script runs on one hash slot, also on a Redis Cluster.
 */
public final class RoomKeys {

    private RoomKeys() {
    }

    /**
     * {@code mm:{<mode>}:lobby[:<pool>]}: the public rooms of a pool (the mode and the properties
     * players asked for, see {@code PairingProperties}) that recruit with a free seat, by creation
     * time, or in a mode that pairs by rating by middle rating.
     */
    public static String lobby(String mode, String pool) {
        String key = "mm:{" + mode + "}:lobby";
        return pool.isEmpty() ? key : key + ":" + pool;
    }

    /** {@code mm:{<mode>}:grace}: "{@code <roomId> <playerId>}" of dropped players, by deadline (ms). */
    public static String grace(String mode) {
        return "mm:{" + mode + "}:grace";
    }

    /** {@code mm:{<mode>}:rooms}: ids of the rooms that have not ended, by creation time (ms). */
    public static String rooms(String mode) {
        return "mm:{" + mode + "}:rooms";
    }

    /** {@code mm:{<mode>}:verdicts}: ids of rooms whose majority result may stand, by when (ms). */
    public static String verdicts(String mode) {
        return "mm:{" + mode + "}:verdicts";
    }

    /** {@code mm:{<mode>}:unrecorded}: match JSON of ended games not yet in the stream {@code matches}. */
    public static String unrecorded(String mode) {
        return "mm:{" + mode + "}:unrecorded";
    }

    /** {@code mm:{<mode>}:stats}: rooms by state, kept by the room scripts. */
    public static String stats(String mode) {
        return "mm:{" + mode + "}:stats";
    }

    /** {@code mm:{<mode>}:room:<id>}: the room JSON; {@code :log} and {@code :events} hang off it. */
    public static String room(String mode, String roomId) {
        return "mm:{" + mode + "}:room:" + roomId;
    }

    public static String events(String roomKey) {
        return roomKey + ":events";
    }

    public static String log(String roomKey) {
        return roomKey + ":log";
    }

    /** The room's shared state, a JSON object (see set-state.lua). */
    public static String state(String roomKey) {
        return roomKey + ":state";
    }

    /** The room's last game messages (see send.lua). */
    public static String messageLog(String roomKey) {
        return roomKey + ":mlog";
    }

    public static String roomKeyOfChannel(String channel) {
        return channel.substring(0, channel.length() - ":events".length());
    }

    /** {@code mm:player:<playerId>}: "{@code <mode> <roomId>}" of the player's room, or "pending". */
    public static String binding(String playerId) {
        return PresenceKeys.room(playerId);
    }

    /** {@code mm:invite:<code>}: "{@code <mode> <roomId>}" of a private room, expiring with the code. */
    public static String invite(String code) {
        return "mm:invite:" + code;
    }
}
