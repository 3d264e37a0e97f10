-- Applies one score to one player on one board, keeping equal scores in order of arrival.
--
-- KEYS[1] lb:{<board>}:<period>:scores  sorted set: playerId -> encoded score
-- KEYS[2] lb:{<board>}:<period>:ties    hash: score -> how many times a player reached it
-- KEYS[3] lb:{<board>}:wait:<playerId>  string, present while the player must wait to submit again
-- ARGV[1] playerId
-- ARGV[2] the submitted integer score (for incr: the amount to add)
-- ARGV[3] operator: best | set | incr
-- ARGV[4] order: desc | asc
-- ARGV[5] epoch ms at which the period's keys expire, or 0 for a board that never resets
-- ARGV[6] the most one submission may change the player's score (best: improve it; set: move it)
-- ARGV[7] ms the player waits after an accepted submission before the next, or 0
--
-- Returns {score, rank (0 = first), changed (1 | 0)}.
-- Error replies, nothing written: "OUT_OF_RANGE ..." when incr would leave the allowed range;
-- "TOO_SOON <ms>" while the player must still wait that long; "IMPLAUSIBLE ..." for a change
-- past ARGV[6].
--
-- Invariant: encoded = score * 2^22 + tie with 0 <= tie < 2^22 and |score| < 2^31, so every
-- encoded value is an exact double. The tie is taken from a counter per score value, so of two
-- players with the same score the one who reached it first ranks first, on every replica.
local TIES = 4194304
local LIMIT = 2147483647
local player, submitted, operator, desc = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4] == 'desc'

if ARGV[7] ~= '0' then
  local wait = redis.call('PTTL', KEYS[3])
  if wait > 0 then
    return redis.error_reply('TOO_SOON ' .. wait)
  end
end

local stored = redis.call('ZSCORE', KEYS[1], player)
local current = stored and math.floor(tonumber(stored) / TIES)

local maxChange = tonumber(ARGV[6])
if current and operator ~= 'incr' then
  local change = submitted - current
  if operator == 'best' then
    if not desc then change = -change end
  else
    change = math.abs(change)
  end
  if change > maxChange then
    return redis.error_reply('IMPLAUSIBLE the score changes by more than ' .. ARGV[6] .. ' at once')
  end
end

local score = submitted
if operator == 'incr' then
  score = (current or 0) + submitted
elseif operator == 'best' and current then
  if (desc and submitted <= current) or (not desc and submitted >= current) then
    score = current
  end
end
if score > LIMIT or score < -LIMIT then
  return redis.error_reply('OUT_OF_RANGE the score would leave -2147483647..2147483647')
end

local changed = 0
if score ~= current then
  local arrival = redis.call('HINCRBY', KEYS[2], string.format('%d', score), 1) - 1
  if arrival > TIES - 1 then arrival = TIES - 1 end
  local tie = arrival
  if desc then tie = TIES - 1 - arrival end
  redis.call('ZADD', KEYS[1], string.format('%.0f', score * TIES + tie), player)
  if ARGV[5] ~= '0' then
    redis.call('PEXPIREAT', KEYS[1], ARGV[5])
    redis.call('PEXPIREAT', KEYS[2], ARGV[5])
  end
  changed = 1
end

if ARGV[7] ~= '0' then
  redis.call('SET', KEYS[3], '1', 'PX', ARGV[7])
end

local rank
if desc then rank = redis.call('ZREVRANK', KEYS[1], player) else rank = redis.call('ZRANK', KEYS[1], player) end
return {score, rank, changed}
