-- party_leave: a member leaves its party, is kicked by the leader, or is given up after being
-- away too long.
--
-- KEYS[1]  mm:party:{<partyId>}
-- ARGV[1]  playerId of the member who goes   ARGV[2] reason: left | kicked | timeout
-- ARGV[3]  who asks: the member itself (left), the leader (kicked), or '' (timeout)
-- ARGV[4]  now (ms)   ARGV[5] party TTL (ms)
-- Returns {members left, the party's code}; refuses with not_in_party, or not_leader when a
-- kick does not come from the leader. A timeout of a member who came back changes nothing
-- (returns {-1, code}).
-- Invariant: a party that still has members has a leader among them (the longest-standing
-- member takes over); an empty party is deleted.
local key, player_id, reason = KEYS[1], ARGV[1], ARGV[2]
local party = load_party(key)
if not party then
  return redis.error_reply('not_in_party')
end
local index, member = find_member(party, player_id)
if not member then
  return redis.error_reply('not_in_party')
end
if reason == 'kicked' and ARGV[3] ~= party.leader then
  return redis.error_reply('not_leader')
end
if reason == 'timeout' and (member.connected or tonumber(member.awayUntil or 0) > tonumber(ARGV[4])) then
  return { -1, party.code }
end
table.remove(party.members, index)
if #party.members == 0 then
  redis.call('DEL', key)
  return { 0, party.code }
end
if party.leader == player_id then
  party.leader = party.members[1].playerId
end
emit_party(key, party, nil, { type = 'party_member_left', playerId = player_id, reason = reason, leader = party.leader })
save_party(key, party, tonumber(ARGV[5]))
return { #party.members, party.code }
