package dev.rallypoint.common.players;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Players' names, where every service reads them: in the player's profile, and in the name index
 * that save-service searches (see {@code rename.lua}). A session login names a player here, and so
 * does the first request of a studio's JWT.
 */
@ApplicationScoped
public class Profiles {

    /** Separates the parts of an index member, {@code <folded name>\0<name>\0<playerId>}. */
    public static final char SEPARATOR = '\0';
    private static final LuaScript RENAME = LuaScript.load("lua/common/rename.lua");

    private final PipelinedRedis redis;

    Profiles(PipelinedRedis redis) {
        this.redis = redis;
    }

    /**
     * Names a player and indexes the name, in one step. A null {@code requested} keeps the stored
     * name, or gives {@code generated} to a player who has none. Returns the name now stored.
     */
    public Uni<String> rename(String playerId, String requested, String generated) {
        List<String> args = List.of(requested == null ? "" : requested, requested == null ? "" : member(playerId, requested),
                generated, member(playerId, generated));
        return RENAME.run(redis, List.of(PlayerKeys.profile(playerId), PlayerKeys.nameIndex(PlayerKeys.shard(playerId))), args)
                .map(Response::toString);
    }

    private static String member(String playerId, String name) {
        return Names.fold(name) + SEPARATOR + name + SEPARATOR + playerId;
    }
}
