-- release: free a key that names what the caller holds, unless it names something else by now.
--
-- KEYS[1]  mm:player:<playerId>  "<mode> <roomId>" of the player's room, or "pending" while a
--          join runs (see Bindings.java); mm:socket:<playerId>, "<replicaId>/<connectionId>"
--          of the player's newest socket (see OpenSockets.java); or mm:party-of:<playerId>, the
--          player's party (see Parties.java)
-- ARGV[1]  the value to free
-- Returns 1 when freed, 0 when the key holds another value (or none).
-- Invariant: a late release (a leave retried after an outage, a slow drop, a failed join, the
-- close of a socket already replaced) never frees what the player went on to hold.

if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
