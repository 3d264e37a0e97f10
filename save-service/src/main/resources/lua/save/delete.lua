-- delete: remove a document if it is still the version the caller named.
--
-- KEYS[1]  save:{<playerId>}:<kind>   (see create.lua)
-- ARGV[1]  expected version, or '' for whatever is stored
-- Returns 1, or error not_found, or error version_mismatch.
-- Invariant: a delete with a stale If-Match never removes a newer document. The version stays
-- behind (a few bytes), so the next document of this key continues the numbering.

if redis.call('HEXISTS', KEYS[1], 'doc') == 0 then
  return redis.error_reply('not_found')
end
local version = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] ~= '' and ARGV[1] ~= version then
  return redis.error_reply('version_mismatch')
end
redis.call('HDEL', KEYS[1], 'doc', 'public', 'updatedAt')
return 1
