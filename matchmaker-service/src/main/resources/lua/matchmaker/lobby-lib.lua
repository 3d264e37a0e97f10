-- Pairing by rating: the helpers of pair-rated.lua and regroup.lua, after room-lib.lua.
--
-- A rated room keeps its mode's window, room.window = {start, growth, max}: its players' ratings
-- may differ by at most start + growth * (seconds its longest-waiting player has waited), and
-- never by more than max. Each of its players keeps a rating, since, the time (ms) it began
-- waiting (its pair, kept when it moves: regroup.lua), and seatedAt, when it took this seat. The room waits in its pool's lobby
-- (see pool_key in room-lib.lua) while it recruits with a free seat.

-- Rooms looked at on each side of a rating: enough for the nearest rooms that fit, and a bound
-- on one script's work however long the lobby.
local CANDIDATES = 16

local function window_at(window, since, now)
  return math.min(window.max, window.start + window.growth * math.max(0, now - since) / 1000)
end

-- Whether a player (its rating, waiting since) fits a recruiting room now: the room's ratings
-- with the player's stay within the window of the longest waiting of them all.
local function fits(room, rating, since, now)
  local low, high, oldest = rating_span(room)
  if not low then
    return false
  end
  low, high, oldest = math.min(low, rating), math.max(high, rating), math.min(oldest, since)
  return high - low <= window_at(room.window, oldest, now)
end

-- The key and room of the lobby's room nearest the rating that the player fits (not the room
-- except), or nil. A room whose middle is farther away than max cannot fit. Entries of rooms
-- that no longer recruit with a free seat (an expired room) are dropped on the way.
local function find_room(lobby, rating, since, now, max, except)
  local prefix = mode_key(lobby, 'room:')
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
      if not room or room.state ~= 'recruiting' or #room.players >= room.capacity then
        redis.call('ZREM', lobby, id)
      elseif fits(room, rating, since, now) then
        return key, room
      end
    end
  end
  return nil, nil
end

-- Seats a player ({playerId, name, ready, connected, conn, rating, since}) in a rated room, and
-- notes when (seatedAt), so that the window at each seat's time can be checked later; returns the
-- room JSON as of the join.
local function seat_rated(key, room, player, now, ttl)
  player.seatedAt = now
  table.insert(room.players, player)
  emit(key, room, player.playerId, { type = 'player_joined', player = public_player(player) })
  local joined = snapshot(key, room)
  if start_if_due(key, room, now) then
    unlist_open(key, room)
  else
    relist_rated(key, room)
  end
  save_room(key, room, ttl)
  return joined
end
