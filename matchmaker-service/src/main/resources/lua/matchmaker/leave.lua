-- leave: a player leaves the room on purpose.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId   ARGV[2] now (ms)   ARGV[3] room TTL (ms)   ARGV[4] TTL of an ended room (ms)
-- Returns the match JSON {matchId, mode, players, winner, startedAt, endedAt} when the leave
-- ended a game (also put in mm:{<mode>}:unrecorded, see room-lib.lua), otherwise 1; error
-- not_in_room.
-- Invariant: a playing room that everyone left ends with no winner, exactly once.

local key = KEYS[1]
local room = load_room(key)
local index = seat_of(room, ARGV[1])
if not index then
  return redis.error_reply('not_in_room')
end
return leave_room(key, room, index, 'left', tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
