-- settle_result: a room whose majority result may stand, now that its silent window is over.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  now (ms)   ARGV[2] TTL of an ended room (ms)   ARGV[3] room TTL (ms)
-- Called for the rooms of mm:{<mode>}:verdicts whose time has come. The reports are judged again
-- (judge in room-lib.lua), as the players may have come and gone since.
-- Returns the match JSON when the game ended, otherwise 0.
-- Invariant: a room ends once, and only while its reports still decide it.

local key = KEYS[1]
local now = tonumber(ARGV[1])
local room = load_room(key)
if not room or room.state ~= 'playing' then
  redis.call('ZREM', mode_key(key, 'verdicts'), string.match(key, ':room:(.*)$'))
  return 0
end
local match = settle(key, room, now)
if match then
  save_room(key, room, tonumber(ARGV[2]))
  return match
end
save_room(key, room, tonumber(ARGV[3]))
return 0
