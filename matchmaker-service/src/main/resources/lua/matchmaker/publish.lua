-- publish: send an event that is outside the room's sequence (chat) to the room's channel.
--
-- KEYS[1]  mm:{<mode>}:room:<id>:events   the room's channel (declared as a key so that a
--          cluster runs this on the room's node)
-- ARGV[1]  the envelope, "0||<type>|<frame JSON>"
-- Returns how many subscribers got it.
-- Invariant: published exactly as the room scripts publish (PUBLISH or SPUBLISH, see
-- room-lib.lua), so every replica that follows the room receives it.

return redis.call(PUBLISH, KEYS[1], ARGV[1])
