-- Pairing: the helpers of pair.lua, pair-rated.lua and regroup.lua, after room-lib.lua.
--
-- A group joins a public room together: a player alone, or a party's members with its leader
-- first. They take seats in one team (see team_for in room-lib.lua). The first of the group asked
-- and is seated connected; the others are seated away, their seats held for the grace period
-- as a dropped player's is, until the replica of each takes it back (reconnect.lua).
--
-- A rated room keeps its mode's window, room.window = {start, growth, max}: its players' ratings
-- may differ by at most start + growth * (seconds its longest-waiting player has waited), and
-- never by more than max. Each of its players keeps a rating, since, the time (ms) it began
-- waiting (its pair, kept when it moves: regroup.lua), and seatedAt, when it took this seat.

-- Rooms looked at: on each side of a rating, or the oldest of a first-come lobby. Enough for
-- the rooms that fit, and a bound on one script's work however long the lobby.
local CANDIDATES = 16

-- The request of pair.lua and pair-rated.lua, which share the first 13 arguments:
-- ARGV[1]  id for a new room    ARGV[2] the group, JSON [{playerId, name, rating?}], the asker first
-- ARGV[3]  capacity             ARGV[4] minReady    ARGV[5] teams (1: none)    ARGV[6] now (epoch ms)
-- ARGV[7]  room TTL (ms)        ARGV[8] mode        ARGV[9] conn of the asker's socket
-- ARGV[10] seed for a new room (see start_game in room-lib.lua)
-- ARGV[11] the pool (canonical properties, or empty)    ARGV[12] the properties as JSON, or empty
-- ARGV[13] grace period (ms): how long the others' seats wait for them
local function pair_request()
  local now = tonumber(ARGV[6])
  local group = cjson.decode(ARGV[2])
  for i, p in ipairs(group) do
    p.ready, p.connected, p.since = false, i == 1, now
    if i == 1 then
      p.conn = ARGV[9]
    end
  end
  return { room_id = ARGV[1], group = group, capacity = tonumber(ARGV[3]), min_ready = tonumber(ARGV[4]),
           teams = tonumber(ARGV[5]), now = now, ttl = tonumber(ARGV[7]), mode = ARGV[8], seed = tonumber(ARGV[10]),
           pool = ARGV[11], properties = ARGV[12] ~= '' and cjson.decode(ARGV[12]) or nil,
           grace = tonumber(ARGV[13]) }
end

-- A new public room for the request, listed with the mode's rooms; it joins the lobby once seated.
local function open_room(lobby, request, window)
  local key = mode_key(lobby, 'room:') .. request.room_id
  local room = { id = request.room_id, mode = request.mode, state = 'recruiting', capacity = request.capacity,
                 minReady = request.min_ready, teams = request.teams > 1 and request.teams or nil, private = false,
                 seq = 0, players = {}, createdAt = request.now, seed = request.seed, pool = request.pool,
                 properties = request.properties, window = window }
  count(key, nil, 'recruiting')
  list_room(key, room)
  return key, room
end

-- Whether any of the group already sits in the room.
local function seated_in(room, group)
  for _, p in ipairs(group) do
    if find_player(room, p.playerId) then
      return true
    end
  end
  return false
end

-- The key and room of the oldest room of a first-come lobby with seats for n players in one
-- team, or nil. Entries of rooms that no longer recruit with a free seat are dropped on the way.
local function find_oldest(lobby, n)
  local prefix = mode_key(lobby, 'room:')
  for _, id in ipairs(redis.call('ZRANGE', lobby, 0, CANDIDATES - 1)) do
    local key = prefix .. id
    local room = load_room(key)
    if not room or room.state ~= 'recruiting' or #room.players >= room.capacity then
      redis.call('ZREM', lobby, id)
    elseif team_for(room, n) then
      return key, room
    end
  end
  return nil, nil
end

local function window_at(window, since, now)
  return math.min(window.max, window.start + window.growth * math.max(0, now - since) / 1000)
end

-- Whether a group (the lowest and highest of its ratings, waiting since) fits a recruiting room
-- now: the room's ratings with the group's stay within the window of the longest waiting of them.
local function fits(room, low, high, since, now)
  local room_low, room_high, room_since = rating_span(room)
  if not room_low then
    return false
  end
  low, high, since = math.min(low, room_low), math.max(high, room_high), math.min(since, room_since)
  return high - low <= window_at(room.window, since, now)
end

-- The key and room of the lobby's room nearest the group's ratings (low..high) that the group
-- fits, with seats for its n players in one team (not the room except), or nil. A room whose
-- middle is farther than max from the group's cannot fit. Entries of rooms that no longer
-- recruit with a free seat (an expired room) are dropped on the way.
local function find_nearest(lobby, low, high, since, now, max, n, except)
  local prefix = mode_key(lobby, 'room:')
  local rating = (low + high) / 2
  local up = redis.call('ZRANGEBYSCORE', lobby, rating, rating + max, 'WITHSCORES', 'LIMIT', 0, CANDIDATES)
  local down = redis.call('ZREVRANGEBYSCORE', lobby, '(' .. rating, rating - max, 'WITHSCORES', 'LIMIT', 0, CANDIDATES)
  local i, j = 1, 1
  while i <= #up or j <= #down do
    local id
    if j > #down or (i <= #up and tonumber(up[i + 1]) - rating <= rating - tonumber(down[j + 1])) then
      id, i = up[i], i + 2
    else
      id, j = down[j], j + 2
    end
    if id ~= except then
      local key = prefix .. id
      local room = load_room(key)
      if not room or not room.window or room.state ~= 'recruiting' or #room.players >= room.capacity then
        redis.call('ZREM', lobby, id)
      elseif team_for(room, n) and fits(room, low, high, since, now) then
        return key, room
      end
    end
  end
  return nil, nil
end

-- Seats a group (players {playerId, name, ready, connected, conn?, rating?, since?}) in one team
-- of a room that has seats for it (see team_for), notes when (seatedAt), so that the window at
-- each seat's time can be checked later, and saves the room. Returns the room JSON as of the join.
local function seat_group(key, room, group, now, ttl, grace)
  local team = team_for(room, #group)
  for _, p in ipairs(group) do
    p.team = team > 0 and team or nil
    p.seatedAt = now
    table.insert(room.players, p)
    if not p.connected then
      redis.call('ZADD', mode_key(key, 'grace'), now + grace, room.id .. ' ' .. p.playerId)
    end
    emit(key, room, p.playerId, { type = 'player_joined', player = public_player(p) })
  end
  for _, p in ipairs(group) do
    if not p.connected then
      -- Taking the seat, a member gets the room as it is then and the events after its party's
      -- joins, such as the start of the game the party filled (see reconnect.lua).
      p.droppedSeq = room.seq
    end
  end
  local joined = snapshot(key, room)
  start_if_due(key, room, now)
  update_lobby(key, room)
  save_room(key, room, ttl)
  return joined
end
