-- set-state: a player changes the room's shared state.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId   ARGV[2] 1 when the mode lets a recruiting room change its state, else 0
-- ARGV[3]  the version the new state was made from (room.stateVersion then, 0 for none)
-- ARGV[4]  the whole new state (a JSON object), made by the replica from the old one and the patch
-- ARGV[5]  the state frame without its seq and closing brace, rendered by the replica
-- ARGV[6]  the winner the player's state names in the mode's result field, or ''
-- ARGV[7]  now (ms)   ARGV[8] room TTL (ms)   ARGV[9] TTL of an ended room (ms)
-- ARGV[10] how long a majority's result waits for the silent players (ms)
-- Compare and set: the state is replaced, its version raised by one and a state event emitted
-- (in the room's sequence, so a joiner's room frame and the events after it never disagree) only
-- when nobody changed it since ARGV[3]. A named winner counts as the player's report of the game
-- (as game-over.lua), in the same step. The state itself is never decoded here.
-- Returns the match JSON when the report ended the game, otherwise the new version; errors
-- not_in_room, not_playing, version_mismatch, invalid_winner, already_reported.
-- Invariant: versions rise by one per change, and each change was made from the one before it.

local key = KEYS[1]
local player_id, winner = ARGV[1], ARGV[6]
local now = tonumber(ARGV[7])
local room = load_room(key)
if not room or not find_player(room, player_id) then
  return redis.error_reply('not_in_room')
end
if room.state ~= 'playing' and not (room.state == 'recruiting' and ARGV[2] == '1') then
  return redis.error_reply('not_playing')
end
local version = room.stateVersion or 0
if version ~= tonumber(ARGV[3]) then
  return redis.error_reply('version_mismatch')
end
if winner ~= '' and room.state == 'playing' then
  local refusal = report(key, room, player_id, winner, tonumber(ARGV[10]))
  if refusal then
    return redis.error_reply(refusal)
  end
end
room.stateVersion = version + 1
redis.call('SET', key .. ':state', ARGV[4])
emit_rendered(key, room, nil, 'state', ARGV[5] .. ',"version":' .. room.stateVersion)
local match = winner ~= '' and settle(key, room, now) or nil
if match then
  save_room(key, room, tonumber(ARGV[9]))
  return match
end
save_room(key, room, tonumber(ARGV[8]))
return room.stateVersion
