-- regroup: move a player who waits alone in a rated room to the room of its lobby nearest its
-- rating that it fits now, as its window and theirs have widened (see lobby-lib.lua).
--
-- KEYS[1]  mm:{<mode>}:room:<id>  the player's room
-- ARGV[1]  playerId   ARGV[2] now (epoch ms)   ARGV[3] room TTL (ms)
-- ARGV[4]  conn of the socket that asks: only the socket that holds the seat moves it
-- Touches the lobby and rooms of the room's pool: same hash slot as KEYS[1].
-- Returns the JSON of the room the player moved to, as of its join; 0 when the player stays.
--
-- Invariant: pair-rated.lua's. Only a player alone moves, and its room is deleted with the move,
-- so nobody is left behind in it and two lone players of a pool who fit each other do not wait
-- apart for a third to come.

local key = KEYS[1]
local now, ttl = tonumber(ARGV[2]), tonumber(ARGV[3])
local room = load_room(key)
if not room or not room.window or room.private or room.state ~= 'recruiting' or #room.players ~= 1
    or room.players[1].playerId ~= ARGV[1] or room.players[1].conn ~= ARGV[4] or not room.players[1].connected then
  return 0
end
local player = room.players[1]
local lobby = lobby_of(key, room)
local target_key, target = find_nearest(lobby, player.rating, player.rating, player.since, now, room.window.max, 1, room.id)
if not target then
  return 0
end

redis.call('ZREM', lobby, room.id)
redis.call('DEL', key, key .. ':log', key .. ':mseq', key .. ':mlog', key .. ':state', key .. ':relay')
count(key, 'recruiting', nil)
unlist_room(key, room)
return seat_group(target_key, target, { player }, now, ttl, 0)
