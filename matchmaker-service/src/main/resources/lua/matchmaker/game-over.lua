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
local match
if from_server then
  if winner ~= '' and not played(room, winner) then
    return redis.error_reply('invalid_winner')
  end
  match = end_game(key, room, winner ~= '' and winner or nil, 'server', now)
else
  local refusal = report(key, room, reporter, winner, tonumber(ARGV[6]))
  if refusal then
    return redis.error_reply(refusal)
  end
  match = settle(key, room, now)
end
if match then
  save_room(key, room, tonumber(ARGV[4]))
  return match
end
save_room(key, room, tonumber(ARGV[5]))
return 1
