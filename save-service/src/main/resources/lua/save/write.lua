-- write: replace a document if it is still the version the writer read (compare-and-set).
--
-- KEYS[1]  save:{<playerId>}:<kind>   (see create.lua)
-- ARGV[1]  expected version, or '' for whatever is stored
-- ARGV[2]  document JSON   ARGV[3] public ("1"/"0"), or '' to keep it   ARGV[4] now (epoch ms)
-- Returns the new version, or error not_found, or error version_mismatch.
-- Invariant: every write bumps the version by one, and a write based on an old version never
-- lands, so concurrent read-merge-writes are applied one after the other and none is lost.

if redis.call('HEXISTS', KEYS[1], 'doc') == 0 then
  return redis.error_reply('not_found')
end
local version = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] ~= '' and ARGV[1] ~= version then
  return redis.error_reply('version_mismatch')
end
local next_version = tonumber(version) + 1
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'version', next_version, 'updatedAt', ARGV[4])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[1], 'public', ARGV[3])
end
return next_version
