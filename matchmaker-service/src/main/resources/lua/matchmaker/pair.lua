-- pair: seat a player, or a party's members with its leader, in the oldest recruiting room of
-- their pool with seats for all of them in one team, or in a new one (first come, first served).
--
-- KEYS[1]  mm:{<mode>}:lobby[:<pool>]  the pool's recruiting rooms with a free seat, oldest first
-- ARGV     the pair request: see pair_request in lobby-lib.lua
-- Touches rooms of the lobby (mm:{<mode>}:room:<id>, + :log, :events) and mm:{<mode>}:grace:
-- same hash slot as KEYS[1]. The room id is only known inside the script, which is what makes
-- pairing one atomic step without retries.
-- Returns the room JSON as of the join; refuses with already_in_room.
--
-- Invariant: a pool's lobby holds exactly its public rooms that recruit with a free seat, and a
-- group joins a room only with seats for all of it in one team; so no room exceeds its capacity
-- nor a team its share, a group is never split, and a player alone joins the oldest room.

local lobby = KEYS[1]
local request = pair_request()
local key, room = find_oldest(lobby, #request.group)
if not room then
  key, room = open_room(lobby, request, nil)
elseif seated_in(room, request.group) then
  return redis.error_reply('already_in_room')
end
return seat_group(key, room, request.group, request.now, request.ttl, request.grace)
