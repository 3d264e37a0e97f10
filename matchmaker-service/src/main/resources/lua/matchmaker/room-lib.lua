-- Helpers shared by every room script; the Java side prepends this file to each one.
--
-- A room is one JSON string at mm:{<mode>}:room:<id>:
--   {id, mode, state = recruiting|playing|ended, capacity, minReady, private, code?, seq,
--    pool?, properties?, window?, teams?,
--    players = [{playerId, name, ready, connected, conn?, droppedSeq?, team?, rating?, since?, seatedAt?}],
--    roster?, rosterTeams?, createdAt, startedAt?, endedAt?, winner?, resolution?, reports?, resultWindow?, resultDueAt?}
-- conn is "<replicaId>/<connectionId>" of the socket that holds the seat, so that a late close
-- of an old socket cannot drop a player who already reconnected elsewhere.
-- Its game messages are numbered by :mseq and logged in :mlog (see send.lua); its shared state
-- is the JSON document at :state, whose version is room.stateVersion (see set-state.lua).
-- :relay is a hash of its players' ids to the room's state, rewritten with every save, so that
-- relaying a game message needs no decoding of the room.
-- Its events are appended to mm:{<mode>}:room:<id>:log (capped) and published on
-- mm:{<mode>}:room:<id>:events as "<seq>|<subject>|<type>|<frame JSON>", so
-- that replicas route an event without parsing its JSON. The subject is the player an event is
-- about who must not get it: a joiner (whose room frame already shows the join) or a leaver.
-- Both derive from the room key, and mm:{<mode>}:stats, :lobby, :grace and :unrecorded
-- from its prefix, so all share its hash slot. mm:{<mode>}:grace is a sorted set of "<roomId> <playerId>"
-- by the time (ms) a dropped player's seat is given up. mm:{<mode>}:unrecorded is the outbox of
-- the stream matches (another hash slot, so no script can append to it): the match JSON of each
-- ended game, by the time (ms) it ended or was last claimed by claim-unrecorded.lua, until the
-- Java side has appended it. An entry holds all the stream needs, so it outlives its room.
-- mm:{<mode>}:rooms lists the rooms that have not ended, by id and the time (ms) they were created,
-- for game servers (GET /api/rooms); a room that expired unended is dropped from it when listed.
-- mm:{<mode>}:verdicts is a sorted set of room ids by the time (ms) a majority's result stands
-- if the other players stay silent (see judge below and settle-result.lua).

local LOG_SIZE = 64

-- A key of the room's mode, e.g. mm:{duel}:stats from mm:{duel}:room:<id>: same hash slot.
local function mode_key(room_key, name)
  return string.match(room_key, '^(mm:{[^}]*}:)') .. name
end

-- mm:{<mode>}:stats counts rooms by state (recruiting, playing; ended is a running total).
local function count(key, from, to)
  local stats = mode_key(key, 'stats')
  if from then
    redis.call('HINCRBY', stats, from, -1)
  end
  if to then
    redis.call('HINCRBY', stats, to, 1)
  end
end

-- A new room is listed in mm:{<mode>}:rooms until it ends or is deleted.
local function list_room(key, room)
  redis.call('ZADD', mode_key(key, 'rooms'), room.createdAt, room.id)
end

local function unlist_room(key, room)
  redis.call('ZREM', mode_key(key, 'rooms'), room.id)
end

-- A public room recruits from one pool: its mode and the properties its players asked for
-- (room.pool, e.g. "region=eu,version=1.4"; empty for none). Each pool has a lobby,
-- mm:{<mode>}:lobby[:<pool>]: a sorted set of its recruiting rooms with a free seat, by the time
-- they were created in a mode that pairs first come (the oldest fills first), by the middle of
-- their players' ratings in one that pairs by rating (room.window is set; see lobby-lib.lua).
local function lobby_of(room_key, room)
  local key = mode_key(room_key, 'lobby')
  if room.pool and room.pool ~= '' then
    key = key .. ':' .. room.pool
  end
  return key
end

-- The lowest and highest rating of a rated room's players, and since when (ms) the one who
-- has waited longest waits; nil for a room without players.
local function rating_span(room)
  local low, high, since
  for _, p in ipairs(room.players) do
    if not low or p.rating < low then low = p.rating end
    if not high or p.rating > high then high = p.rating end
    if not since or p.since < since then since = p.since end
  end
  return low, high, since
end

-- Keeps a public room in its pool's lobby exactly while it recruits with a free seat; called
-- after every change of its players or state.
local function update_lobby(key, room)
  if room.private then
    return
  end
  local lobby = lobby_of(key, room)
  if room.state ~= 'recruiting' or #room.players == 0 or #room.players >= room.capacity then
    redis.call('ZREM', lobby, room.id)
  elseif room.window then
    local low, high = rating_span(room)
    redis.call('ZADD', lobby, (low + high) / 2, room.id)
  else
    redis.call('ZADD', lobby, room.createdAt, room.id)
  end
end

