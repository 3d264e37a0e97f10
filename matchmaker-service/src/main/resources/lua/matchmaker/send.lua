-- send: relays a game message from a player to the others in the room.
--
-- KEYS[1]  mm:{<mode>}:room:<id>
-- ARGV[1]  playerId of the sender
-- ARGV[2]  1 when the mode lets a recruiting room relay messages too, else 0
-- ARGV[3]  the envelope's subject: the sender, then ">" and the recipients' ids when it names them
-- ARGV[4]  the message frame without its seq and closing brace, rendered by the sender's replica
-- Numbers the message with the room's next message seq (mm:{<mode>}:room:<id>:mseq), appends it
-- to the room's message log (:mlog, capped) and publishes it on the room's channel, so that
-- every replica sees the room's messages in one order and can fill a gap from the log. The data
-- is never decoded here: what the sender's replica rendered is what the others receive.
-- Returns the message's seq; errors not_in_room, not_playing.
-- Invariant: a room's messages have consecutive seqs, in the order of their channel and log.

local MESSAGE_LOG_SIZE = 128

local key = KEYS[1]
local room = load_room(key)
if not room or not find_player(room, ARGV[1]) then
  return redis.error_reply('not_in_room')
end
if room.state ~= 'playing' and not (room.state == 'recruiting' and ARGV[2] == '1') then
  return redis.error_reply('not_playing')
end
local seq = redis.call('INCR', key .. ':mseq')
local envelope = seq .. '|' .. ARGV[3] .. '|message|' .. ARGV[4] .. ',"seq":' .. seq .. '}'
redis.call('RPUSH', key .. ':mlog', envelope)
redis.call('LTRIM', key .. ':mlog', -MESSAGE_LOG_SIZE, -1)
-- The message keys live as long as the room: a room's scripts extend all of them.
local ttl = redis.call('PTTL', key)
redis.call('PEXPIRE', key .. ':mseq', ttl)
redis.call('PEXPIRE', key .. ':mlog', ttl)
redis.call(PUBLISH, key .. ':events', envelope)
return seq
