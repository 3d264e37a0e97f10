-- Reads one page of a board and its size in one round trip.
--
-- KEYS[1] lb:{<board>}:<period>:scores  sorted set: playerId -> encoded score (see submit-score.lua)
-- ARGV[1] order: desc | asc
-- ARGV[2] the 0-based rank of the page's first entry
-- ARGV[3] how many entries, at most
--
-- Returns {total, playerId, encoded score, playerId, encoded score, ...}.
--
-- Invariant: the size and the page come from one moment of the board, so a page never holds
-- a rank above the total it is shown with.
local first = tonumber(ARGV[2])
local last = first + tonumber(ARGV[3]) - 1
local page
if ARGV[1] == 'desc' then
  page = redis.call('ZRANGE', KEYS[1], first, last, 'REV', 'WITHSCORES')
else
  page = redis.call('ZRANGE', KEYS[1], first, last, 'WITHSCORES')
end
table.insert(page, 1, redis.call('ZCARD', KEYS[1]))
return page
