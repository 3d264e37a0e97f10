-- device-swap: make a device the player's only one, and say which one it replaces.
--
-- KEYS[1]  player:{p<shard>}:<playerId>   a hash; field 'device' is sha256 of the player's deviceId
-- ARGV[1]  sha256 of the new deviceId, or '' to forget the device (revocation)
-- Returns the hash it replaces, or false when the player had none.
-- Invariant: a player has at most one device; two rotations at once each get back a distinct
-- old device to release, so no mapping is left behind unseen.

local old = redis.call('HGET', KEYS[1], 'device')
if ARGV[1] == '' then
  redis.call('HDEL', KEYS[1], 'device')
else
  redis.call('HSET', KEYS[1], 'device', ARGV[1])
end
return old
