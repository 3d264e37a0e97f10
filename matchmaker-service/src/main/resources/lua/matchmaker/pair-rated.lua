-- pair_rated: seat a player in the room of its pool's lobby nearest its rating that it fits
-- (see lobby-lib.lua), or open a new one there.
--
-- KEYS[1]  mm:{<mode>}:lobby[:<pool>]
-- ARGV[1]  id for a new room        ARGV[2] playerId     ARGV[3] name
-- ARGV[4]  capacity                 ARGV[5] minReady     ARGV[6] now (epoch ms)
-- ARGV[7]  room TTL (ms)            ARGV[8] mode         ARGV[9] conn of the player's socket
-- ARGV[10] seed for a new room (see start_game in room-lib.lua)
-- ARGV[11] the pool (canonical properties, or empty)    ARGV[12] the properties as JSON, or empty
-- ARGV[13] the player's rating      ARGV[14..16] the mode's window: start, growth per second, max
-- Touches rooms of the lobby (mm:{<mode>}:room:<id>, + :log, :events): same hash slot as KEYS[1].
-- Returns the room JSON as of the player's join.
--
-- Invariant: every room in the lobby recruits with a free seat, and a player joins a room only
-- when the room's ratings with the player's lie within the window of the longest waiting of them
-- at that moment; so a room's spread never exceeds the window at any seat's time.

local lobby = KEYS[1]
local player_id = ARGV[2]
local now, ttl, rating = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[13])
local window = { start = tonumber(ARGV[14]), growth = tonumber(ARGV[15]), max = tonumber(ARGV[16]) }

local key, room = find_room(lobby, rating, now, now, window.max, nil)
if not room then
  local id = ARGV[1]
  key = mode_key(lobby, 'room:') .. id
  room = { id = id, mode = ARGV[8], state = 'recruiting', capacity = tonumber(ARGV[4]),
           minReady = tonumber(ARGV[5]), private = false, seq = 0, players = {}, createdAt = now,
           seed = tonumber(ARGV[10]), pool = ARGV[11],
           properties = ARGV[12] ~= '' and cjson.decode(ARGV[12]) or nil, window = window }
  count(key, nil, 'recruiting')
  list_room(key, room)
elseif find_player(room, player_id) then
  return redis.error_reply('already_in_room')
end

return seat_rated(key, room, { playerId = player_id, name = ARGV[3], ready = false, connected = true,
                               conn = ARGV[9], rating = rating, since = now }, now, ttl)
