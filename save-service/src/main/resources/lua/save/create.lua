-- create: store a player's first document of a kind, or the first since a delete.
--
-- KEYS[1]  save:{<playerId>}:<kind>   a hash: doc (JSON text), version, public ("1"/"0"), updatedAt;
--          after a delete only version remains
-- ARGV[1]  document JSON   ARGV[2] public ("1"/"0")   ARGV[3] now (epoch ms)
-- Returns the new version, or error exists.
-- Invariant: a document is created once; versions never repeat for a key, even across a delete,
-- so an If-Match kept from before a delete never matches the new document. The JSON is stored as
-- given, never decoded here (Lua's cjson would turn big integers and long decimals into doubles).

if redis.call('HEXISTS', KEYS[1], 'doc') == 1 then
  return redis.error_reply('exists')
end
local next_version = (tonumber(redis.call('HGET', KEYS[1], 'version')) or 0) + 1
redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'version', next_version, 'public', ARGV[2], 'updatedAt', ARGV[3])
return next_version
