-- party_create: a player opens a party and leads it.
--
-- KEYS[1]  mm:party:{<partyId>}
-- ARGV[1]  partyId   ARGV[2] invite code   ARGV[3] playerId   ARGV[4] name   ARGV[5] conn
-- ARGV[6]  now (ms)  ARGV[7] party TTL (ms)
-- Returns the party as its members see it (JSON).
-- Invariant: a party has a leader, who is one of its members.
local key = KEYS[1]
local party = { id = ARGV[1], code = ARGV[2], leader = ARGV[3], seq = 0, createdAt = tonumber(ARGV[6]),
                members = { { playerId = ARGV[3], name = ARGV[4], conn = ARGV[5], connected = true } } }
save_party(key, party, tonumber(ARGV[7]))
return cjson.encode(party_view(party))
