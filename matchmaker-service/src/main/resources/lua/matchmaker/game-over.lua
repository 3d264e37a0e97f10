-- game_over: a report of who won a playing game, by one of its players or a trusted game server.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  reporting playerId, or '' for a game server
-- ARGV[2]  winner playerId (one who played the game; '' for none, from a game server only)
-- ARGV[3]  now (ms)   ARGV[4] TTL of an ended room (ms)   ARGV[5] room TTL (ms)
-- ARGV[6]  how long a majority's result waits for the silent players (ms)
-- A game server's report ends the game at once (resolution server). A player's is kept in
-- room.reports, everyone gets result_reported, and the game ends when the reports decide it
-- (judge in room-lib.lua: consensus, majority or disputed).
-- Returns the match JSON when the game ended (also put in mm:{<mode>}:unrecorded, see
-- room-lib.lua), otherwise 1; or an error: not_in_room, not_playing, invalid_winner,
-- already_reported (the player named another winner before).
-- Invariant: a room ends once; a player's report never changes; no lone report of a player
-- ends a game that two or more connected players are in.

local key = KEYS[1]
local reporter, winner = ARGV[1], ARGV[2]
local now = tonumber(ARGV[3])
local room = load_room(key)
local from_server = reporter == ''
if not room or not (from_server or find_player(room, reporter)) then
  return redis.error_reply('not_in_room')
end
if room.state ~= 'playing' then
  return redis.error_reply('not_playing')
end
local played = winner == '' and from_server
for _, id in ipairs(room.roster) do
  played = played or id == winner
end
if not played then
  return redis.error_reply('invalid_winner')
end

local match
if from_server then
  match = end_game(key, room, winner ~= '' and winner or nil, 'server', now)
else
  room.reports = room.reports or {}
  local earlier = room.reports[reporter]
  if earlier then
    return earlier == winner and 1 or redis.error_reply('already_reported')
  end
  room.reports[reporter] = winner
  room.resultWindow = room.resultWindow or tonumber(ARGV[6])
  emit(key, room, nil, { type = 'result_reported', playerId = reporter, winner = winner })
  match = settle(key, room, now)
end
if match then
  save_room(key, room, tonumber(ARGV[4]))
  return match
end
save_room(key, room, tonumber(ARGV[5]))
return 1
