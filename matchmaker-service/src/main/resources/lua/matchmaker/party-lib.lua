-- Helpers of the party scripts; each script is concatenated after this file.
--
-- A party is one JSON string at mm:party:{<partyId>}:
--   {id, code, leader, seq, createdAt, members = [{playerId, name, conn, connected, awayUntil?}]}
-- conn is "<replicaId>/<connectionId>" of the socket the member last had; a member whose socket
-- closed is away (connected false) until awayUntil (ms), then leaves (reason timeout).
-- Events go to mm:party:{<partyId>}:events as "<seq>|<subject>|<type>|<frame JSON>": every
-- replica with a member in the party hears them. The subject is the player an event is about
-- who must not get it (a joiner, whose party frame already shows the join).

local function load_party(key)
  local raw = redis.call('GET', key)
  if not raw then
    return nil
  end
  local party = cjson.decode(raw)
  party.members = party.members or {}
  return party
end

local function save_party(key, party, ttl)
  redis.call('SET', key, cjson.encode(party), 'PX', ttl)
end

local function find_member(party, player_id)
  for i, m in ipairs(party.members) do
    if m.playerId == player_id then
      return i, m
    end
  end
  return nil, nil
end

-- The party at key and one member of it: nil for either when there is none.
local function load_member(key, player_id)
  local party = load_party(key)
  if not party then
    return nil, nil
  end
  local _, member = find_member(party, player_id)
  return party, member
end

-- A member as players see it (conn and awayUntil are the servers' business).
local function public_member(m)
  return { playerId = m.playerId, name = m.name, connected = m.connected }
end

-- The party as its members see it; seq is that of its last event, which the view shows.
local function party_view(party)
  local members = {}
  for i, m in ipairs(party.members) do
    members[i] = public_member(m)
  end
  return { id = party.id, code = party.code, leader = party.leader, seq = party.seq, members = members }
end

local function emit_party(key, party, subject, frame)
  party.seq = party.seq + 1
  frame.seq = party.seq
  frame.partyId = party.id
  redis.call('PUBLISH', key .. ':events', party.seq .. '|' .. (subject or '') .. '|' .. frame.type .. '|' .. cjson.encode(frame))
end
