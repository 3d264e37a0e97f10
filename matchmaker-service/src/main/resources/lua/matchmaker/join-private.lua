-- join_private: seat a player in a private room by its invite code.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  invite code   ARGV[2] playerId   ARGV[3] name   ARGV[4] now (ms)   ARGV[5] room TTL (ms)
-- ARGV[6]  conn of the player's socket
-- Returns the room JSON as of the join, or an error: room_not_found (no such room, wrong or
-- expired code), room_full, not_recruiting, already_in_room.
-- Invariant: a room never holds more players than its capacity, nor a team more than its share.

local key = KEYS[1]
local now = tonumber(ARGV[4])
local room = load_room(key)
if not room or not room.private or room.code ~= ARGV[1] or now > room.codeExpiresAt then
  return redis.error_reply('room_not_found')
end
if room.state ~= 'recruiting' then
  return redis.error_reply('not_recruiting')
end
if find_player(room, ARGV[2]) then
  return redis.error_reply('already_in_room')
end
local team = team_for(room, 1)
if not team then
  return redis.error_reply('room_full')
end
local player = { playerId = ARGV[2], name = ARGV[3], ready = false, connected = true, conn = ARGV[6],
                 team = team > 0 and team or nil }
table.insert(room.players, player)
emit(key, room, ARGV[2], { type = 'player_joined', player = public_player(player) })
local joined = snapshot(key, room)
start_if_due(key, room, now)
save_room(key, room, tonumber(ARGV[5]))
return joined
