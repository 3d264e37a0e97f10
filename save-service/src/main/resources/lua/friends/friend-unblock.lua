-- friend-unblock: a player lifts its own block of another.
--
-- KEYS[1] friends:{<a>,<b>}   ARGV[1] the unblocking playerId   ARGV[2] the other playerId
-- Returns {state, mine, theirs} (see friendship-lib.lua).
-- Invariant: the other's block of this player, if any, stays.
local key, me, other = KEYS[1], ARGV[1], ARGV[2]
redis.call('HDEL', key, 'blocked:' .. me)
local result = outcome(key, me, other)
drop_if_empty(key)
return result
