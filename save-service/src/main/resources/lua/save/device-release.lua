-- device-release: let go of a device mapping, but only the player's own.
--
-- KEYS[1]  device:<sha256(deviceId)>   a string: the playerId the device logs in as
-- ARGV[1]  the playerId letting go
-- Returns 1 when the mapping was deleted, 0 when it was missing or another player's.
-- Invariant: one player never deletes another's device mapping, whatever the order of calls.

if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
