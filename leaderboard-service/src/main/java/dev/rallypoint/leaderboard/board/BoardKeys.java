package dev.rallypoint.leaderboard.board;

import java.util.List;

/**
 * Redis keys of one period of one board. The board name is the hash tag, so one script touches
 * one slot; board names cannot hold braces, so the tag is exactly the name.
 */
public record BoardKeys(String board, String period) {

    /** {@code lb:{<board>}:<period>:scores}: playerId -> encoded score. */
    public String scores() {
        return "lb:{" + board + "}:" + period + ":scores";
    }

    /** {@code lb:{<board>}:<period>:ties}: score -> how many times a player reached it. */
    public String ties() {
        return "lb:{" + board + "}:" + period + ":ties";
    }

    public List<String> both() {
        return List.of(scores(), ties());
    }

    /** {@code lb:{<board>}:wait:<playerId>}: present, with a TTL, while the player must wait to submit again. */
    public String wait(String playerId) {
        return "lb:{" + board + "}:wait:" + playerId;
    }
}
