-- pair_rated: seat a player, or a party's members with its leader, in the room of their pool's
-- lobby nearest their ratings that they fit with seats for all of them in one team (see
-- lobby-lib.lua), or in a new one.
--
-- KEYS[1]  mm:{<mode>}:lobby[:<pool>]  the pool's recruiting rooms with a free seat, by middle rating
-- ARGV[1..13] the pair request (see pair_request in lobby-lib.lua); each of the group has its rating
-- ARGV[14..16] the mode's window: start, growth per second, max
-- Touches rooms of the lobby (mm:{<mode>}:room:<id>, + :log, :events) and mm:{<mode>}:grace:
-- same hash slot as KEYS[1].
-- Returns the room JSON as of the join; refuses with already_in_room.
--
-- Invariant: every room in the lobby recruits with a free seat, and a group joins a room only
-- when the room's ratings with the group's lie within the window of the longest waiting of them
-- at that moment; so a room's spread never exceeds the window at any seat's time, except that
-- of a party that opened it, which pairs as one.

local lobby = KEYS[1]
local request = pair_request()
local window = { start = tonumber(ARGV[14]), growth = tonumber(ARGV[15]), max = tonumber(ARGV[16]) }
local low, high
for _, p in ipairs(request.group) do
  low, high = math.min(low or p.rating, p.rating), math.max(high or p.rating, p.rating)
end

local key, room = find_nearest(lobby, low, high, request.now, request.now, window.max, #request.group, nil)
if not room then
  key, room = open_room(lobby, request, window)
elseif seated_in(room, request.group) then
  return redis.error_reply('already_in_room')
end
return seat_group(key, room, request.group, request.now, request.ttl, request.grace)
