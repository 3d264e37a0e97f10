package dev.rallypoint.leaderboard.board;

/** How one board ranks and keeps scores. */
public record BoardSettings(Order order, Operator operator, Reset reset, long min, long max) {

    /** The widest range the encoding of equal scores allows (see submit-score.lua). */
    public static final long LIMIT = (1L << 31) - 1;

    public static final BoardSettings DEFAULT = new BoardSettings(Order.DESC, Operator.BEST, Reset.NEVER, -LIMIT, LIMIT);

    /** {@code desc}: the highest score ranks first; {@code asc}: the lowest (e.g. a time). */
    public enum Order { DESC, ASC }

    /** {@code best}: keep the better score; {@code set}: keep the latest; {@code incr}: add to it. */
    public enum Operator { BEST, SET, INCR }

    /** When the board starts empty again, in UTC. */
    public enum Reset { NEVER, DAILY, WEEKLY, MONTHLY }

    public String orderName() {
        return order.name().toLowerCase();
    }

    public String operatorName() {
        return operator.name().toLowerCase();
    }
}
