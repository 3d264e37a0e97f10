-- pair: seat a player in the open room of its pool, or open a new one (first come, first served).
--
-- KEYS[1]  mm:{<mode>}:open[:<pool>]  the id of the pool's one public recruiting room
-- ARGV[1]  id for a new room        ARGV[2] playerId     ARGV[3] name
-- ARGV[4]  capacity                 ARGV[5] minReady     ARGV[6] now (epoch ms)
-- ARGV[7]  room TTL (ms)            ARGV[8] mode         ARGV[9] conn of the player's socket
-- ARGV[10] seed for a new room (see start_game in room-lib.lua)
-- ARGV[11] the pool: the properties the player asked for, canonical ("region=eu"), or empty
-- ARGV[12] the same properties as a JSON object, or empty
-- Touches mm:{<mode>}:room:<id> (+ :log, :events): same hash slot as KEYS[1]. The room id is
-- only known inside the script, which is what makes pairing one atomic step without retries.
-- Returns the room JSON as of the player's join.
--
-- Invariant: a pool has at most one public recruiting room, it is the one KEYS[1] names, and it
-- has a free seat; so no room exceeds its capacity and no two rooms of a pool with free seats
-- wait at once.

local open_key = KEYS[1]
local prefix = mode_key(open_key, 'room:')
local player_id, name = ARGV[2], ARGV[3]
local now, ttl = tonumber(ARGV[6]), tonumber(ARGV[7])

local id = redis.call('GET', open_key)
local room, key
if id then
  key = prefix .. id
  room = load_room(key)
end
if not room or room.state ~= 'recruiting' or #room.players >= room.capacity then
  id = ARGV[1]
  key = prefix .. id
  room = { id = id, mode = ARGV[8], state = 'recruiting', capacity = tonumber(ARGV[4]),
           minReady = tonumber(ARGV[5]), private = false, seq = 0, players = {}, createdAt = now,
           seed = tonumber(ARGV[10]), pool = ARGV[11],
           properties = ARGV[12] ~= '' and cjson.decode(ARGV[12]) or nil }
  redis.call('SET', open_key, id)
  count(key, nil, 'recruiting')
  list_room(key, room)
end

if find_player(room, player_id) then
  return redis.error_reply('already_in_room')
end
local player = { playerId = player_id, name = name, ready = false, connected = true, conn = ARGV[9] }
table.insert(room.players, player)
emit(key, room, player_id, { type = 'player_joined', player = public_player(player) })
local joined = snapshot(key, room)

if start_if_due(key, room, now) then
  unlist_open(key, room)
end
save_room(key, room, ttl)
return joined
