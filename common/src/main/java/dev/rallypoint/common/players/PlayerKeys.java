package dev.rallypoint.common.players;

/**
 * Redis keys of players' profiles: save-service writes them, leaderboard-service reads names from
 * them.
 * <p>
 * Players are spread over {@value #SHARDS} hash tags, {@code {p0}} to {@code {p15}}. A profile and
 * the name-index shard that lists it share one slot, so one script renames a player and moves them
 * in the index at once, on a single Redis or a Cluster; a search reads the shards and merges them.
 */
public final class PlayerKeys {

    public static final int SHARDS = 16;

    private PlayerKeys() {
    }

    /** {@code player:{p<shard>}:<playerId>}: a hash with the player's {@code name}. */
    public static String profile(String playerId) {
        return "player:" + tag(shard(playerId)) + ":" + playerId;
    }

    /** {@code players:{p<shard>}:by-name}: the name index of one shard's players. */
    public static String nameIndex(int shard) {
        return "players:" + tag(shard) + ":by-name";
    }

    public static int shard(String playerId) {
        // String.hashCode is fixed by the Java language specification: every replica agrees.
        return Math.floorMod(playerId.hashCode(), SHARDS);
    }

    private static String tag(int shard) {
        return "{p" + shard + "}";
    }
}
