package dev.rallypoint.matchmaker.room;

import dev.rallypoint.common.redis.LuaScript;

/** The room scripts, each prefixed with the shared helpers of {@code room-lib.lua}. */
final class RoomScripts {

    private static final String DIR = "lua/matchmaker/";

    static final LuaScript PAIR = load("pair.lua");
    static final LuaScript CREATE_PRIVATE = load("create-private.lua");
    static final LuaScript JOIN_PRIVATE = load("join-private.lua");
    static final LuaScript READY = load("ready.lua");
    static final LuaScript LEAVE = load("leave.lua");
    static final LuaScript GAME_OVER = load("game-over.lua");

    private RoomScripts() {
    }

    private static LuaScript load(String script) {
        return LuaScript.load(DIR + "room-lib.lua", DIR + script);
    }
}
