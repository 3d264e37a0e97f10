-- Counts one finished match on the wins board, once per matchId however often it is delivered.
--
-- KEYS[1] lb:{wins}:<period>:scores   sorted set: playerId -> encoded wins (see submit-score.lua)
-- KEYS[2] lb:{wins}:<period>:ties     hash: wins -> how many times a player reached it
-- KEYS[3] lb:{wins}:match:<matchId>   string: present once the match was counted
-- ARGV[1] who won, a JSON array of playerIds: the winner, its whole team in a mode with teams,
--         or none
-- ARGV[2] epoch ms at which the period's keys expire, or 0 for a board that never resets
-- ARGV[3] how long (ms) a counted matchId is remembered
--
-- Returns 1 when the match was counted now, 0 when it had been counted before.
--
-- Invariant: the marker and the increment are written together, so a redelivered entry (a
-- crash between this script and XACK, or a claimed pending entry) never counts twice.
local TIES = 4194304
if not redis.call('SET', KEYS[3], '1', 'NX', 'PX', ARGV[3]) then
  return 0
end
local winners = cjson.decode(ARGV[1])
if #winners == 0 then
  return 1
end

for _, winner in ipairs(winners) do
  local stored = redis.call('ZSCORE', KEYS[1], winner)
  local wins = (stored and math.floor(tonumber(stored) / TIES) or 0) + 1
  local arrival = redis.call('HINCRBY', KEYS[2], string.format('%d', wins), 1) - 1
  if arrival > TIES - 1 then arrival = TIES - 1 end
  redis.call('ZADD', KEYS[1], string.format('%.0f', wins * TIES + TIES - 1 - arrival), winner)
end
if ARGV[2] ~= '0' then
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  redis.call('PEXPIREAT', KEYS[2], ARGV[2])
end
return 1
