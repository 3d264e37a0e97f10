-- reconnect: a player's new socket takes over its seat (after a drop, or from a stale socket).
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId   ARGV[2] the new conn   ARGV[3] room TTL (ms)
-- Returns {room JSON, seq of the last event the player saw before dropping (or the room's seq)},
-- or error not_in_room.
-- Invariant: a reconnected player is connected, owns the seat, and has no grace deadline.

local key = KEYS[1]
local player_id = ARGV[1]
local room = load_room(key)
local index = seat_of(room, player_id)
if not index then
  return redis.error_reply('not_in_room')
end
local player = room.players[index]
local seen = player.droppedSeq or room.seq
player.conn = ARGV[2]
player.droppedSeq = nil
if not player.connected then
  player.connected = true
  redis.call('ZREM', mode_key(key, 'grace'), room.id .. ' ' .. player_id)
  emit(key, room, player_id, { type = 'player_connection', playerId = player_id, connected = true })
end
save_room(key, room, tonumber(ARGV[3]))
return { snapshot(key, room), seen }
