-- friend-remove: ends a friendship, or withdraws or declines a request, whoever asks.
--
-- KEYS[1] friends:{<a>,<b>}   ARGV[1] the asking playerId   ARGV[2] the other playerId
-- Returns {state, mine, theirs} (see friendship-lib.lua).
-- Invariant: a block stays; only the player who made it lifts it (friend-unblock.lua).
local key, me, other = KEYS[1], ARGV[1], ARGV[2]
redis.call('HDEL', key, 'state', 'from', 'since')
local result = outcome(key, me, other)
drop_if_empty(key)
return result
