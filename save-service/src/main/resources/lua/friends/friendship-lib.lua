-- Helpers of the friendship scripts; each script is concatenated after this file.
--
-- A friendship is one hash, friends:{<a>,<b>} (its two playerIds in order, see FriendKeys.java):
--   state    requested | friends (absent: neither)
--   from     the playerId who asked, while requested
--   since    ms of the request, then of the acceptance
--   blocked:<playerId>  present for each player who blocked the other
-- A script returns {state, mine, theirs}: the state after it ('' for none), and whether each
-- player still has anything with the other (1 | 0), so that the caller keeps the players'
-- indexes (friends:{<playerId>}) in step.

-- The key holds nothing more: drop it, so that a friendship undone leaves no key behind.
local function drop_if_empty(key)
  if redis.call('HLEN', key) == 0 then
    redis.call('DEL', key)
  end
end

local function outcome(key, me, other)
  local state = redis.call('HGET', key, 'state') or ''
  local mine = (state ~= '' or redis.call('HEXISTS', key, 'blocked:' .. me) == 1) and 1 or 0
  local theirs = (state ~= '' or redis.call('HEXISTS', key, 'blocked:' .. other) == 1) and 1 or 0
  return { state, mine, theirs }
end
