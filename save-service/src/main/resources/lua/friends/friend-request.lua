-- friend-request: one player asks another to be friends, or accepts the other's request.
--
-- KEYS[1] friends:{<a>,<b>}   (see friendship-lib.lua)
-- ARGV[1] the asking playerId   ARGV[2] the other playerId   ARGV[3] now (ms)
-- Returns {state, mine, theirs} (see friendship-lib.lua); refuses with 'blocked' when the other
-- blocked the asker, 'you_blocked' when the asker blocked the other.
--
-- Invariant: two players are friends only once both asked (the second ask is the acceptance),
-- and never while either blocks the other.
local key, me, other = KEYS[1], ARGV[1], ARGV[2]
if redis.call('HEXISTS', key, 'blocked:' .. other) == 1 then
  return redis.error_reply('blocked')
end
if redis.call('HEXISTS', key, 'blocked:' .. me) == 1 then
  return redis.error_reply('you_blocked')
end
local state = redis.call('HGET', key, 'state')
if state == 'requested' and redis.call('HGET', key, 'from') == other then
  redis.call('HSET', key, 'state', 'friends', 'since', ARGV[3])
  redis.call('HDEL', key, 'from')
elseif not state then
  redis.call('HSET', key, 'state', 'requested', 'from', me, 'since', ARGV[3])
end
return outcome(key, me, other)
