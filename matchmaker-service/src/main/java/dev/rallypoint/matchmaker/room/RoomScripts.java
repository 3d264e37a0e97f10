package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.redis.LuaScript;
import dev.rallypoint.common.redis.PipelinedRedis;
import dev.rallypoint.matchmaker.protocol.MatchException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

/**
 * The room scripts, those that change a room prefixed with the shared helpers of
 * {@code room-lib.lua}, and how their refusals become {@link MatchException}s.
 */
@Singleton
public class RoomScripts {

    private static final String DIR = "lua/matchmaker/";

    static final LuaScript PAIR = LuaScript.load(DIR + "room-lib.lua", DIR + "lobby-lib.lua", DIR + "pair.lua");
    static final LuaScript PAIR_RATED = LuaScript.load(DIR + "room-lib.lua", DIR + "lobby-lib.lua", DIR + "pair-rated.lua");
    static final LuaScript REGROUP = LuaScript.load(DIR + "room-lib.lua", DIR + "lobby-lib.lua", DIR + "regroup.lua");
    static final LuaScript CREATE_PRIVATE = load("create-private.lua");
    static final LuaScript JOIN_PRIVATE = load("join-private.lua");
    static final LuaScript READY = load("ready.lua");
    static final LuaScript LEAVE = load("leave.lua");
    static final LuaScript GAME_OVER = load("game-over.lua");
    static final LuaScript SETTLE_RESULT = load("settle-result.lua");
    static final LuaScript DISCONNECT = load("disconnect.lua");
    static final LuaScript RECONNECT = load("reconnect.lua");
    static final LuaScript EXPIRE_SEAT = load("expire-seat.lua");
    public static final LuaScript SEND = load("send.lua");
    public static final LuaScript SET_STATE = load("set-state.lua");
    // These two need none of room-lib's helpers, so Redis does not define them on every call.
    static final LuaScript CLAIM_UNRECORDED = LuaScript.load(DIR + "claim-unrecorded.lua");
    public static final LuaScript RELEASE = LuaScript.load(DIR + "release.lua");

    private final PipelinedRedis redis;

    RoomScripts(PipelinedRedis redis) {
        this.redis = redis;
    }

    public Uni<Response> run(LuaScript script, List<String> keys, Object... args) {
        return script.run(redis, keys, Arrays.stream(args).map(String::valueOf).toList())
                .onFailure(RoomScripts::isRefusal)
                .transform(failure -> new MatchException(failure.getMessage().trim(), describe(failure.getMessage().trim())));
    }

    /** Scripts refuse with a bare lower-case code: {@code redis.error_reply('room_full')}. */
    private static boolean isRefusal(Throwable failure) {
        String message = failure.getMessage();
        return message != null && message.trim().matches("[a-z_]+");
    }

    public static String describe(String code) {
        return switch (code) {
            case "already_in_room" -> "The player is already in a room; leave it first.";
            case "room_not_found" -> "No room has that invite code, or the code expired.";
            case "room_full" -> "The room is full.";
            case "not_recruiting" -> "The room is no longer recruiting.";
            case "not_playing" -> "The room is not playing.";
            case "version_mismatch" -> "The state has changed since that version; apply the newer state and retry.";
            case "not_in_room" -> "The player is not in that room.";
            case "invalid_winner" -> "The winner must be a player of the game.";
            case "already_reported" -> "The player already reported another winner.";
            default -> code;
        };
    }

    private static LuaScript load(String script) {
        return LuaScript.load(DIR + "room-lib.lua", DIR + script);
    }
}
