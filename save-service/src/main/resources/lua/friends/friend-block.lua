-- friend-block: one player blocks another: no requests and no invites either way.
--
-- KEYS[1] friends:{<a>,<b>}   ARGV[1] the blocking playerId   ARGV[2] the blocked playerId
-- Returns {state, mine, theirs} (see friendship-lib.lua).
-- Invariant: a block ends the friendship or request between the two.
local key, me, other = KEYS[1], ARGV[1], ARGV[2]
redis.call('HDEL', key, 'state', 'from', 'since')
redis.call('HSET', key, 'blocked:' .. me, '1')
return outcome(key, me, other)
