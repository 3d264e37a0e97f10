-- party_away: a member's socket closed; it keeps its place until ARGV[3] (ms).
--
-- KEYS[1]  mm:party:{<partyId>}
-- ARGV[1]  playerId   ARGV[2] the conn that closed, or a prefix "<replicaId>/" for a dead replica
-- ARGV[3]  the end of its grace (ms)
-- ARGV[4]  party TTL (ms)
-- Returns 1 when the member is now away, 0 when another socket of it holds the place.
-- Invariant: only the socket that holds a member's place can leave it away, and only once.
local key = KEYS[1]
local party, member = load_member(key, ARGV[1])
if not member or not member.connected or string.sub(member.conn, 1, #ARGV[2]) ~= ARGV[2] then
  return 0
end
member.connected = false
member.awayUntil = tonumber(ARGV[3])
emit_party(key, party, nil, { type = 'party_member_connection', playerId = ARGV[1], connected = false })
save_party(key, party, tonumber(ARGV[4]))
return 1
