-- game_over: end a playing room with a winner; the first valid report wins.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  reporting playerId   ARGV[2] winner playerId   ARGV[3] now (ms)
-- ARGV[4]  TTL of an ended room (ms)
-- Returns the match JSON {matchId, mode, players, winner, startedAt, endedAt}, also put in
-- mm:{<mode>}:unrecorded (see room-lib.lua), or an error: not_in_room, not_playing, invalid_winner.
-- Invariant: a room ends once; later reports change nothing.

local key = KEYS[1]
local now = tonumber(ARGV[3])
local room = load_room(key)
if not room or not find_player(room, ARGV[1]) then
  return redis.error_reply('not_in_room')
end
if room.state ~= 'playing' then
  return redis.error_reply('not_playing')
end
if not find_player(room, ARGV[2]) then
  return redis.error_reply('invalid_winner')
end
local match = end_game(key, room, ARGV[2], 'game_over', now)
save_room(key, room, tonumber(ARGV[4]))
return match
