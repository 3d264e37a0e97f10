-- expire_seat: give up the seat of a player whose grace period ran out.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId   ARGV[2] now (ms)   ARGV[3] room TTL (ms)   ARGV[4] ended TTL (ms)
-- Returns like leave.lua (reason timeout), or 0 when there is nothing to expire (the player
-- came back, or another replica expired the seat first).
-- Invariant: a seat expires once, and never while its player is connected.

local key = KEYS[1]
local player_id = ARGV[1]
local now = tonumber(ARGV[2])
local grace_key = mode_key(key, 'grace')
local member = string.match(key, ':room:(.*)$') .. ' ' .. player_id
local deadline = redis.call('ZSCORE', grace_key, member)
if not deadline or tonumber(deadline) > now then
  return 0
end
local room = load_room(key)
local index = seat_of(room, player_id)
if not index or room.players[index].connected then
  redis.call('ZREM', grace_key, member)
  return 0
end
return leave_room(key, room, index, 'timeout', now, tonumber(ARGV[3]), tonumber(ARGV[4]))
