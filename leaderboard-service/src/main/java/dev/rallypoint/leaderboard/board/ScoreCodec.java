package dev.rallypoint.leaderboard.board;

/**
 * Reads the sorted-set value that submit-score.lua writes: {@code score * 2^22 + tie}, where the
 * tie orders players of equal score by arrival. Every such value is an exact double.
 */
public final class ScoreCodec {

    private static final long TIES = 1L << 22;

    private ScoreCodec() {
    }

    public static long score(double encoded) {
        return Math.floorDiv((long) encoded, TIES);
    }
}