-- In a mode with teams (room.teams), the seats are split into room.teams teams of equal size
-- and each player has its p.team. The team a group of n players joining together gets: the one
-- with the most free seats (the lowest on a tie), so that players alone even the teams out; nil
-- when no team has n free seats. 0 in a room without teams that has n free seats.
local function team_for(room, n)
  if not room.teams then
    return room.capacity - #room.players >= n and 0 or nil
  end
  local size = room.capacity / room.teams
  local taken = {}
  for _, p in ipairs(room.players) do
    taken[p.team] = (taken[p.team] or 0) + 1
  end
  local best, most = nil, n - 1
  for team = 1, room.teams do
    local free = size - (taken[team] or 0)
    if free > most then
      best, most = team, free
    end
  end
  return best
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
  local relay = key .. ':relay'
  redis.call('DEL', relay)
  if room.players then
    local seats = {}
    for _, p in ipairs(room.players) do
      seats[#seats + 1] = p.playerId
      seats[#seats + 1] = room.state
    end
    redis.call('HSET', relay, unpack(seats))
    redis.call('PEXPIRE', relay, ttl)
  end
  redis.call('PEXPIRE', key .. ':log', ttl)
  redis.call('PEXPIRE', key .. ':mseq', ttl)
  redis.call('PEXPIRE', key .. ':mlog', ttl)
  redis.call('PEXPIRE', key .. ':state', ttl)
end

local function find_player(room, player_id)
  for i, p in ipairs(room.players) do
    if p.playerId == player_id then
      return i, p
    end
  end
  return nil, nil
end

-- Redis 7 has sharded pub/sub: the room's channel then lives on its slot's node, and a cluster
-- does not copy every event to every node. RoomEvents subscribes the same way, by version.
local PUBLISH = (redis.REDIS_VERSION_NUM or 0) >= 0x070000 and 'SPUBLISH' or 'PUBLISH'

-- Gives the event the room's next sequence number, then logs and publishes it: every member
-- on every replica sees the same events in the same order, and a late subscriber can catch up.
local function emit(key, room, subject, frame)
  room.seq = room.seq + 1
  frame.seq = room.seq
  frame.roomId = room.id
  local envelope = room.seq .. '|' .. (subject or '') .. '|' .. frame.type .. '|' .. cjson.encode(frame)
  redis.call('RPUSH', key .. ':log', envelope)
  redis.call('LTRIM', key .. ':log', -LOG_SIZE, -1)
  redis.call(PUBLISH, key .. ':events', envelope)
end

-- As emit, for a frame rendered by the replica and never decoded here (see send.lua): the
-- frame comes without its closing brace, and this adds seq and closes it.
local function emit_rendered(key, room, subject, type, unsequenced)
  room.seq = room.seq + 1
  local envelope = room.seq .. '|' .. (subject or '') .. '|' .. type .. '|' .. unsequenced .. ',"seq":' .. room.seq .. '}'
  redis.call('RPUSH', key .. ':log', envelope)
  redis.call('LTRIM', key .. ':log', -LOG_SIZE, -1)
  redis.call(PUBLISH, key .. ':events', envelope)
end

-- A player as clients see it (conn and droppedSeq are the servers' business).
local function public_player(p)
  return { playerId = p.playerId, name = p.name, ready = p.ready, connected = p.connected, team = p.team }
end

local function start_game(key, room, now)
  room.state = 'playing'
  room.startedAt = now
  count(key, 'recruiting', 'playing')
  local players, roster, teams = {}, {}, {}
  for i, p in ipairs(room.players) do
    players[i] = { playerId = p.playerId, name = p.name, team = p.team }
    roster[i] = p.playerId
    teams[i] = p.team
  end
  -- Who played, and in a mode with teams on which side, for the match record, even if some
  -- leave before the end.
  room.roster = roster
  room.rosterTeams = room.teams and teams or nil
  -- The seed was picked by the replica that opened the room and is shown now, so that every
  -- player's client can draw the same random game and none could know it before.
  emit(key, room, nil, { type = 'game_started', players = players, bots = room.capacity - #room.players,
                         seed = room.seed })
end

-- Ends the game and, in the same step, puts its match in the outbox: a game that ended is
-- recorded even if Redis or the replica fails before the append. resolution says how the result
-- was reached: consensus, majority, server, disputed or abandoned. Returns the match JSON
-- {matchId, mode, players, teams? (in a mode with teams: each player's team), winner ('' for
-- none), resolution, startedAt, endedAt}, the outbox entry as is.
local function end_game(key, room, winner, resolution, now)
  room.state = 'ended'
  room.endedAt = now
  count(key, 'playing', 'ended')
  unlist_room(key, room)
  room.winner = winner
  room.resolution = resolution
  if room.resultDueAt then
    room.resultDueAt = nil
    redis.call('ZREM', mode_key(key, 'verdicts'), room.id)
  end
  local reason = (resolution == 'disputed' or resolution == 'abandoned') and resolution or 'game_over'
  emit(key, room, nil, { type = 'game_ended', winner = winner or cjson.null, reason = reason, resolution = resolution })
  local match = cjson.encode({ matchId = room.id, mode = room.mode, players = room.roster, teams = room.rosterTeams,
                               winner = winner or '',
                               resolution = resolution, startedAt = room.startedAt, endedAt = now })
  redis.call('ZADD', mode_key(key, 'unrecorded'), now, match)
  return match
end

-- The result the players' reports (room.reports: playerId -> the winner it named) reach, as
-- resolution, winner; nil while there is none yet. Any two reports that differ: disputed.
-- Every connected player named the same winner: consensus. A strict majority of the connected
-- players agree: the result stands once the others stayed silent until room.resultDueAt, which
-- this sets (and clears when the majority is gone). So no lone report ends a game of two or
-- more connected players.
local function judge(key, room, now)
  local winner
  for _, named in pairs(room.reports or {}) do
    if winner == nil then
      winner = named
    elseif winner ~= named then
      return 'disputed', nil
    end
  end
  if winner == nil then
    return nil
  end
  local connected, agreed = 0, 0
  for _, p in ipairs(room.players) do
    if p.connected then
      connected = connected + 1
      if room.reports[p.playerId] then
        agreed = agreed + 1
      end
    end
  end
  if connected > 0 and agreed == connected then
    return 'consensus', winner
  end
  local verdicts = mode_key(key, 'verdicts')
  if agreed * 2 > connected then
    if not room.resultDueAt then
      room.resultDueAt = now + room.resultWindow
      redis.call('ZADD', verdicts, room.resultDueAt, room.id)
    elseif now >= room.resultDueAt then
      return 'majority', winner
    end
  elseif room.resultDueAt then
    room.resultDueAt = nil
    redis.call('ZREM', verdicts, room.id)
  end
  return nil
end

-- Ends a playing game when its reports decide it (see judge); returns the match JSON, or nil.
local function settle(key, room, now)
  if room.state ~= 'playing' or not room.reports then
    return nil
  end
  local resolution, winner = judge(key, room, now)
  if not resolution then
    return nil
  end
  return end_game(key, room, winner, resolution, now)
end

-- Whether the player is one who played the room's game, even if it left since.
local function played(room, player_id)
  for _, id in ipairs(room.roster or {}) do
    if id == player_id then
      return true
    end
  end
  return false
end

-- Records a player's report of the winner of a playing game (see judge), and tells everyone.
-- Returns nil, or the refusal: invalid_winner (not one who played), already_reported (the
-- player named another winner before). A report that repeats the player's own changes nothing.
local function report(key, room, reporter, winner, window)
  if not played(room, winner) then
    return 'invalid_winner'
  end
  room.reports = room.reports or {}
  local earlier = room.reports[reporter]
  if earlier then
    return earlier ~= winner and 'already_reported' or nil
  end
  room.reports[reporter] = winner
  room.resultWindow = room.resultWindow or window
  emit(key, room, nil, { type = 'result_reported', playerId = reporter, winner = winner })
  return nil
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

-- The room as sent to a player who just joined (seq tells which events it already contains),
-- with its shared state as gameState. The state is spliced in as stored, never decoded here:
-- cjson would turn [] into {} and round long numbers.
local function snapshot(key, room)
  local json = cjson.encode(room)
  local state = redis.call('GET', key .. ':state')
  if not state then
    return json
  end
  return string.sub(json, 1, -2) .. ',"gameState":' .. state .. '}'
end

-- Takes the player at index out of the room (reason left, disconnected or timeout). Returns the
-- match JSON when that ended a game (the last player left a playing room, or those who stay
-- all reported the same winner), otherwise 1.
-- An empty recruiting room is deleted and leaves its pool.
local function leave_room(key, room, index, reason, now, ttl, ended_ttl)
  local player_id = room.players[index].playerId
  table.remove(room.players, index)
  redis.call('ZREM', mode_key(key, 'grace'), room.id .. ' ' .. player_id)
  emit(key, room, player_id, { type = 'player_left', playerId = player_id, reason = reason })

  if room.state == 'recruiting' then
    if #room.players == 0 then
      update_lobby(key, room)
      redis.call('DEL', key, key .. ':log', key .. ':mseq', key .. ':mlog', key .. ':state', key .. ':relay')
      count(key, 'recruiting', nil)
      unlist_room(key, room)
      return 1
    end
    -- Everyone left may now be ready; a rated room that still recruits moves to its new middle.
    start_if_due(key, room, now)
    update_lobby(key, room)
    save_room(key, room, ttl)
    return 1
  end

  -- The players still seated may now all have reported the same winner.
  local match = #room.players == 0 and end_game(key, room, nil, 'abandoned', now) or settle(key, room, now)
  if match then
    save_room(key, room, ended_ttl)
    return match
  end
  save_room(key, room, ttl)
  return 1
end

-- The index of a player in a room that has not ended, or nil.
local function seat_of(room, player_id)
  if not room or room.state == 'ended' then
    return nil
  end
  return (find_player(room, player_id))
end
