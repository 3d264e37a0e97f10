-- rename: give a player a name and move their entry in the name index with it.
--
-- KEYS[1]  player:{p<shard>}:<playerId>   a hash: name, indexed (the player's member in KEYS[2])
-- KEYS[2]  players:{p<shard>}:by-name     a sorted set, all scores 0, of members
--          <folded name>\0<name>\0<playerId>, walked with ZRANGEBYLEX for search by prefix
-- ARGV[1]  the requested name, or '' to keep the stored one   ARGV[2] its index member
-- ARGV[3]  a generated name, for a player who has none yet    ARGV[4] its index member
-- Returns the player's name after the call.
-- Invariant: the index lists each named player once, under their current name. Name and index
-- change in this one script (both keys share the shard's hash tag), so neither a crash nor two
-- logins at once with different names can leave a stale entry or a missing one.

local stored = redis.call('HGET', KEYS[1], 'name')
local name, member
if ARGV[1] ~= '' then
  name, member = ARGV[1], ARGV[2]
elseif stored then
  return stored
else
  name, member = ARGV[3], ARGV[4]
end
local indexed = redis.call('HGET', KEYS[1], 'indexed')
if stored == name and indexed == member then
  return name
end
if indexed then
  redis.call('ZREM', KEYS[2], indexed)
end
redis.call('ZADD', KEYS[2], 0, member)
redis.call('HSET', KEYS[1], 'name', name, 'indexed', member)
return name
