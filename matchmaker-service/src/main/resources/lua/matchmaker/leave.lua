-- leave: take a player out of a room (left, disconnected or timeout).
--
-- KEYS[1]  mm:{<mode>}:room:<id>     KEYS[2] mm:{<mode>}:open
-- ARGV[1]  playerId   ARGV[2] reason   ARGV[3] now (ms)   ARGV[4] room TTL (ms)
-- ARGV[5]  TTL of an ended room (ms)
-- Returns the match JSON {matchId, mode, players, winner, startedAt, endedAt} when the leave
-- ended a game (the last player left a playing room), otherwise 1; error not_in_room.
-- Invariants: an empty recruiting room is deleted and is never the open room; a playing room
-- that everyone left ends with no winner, exactly once.

local key, open_key = KEYS[1], KEYS[2]
local player_id = ARGV[1]
local now = tonumber(ARGV[3])
local room = load_room(key)
local index = nil
if room and room.state ~= 'ended' then
  index = find_player(room, player_id)
end
if not index then
  return redis.error_reply('not_in_room')
end

table.remove(room.players, index)
emit(key, room, player_id, { type = 'player_left', playerId = player_id, reason = ARGV[2] })

if room.state == 'recruiting' then
  if #room.players == 0 then
    if redis.call('GET', open_key) == room.id then
      redis.call('DEL', open_key)
    end
    redis.call('DEL', key, key .. ':log')
    count(key, 'recruiting', nil)
    return 1
  end
  -- Everyone left may now be ready.
  if start_if_due(key, room, now) and redis.call('GET', open_key) == room.id then
    redis.call('DEL', open_key)
  end
  save_room(key, room, tonumber(ARGV[4]))
  return 1
end

if #room.players == 0 then
  local ids = room.roster
  end_game(key, room, nil, 'abandoned', now)
  save_room(key, room, tonumber(ARGV[5]))
  return cjson.encode({ matchId = room.id, mode = room.mode, players = ids, winner = '',
                        startedAt = room.startedAt, endedAt = now })
end
save_room(key, room, tonumber(ARGV[4]))
return 1
