-- release-binding: free a player's binding, unless it names another room by now.
--
-- KEYS[1]  mm:player:<playerId>   "<mode> <roomId>" of the player's room, or "pending" while a
--          join runs (see Bindings.java)
-- ARGV[1]  the binding to free: "<mode> <roomId>", or "pending"
-- Returns 1 when freed, 0 when the binding is another one (or none).
-- Invariant: a late release (a leave retried after an outage, a slow drop, a failed join) never
-- frees the binding of a room the player went on to join.

if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
