-- Reads the page of a board centred on one player, and the board's size, in one round trip.
--
-- KEYS[1] lb:{<board>}:<period>:scores  sorted set: playerId -> encoded score (see submit-score.lua)
-- ARGV[1] order: desc | asc
-- ARGV[2] playerId
-- ARGV[3] how many entries, at most
--
-- Returns false when the player has no score; else {total, first rank (0-based), playerId,
-- encoded score, ...}.
--
-- Invariant: the page holds the player and is moved inward at the top and the bottom of the
-- board, so it is full whenever the board holds at least ARGV[3] players.
local desc = ARGV[1] == 'desc'
local rank
if desc then rank = redis.call('ZREVRANK', KEYS[1], ARGV[2]) else rank = redis.call('ZRANK', KEYS[1], ARGV[2]) end
if not rank then
  return false
end
local total = redis.call('ZCARD', KEYS[1])
local count = tonumber(ARGV[3])
local first = math.max(0, math.min(rank - math.floor(count / 2), total - count))
local page
if desc then
  page = redis.call('ZRANGE', KEYS[1], first, first + count - 1, 'REV', 'WITHSCORES')
else
  page = redis.call('ZRANGE', KEYS[1], first, first + count - 1, 'WITHSCORES')
end
table.insert(page, 1, first)
table.insert(page, 1, total)
return page
