-- Reads one player's rank and score in one round trip.
--
-- KEYS[1] lb:{<board>}:<period>:scores  sorted set: playerId -> encoded score (see submit-score.lua)
-- ARGV[1] order: desc | asc
-- ARGV[2] playerId
--
-- Returns false when the player has no score; else {rank (0-based), encoded score}.
--
-- Invariant: rank and score are read together, so they always belong to the same submission.
local rank
if ARGV[1] == 'desc' then rank = redis.call('ZREVRANK', KEYS[1], ARGV[2]) else rank = redis.call('ZRANK', KEYS[1], ARGV[2]) end
if not rank then
  return false
end
return {rank, redis.call('ZSCORE', KEYS[1], ARGV[2])}
