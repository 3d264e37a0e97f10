-- Tests glicko2.lua (concatenated before this) on one rating period, without touching any key.
--
-- ARGV[1] tau   ARGV[2..4] the player's rating, deviation, volatility
-- ARGV[5..] the games, three values each: the opponent's rating and deviation, the score
-- Returns {rating, deviation, volatility} as strings, with every digit.
local player = { rating = tonumber(ARGV[2]), deviation = tonumber(ARGV[3]), volatility = tonumber(ARGV[4]) }
local games = {}
for i = 5, #ARGV, 3 do
  games[#games + 1] = { rating = tonumber(ARGV[i]), deviation = tonumber(ARGV[i + 1]), score = tonumber(ARGV[i + 2]) }
end
local rated = glicko2(player, games, tonumber(ARGV[1]))
return { string.format('%.17g', rated.rating), string.format('%.17g', rated.deviation), string.format('%.17g', rated.volatility) }
