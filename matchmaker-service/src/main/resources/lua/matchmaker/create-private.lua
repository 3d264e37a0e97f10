-- create_private: open a room that only its invite code can join, with the creator seated.
--
-- KEYS[1]  mm:{<mode>}:room:<id>    the new room (must not exist)
-- ARGV[1]  room id     ARGV[2] playerId    ARGV[3] name       ARGV[4] capacity
-- ARGV[5]  minReady    ARGV[6] now (ms)    ARGV[7] room TTL (ms)
-- ARGV[8]  mode        ARGV[9] invite code ARGV[10] code expiry (epoch ms)
-- ARGV[11] conn of the player's socket    ARGV[12] seed (see start_game in room-lib.lua)
-- ARGV[13] teams (1: none)
-- Returns the room JSON. Invariant: a private room is never in its pool's lobby, so pairing
-- never fills it.

local key = KEYS[1]
if redis.call('EXISTS', key) == 1 then
  return redis.error_reply('room_exists')
end
local room = { id = ARGV[1], mode = ARGV[8], state = 'recruiting', capacity = tonumber(ARGV[4]),
               minReady = tonumber(ARGV[5]), private = true, code = ARGV[9],
               codeExpiresAt = tonumber(ARGV[10]), seq = 0, players = {}, createdAt = tonumber(ARGV[6]),
               seed = tonumber(ARGV[12]), teams = tonumber(ARGV[13]) > 1 and tonumber(ARGV[13]) or nil }
count(key, nil, 'recruiting')
list_room(key, room)
local player = { playerId = ARGV[2], name = ARGV[3], ready = false, connected = true, conn = ARGV[11],
                 team = room.teams and 1 or nil }
table.insert(room.players, player)
emit(key, room, ARGV[2], { type = 'player_joined', player = public_player(player) })
save_room(key, room, tonumber(ARGV[7]))
return snapshot(key, room)
