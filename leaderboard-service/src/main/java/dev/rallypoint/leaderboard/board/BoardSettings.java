package dev.rallypoint.leaderboard.board;

/**
 * How one board ranks and keeps scores, and what it takes from a player: a score within
 * {@code min..max}, changing the player's score by at most {@code maxChange} in one submission,
 * at most one submission per {@code minIntervalMillis} (0: no wait), and only from a game server
 * when {@code submit} is {@code SERVER}.
 */
public record BoardSettings(Order order, Operator operator, Reset reset, long min, long max, long maxChange,
                            long minIntervalMillis, Submit submit) {

    /** The widest range the encoding of equal scores allows (see submit-score.lua). */
    public static final long LIMIT = (1L << 31) - 1;

    /** No bound on the change: more than any two scores can differ by. */
    public static final long ANY_CHANGE = 2 * LIMIT;

    public static final BoardSettings DEFAULT = new BoardSettings(Order.DESC, Operator.BEST, Reset.NEVER, -LIMIT, LIMIT,
            ANY_CHANGE, 0, Submit.CLIENT);

    /** {@code desc}: the highest score ranks first; {@code asc}: the lowest (e.g. a time). */
    public enum Order { DESC, ASC }

    /** {@code best}: keep the better score; {@code set}: keep the latest; {@code incr}: add to it. */
    public enum Operator { BEST, SET, INCR }

    /** {@code client}: players submit their own scores; {@code server}: only a game server (a server key) does. */
    public enum Submit { CLIENT, SERVER }

    /** When the board starts empty again, in UTC. */
    public enum Reset { NEVER, DAILY, WEEKLY, MONTHLY }

    public String orderName() {
        return order.name().toLowerCase();
    }
}
