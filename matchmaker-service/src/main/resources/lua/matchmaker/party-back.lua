-- party_back: a member's new socket takes its place in the party again.
--
-- KEYS[1]  mm:party:{<partyId>}
-- ARGV[1]  playerId   ARGV[2] the new conn   ARGV[3] party TTL (ms)
-- Returns the party as its members see it (JSON); refuses with not_in_party.
-- Invariant: a member that is back is connected, holds its place with the new socket, and has no
-- grace deadline.
local key = KEYS[1]
local party, member = load_member(key, ARGV[1])
if not member then
  return redis.error_reply('not_in_party')
end
member.conn = ARGV[2]
member.awayUntil = nil
if not member.connected then
  member.connected = true
  emit_party(key, party, ARGV[1], { type = 'party_member_connection', playerId = ARGV[1], connected = true })
end
save_party(key, party, tonumber(ARGV[3]))
return cjson.encode(party_view(party))
