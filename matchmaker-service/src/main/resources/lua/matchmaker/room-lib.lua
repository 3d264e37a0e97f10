-- Helpers shared by every room script; the Java side prepends this file to each one.
--
-- A room is one JSON string at mm:{<mode>}:room:<id>:
--   {id, mode, state = recruiting|playing|ended, capacity, minReady, private, code?, seq,
--    players = [{playerId, name, ready, connected}], roster?, createdAt, startedAt?, endedAt?,
--    winner?}
-- Its events are appended to mm:{<mode>}:room:<id>:log (capped) and published on
-- mm:{<mode>}:room:<id>:events as "<seq>|<subject>|<type>|<frame JSON>", so
-- that replicas route an event without parsing its JSON. The subject is the player an event is
-- about who must not get it: a joiner (whose room frame already shows the join) or a leaver.
-- Both derive from the room key, and mm:{<mode>}:stats from its prefix, so all share its hash
-- slot.

local LOG_SIZE = 64

-- mm:{<mode>}:stats counts rooms by state (recruiting, playing; ended is a running total).
local function count(key, from, to)
  local stats = string.match(key, '^(mm:{[^}]*}:)') .. 'stats'
  if from then
    redis.call('HINCRBY', stats, from, -1)
  end
  if to then
    redis.call('HINCRBY', stats, to, 1)
  end
end

local function load_room(key)
  local raw = redis.call('GET', key)
  if not raw then
    return nil
  end
  local room = cjson.decode(raw)
  room.players = room.players or {}
  return room
end

local function save_room(key, room, ttl)
  -- cjson writes an empty table as {}: an empty room has no players field rather than a wrong one.
  if #room.players == 0 then
    room.players = nil
  end
  redis.call('SET', key, cjson.encode(room), 'PX', ttl)
  redis.call('PEXPIRE', key .. ':log', ttl)
end

local function find_player(room, player_id)
  for i, p in ipairs(room.players) do
    if p.playerId == player_id then
      return i, p
    end
  end
  return nil, nil
end

-- Gives the event the room's next sequence number, then logs and publishes it: every member
-- on every replica sees the same events in the same order, and a late subscriber can catch up.
local function emit(key, room, subject, frame)
  room.seq = room.seq + 1
  frame.seq = room.seq
  frame.roomId = room.id
  local envelope = room.seq .. '|' .. (subject or '') .. '|' .. frame.type .. '|' .. cjson.encode(frame)
  redis.call('RPUSH', key .. ':log', envelope)
  redis.call('LTRIM', key .. ':log', -LOG_SIZE, -1)
  redis.call('PUBLISH', key .. ':events', envelope)
end

local function start_game(key, room, now)
  room.state = 'playing'
  room.startedAt = now
  count(key, 'recruiting', 'playing')
  local players, roster = {}, {}
  for i, p in ipairs(room.players) do
    players[i] = { playerId = p.playerId, name = p.name }
    roster[i] = p.playerId
  end
  -- Who played, for the match record, even if some leave before the end.
  room.roster = roster
  emit(key, room, nil, { type = 'game_started', players = players, bots = room.capacity - #room.players })
end

local function end_game(key, room, winner, reason, now)
  room.state = 'ended'
  room.endedAt = now
  count(key, 'playing', 'ended')
  room.winner = winner
  emit(key, room, nil, { type = 'game_ended', winner = winner or cjson.null, reason = reason })
end

local function ready_count(room)
  local count = 0
  for _, p in ipairs(room.players) do
    if p.ready then
      count = count + 1
    end
  end
  return count
end

-- A recruiting room starts when it is full, or when enough of its players are ready.
local function start_if_due(key, room, now)
  if room.state == 'recruiting' and #room.players > 0
      and (#room.players >= room.capacity or ready_count(room) >= room.minReady) then
    start_game(key, room, now)
    return true
  end
  return false
end

-- The room as sent to a player who just joined (seq tells which events it already contains).
local function snapshot(room)
  return cjson.encode(room)
end
