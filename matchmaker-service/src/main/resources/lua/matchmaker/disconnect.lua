-- disconnect: the socket holding a player's seat is gone (closed, or its replica died).
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId   ARGV[2] the seat's conn, or a prefix "<replicaId>/" for a dead replica
-- ARGV[3]  now (ms)   ARGV[4] grace period (ms)   ARGV[5] room TTL (ms)   ARGV[6] ended TTL (ms)
-- While recruiting, the player leaves (reason disconnected). While playing, the seat is kept
-- for the grace period: connected=false, a player_connection event, and an entry in
-- mm:{<mode>}:grace; expire-seat.lua gives it up later unless reconnect.lua came first.
-- Returns like leave.lua when the player left or the drop settled the game (see judge in
-- room-lib.lua); 2 when the seat is kept; 0 when the seat belongs
-- to another socket; error not_in_room.
-- Invariant: only the socket that holds a seat can drop it, and only once.

local key = KEYS[1]
local player_id, conn = ARGV[1], ARGV[2]
local now = tonumber(ARGV[3])
local room = load_room(key)
local index = seat_of(room, player_id)
if not index then
  return redis.error_reply('not_in_room')
end
local player = room.players[index]
if not player.connected or string.sub(player.conn or '', 1, #conn) ~= conn then
  return 0
end
if room.state == 'recruiting' then
  return leave_room(key, room, index, 'disconnected', now, tonumber(ARGV[5]), tonumber(ARGV[6]))
end

player.connected = false
player.droppedSeq = room.seq
redis.call('ZADD', mode_key(key, 'grace'), now + tonumber(ARGV[4]), room.id .. ' ' .. player_id)
emit(key, room, player_id, { type = 'player_connection', playerId = player_id, connected = false })
-- The players still connected may all have reported the same winner.
local match = settle(key, room, now)
if match then
  save_room(key, room, tonumber(ARGV[6]))
  return match
end
save_room(key, room, tonumber(ARGV[5]))
return 2
