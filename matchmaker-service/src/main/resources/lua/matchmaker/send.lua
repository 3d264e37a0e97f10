-- send: relays a game message from a player to the others in the room.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId of the sender
-- ARGV[2]  1 when the mode lets a recruiting room relay messages too, else 0
-- ARGV[3]  the envelope's subject: the sender, then ">" and the recipients' ids when it names them
-- ARGV[4]  the message frame without its seq and closing brace, rendered by the sender's replica
-- Reads the sender's seat from the room's :relay hash (see room-lib.lua), not the room itself.
-- Numbers the message with the room's next message seq (mm:{<mode>}:room:<id>:mseq), appends it
-- to the room's message log (:mlog, capped) and publishes it on the room's channel, so that
-- every replica sees the room's messages in one order and can fill a gap from the log. The data
-- is never decoded here: what the sender's replica rendered is what the others receive.
-- Returns the message's seq; errors not_in_room, not_playing.
-- Invariant: a room's messages have consecutive seqs, in the order of their channel and log.

local MESSAGE_LOG_SIZE = 128

local key = KEYS[1]
local state = redis.call('HGET', key .. ':relay', ARGV[1])
if not state then
  -- Not a player here, or a room last saved before rooms had a relay hash.
  local room = load_room(key)
  if not room or not find_player(room, ARGV[1]) then
    return redis.error_reply('not_in_room')
  end
  state = room.state
end
if state ~= 'playing' and not (state == 'recruiting' and ARGV[2] == '1') then
  return redis.error_reply('not_playing')
end
local seq = redis.call('INCR', key .. ':mseq')
local envelope = seq .. '|' .. ARGV[3] .. '|message|' .. ARGV[4] .. ',"seq":' .. seq .. '}'
redis.call('RPUSH', key .. ':mlog', envelope)
redis.call('LTRIM', key .. ':mlog', -MESSAGE_LOG_SIZE, -1)
if seq == 1 then
  -- The message keys live as long as the room: every save of the room extends them.
  local ttl = redis.call('PTTL', key)
  redis.call('PEXPIRE', key .. ':mseq', ttl)
  redis.call('PEXPIRE', key .. ':mlog', ttl)
end
redis.call(PUBLISH, key .. ':events', envelope)
return seq
