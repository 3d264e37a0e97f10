-- Rates one finished match (glicko2.lua, concatenated before this), once per matchId however
-- often it is delivered: the match is one rating period for each of its players.
--
-- KEYS[1] lb:{rating-<mode>}:all:scores  sorted set: playerId -> encoded rounded rating (see submit-score.lua)
-- KEYS[2] lb:{rating-<mode>}:all:ties    hash: rounded rating -> how many times a player reached it
-- KEYS[3] lb:{rating-<mode>}:players     hash: playerId -> JSON {rating, deviation, volatility, games}
-- KEYS[4] lb:{rating-<mode>}:match:<matchId>  string: present once the match was rated
-- ARGV[1] who won, a JSON array of playerIds: the winner, or in a mode with teams its whole team
--         (some but not all of the players)
-- ARGV[2] tau   ARGV[3..5] a new player's rating, deviation, volatility
-- ARGV[6] how long (ms) a rated matchId is remembered
-- ARGV[7..] the match's players
--
-- Each winner beat each player who lost; each player who lost lost to each winner (and played
-- nobody else: neither teammates nor the other losers). Every update is computed from the
-- ratings as they stood before the match.
-- Returns 1 when the match was rated now, 0 when it had been rated before.
--
-- Invariant: the marker, the ratings and the board are written together, so a redelivered
-- entry never rates a match twice, and the board always shows each player's stored rating.
local TIES = 4194304
if redis.call('EXISTS', KEYS[4]) == 1 then
  return 0
end
local won, tau = {}, tonumber(ARGV[2])
for _, winner in ipairs(cjson.decode(ARGV[1])) do
  won[winner] = true
end
local function new_player()
  return { rating = tonumber(ARGV[3]), deviation = tonumber(ARGV[4]), volatility = tonumber(ARGV[5]), games = 0 }
end

-- A stored rating that cannot be read (written by hand, say) counts as a new player's, rather
-- than failing the match for every player in it.
local function stored_rating(player)
  local stored = redis.call('HGET', KEYS[3], player)
  local ok, rating = pcall(cjson.decode, stored or '')
  if not ok or type(rating) ~= 'table' or type(rating.rating) ~= 'number' or type(rating.deviation) ~= 'number'
      or type(rating.volatility) ~= 'number' then
    return new_player()
  end
  rating.games = tonumber(rating.games) or 0
  return rating
end

local players, before = {}, {}
for i = 7, #ARGV do
  players[#players + 1] = ARGV[i]
  before[ARGV[i]] = stored_rating(ARGV[i])
end

local function game(opponent, score)
  local o = before[opponent]
  return { rating = o.rating, deviation = o.deviation, score = score }
end

-- Everything is computed before anything is written: Redis keeps what a script wrote before an
-- error, and a half-rated match would stay so.
local rated = {}
for _, player in ipairs(players) do
  local games = {}
  for _, other in ipairs(players) do
    if won[player] and not won[other] then
      games[#games + 1] = game(other, 1)
    elseif won[other] and not won[player] then
      games[#games + 1] = game(other, 0)
    end
  end
  rated[player] = glicko2(before[player], games, tau)
  rated[player].games = before[player].games + 1
end

redis.call('SET', KEYS[4], '1', 'PX', ARGV[6])
for _, player in ipairs(players) do
  redis.call('HSET', KEYS[3], player, cjson.encode(rated[player]))
  local score = math.floor(rated[player].rating + 0.5)
  local arrival = redis.call('HINCRBY', KEYS[2], string.format('%d', score), 1) - 1
  if arrival > TIES - 1 then arrival = TIES - 1 end
  redis.call('ZADD', KEYS[1], string.format('%.0f', score * TIES + TIES - 1 - arrival), player)
end
return 1
