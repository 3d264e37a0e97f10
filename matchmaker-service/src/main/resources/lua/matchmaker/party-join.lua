-- party_join: a player joins a party by its code.
--
-- KEYS[1]  mm:party:{<partyId>}
-- ARGV[1]  playerId   ARGV[2] name   ARGV[3] conn   ARGV[4] the most members a party has
-- ARGV[5]  party TTL (ms)
-- Returns the party as its members see it (JSON); refuses with party_not_found or party_full.
-- Invariant: a party never holds more than ARGV[4] members, nor a player twice.
local key = KEYS[1]
local party = load_party(key)
if not party then
  return redis.error_reply('party_not_found')
end
local _, member = find_member(party, ARGV[1])
if not member then
  if #party.members >= tonumber(ARGV[4]) then
    return redis.error_reply('party_full')
  end
  member = { playerId = ARGV[1], name = ARGV[2], conn = ARGV[3], connected = true }
  table.insert(party.members, member)
  emit_party(key, party, ARGV[1], { type = 'party_member_joined', player = public_member(member) })
end
save_party(key, party, tonumber(ARGV[5]))
return cjson.encode(party_view(party))
