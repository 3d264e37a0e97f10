-- ready: mark a player ready; the game starts once minReady players are.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId   ARGV[2] now (ms)   ARGV[3] room TTL (ms)
-- Returns 1, or an error: not_in_room, not_recruiting.
-- Invariant: ready is only meaningful while recruiting; a started room leaves its pool.

local key = KEYS[1]
local room = load_room(key)
local _, player = nil, nil
if room then
  _, player = find_player(room, ARGV[1])
end
if not player then
  return redis.error_reply('not_in_room')
end
if room.state ~= 'recruiting' then
  return redis.error_reply('not_recruiting')
end
if not player.ready then
  player.ready = true
  emit(key, room, nil, { type = 'player_ready', playerId = ARGV[1] })
  start_if_due(key, room, tonumber(ARGV[2]))
  update_lobby(key, room)
  save_room(key, room, tonumber(ARGV[3]))
end
return 1
