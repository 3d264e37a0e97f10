-- create: store a player's first document of a kind.
--
-- KEYS[1]  save:{<playerId>}:<kind>   a hash: doc (JSON text), version, public ("1"/"0"), updatedAt
-- ARGV[1]  document JSON   ARGV[2] public ("1"/"0")   ARGV[3] now (epoch ms)
-- Returns the version (1), or error exists.
-- Invariant: a document is created once; the JSON is stored as given, never decoded here
-- (Lua's cjson would turn big integers and long decimals into doubles).

if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.error_reply('exists')
end
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'version', 1, 'public', ARGV[2], 'updatedAt', ARGV[3])
return 1
