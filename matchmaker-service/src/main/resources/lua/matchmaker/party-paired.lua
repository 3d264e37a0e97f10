-- party_paired: the leader's pair seated the party; its members' replicas take their seats.
--
-- KEYS[1]  mm:party:{<partyId>}
-- ARGV[1]  the leader's playerId   ARGV[2] mode   ARGV[3] room id   ARGV[4] party TTL (ms)
-- Returns 1; 0 when the party is gone (its members' seats then wait for their reconnects).
-- Invariant: every member who was in the party when it was seated hears of its room once.
local key = KEYS[1]
local party = load_party(key)
if not party then
  return 0
end
emit_party(key, party, ARGV[1], { type = 'party_paired', mode = ARGV[2], roomId = ARGV[3] })
save_party(key, party, tonumber(ARGV[4]))
return 1
