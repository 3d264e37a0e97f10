package dev.rallypoint.common.players;

/**
 * Redis keys of players' ratings: leaderboard-service writes them from finished matches,
 * matchmaker-service reads them to pair players of a similar rating. The board name is the hash
 * tag, so the ratings and the board {@code rating-<mode>} share one slot.
 */
public final class RatingKeys {

    private RatingKeys() {
    }

    /** {@code rating-<mode>}: the leaderboard of a mode's ratings. */
    public static String board(String mode) {
        return "rating-" + mode;
    }

    /** {@code lb:{rating-<mode>}:players}: a hash, playerId -> JSON {rating, deviation, volatility, games}. */
    public static String players(String mode) {
        return "lb:{" + board(mode) + "}:players";
    }
}
