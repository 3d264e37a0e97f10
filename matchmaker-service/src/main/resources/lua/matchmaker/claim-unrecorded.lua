-- claim_unrecorded: take the ended games whose append to the stream matches is overdue.
--
-- KEYS[1]  mm:{<mode>}:unrecorded   match JSON of ended games not yet appended, by the time (ms)
--                                   they ended or were last claimed (see room-lib.lua)
-- ARGV[1]  now (ms)   ARGV[2] overdue after (ms)   ARGV[3] at most this many
-- Returns the claimed entries, each exactly as the script that ended the game wrote it; the
-- caller appends each, then removes it (ZREM), and a failure in between leaves it for later.
-- Invariant: an entry is claimed at most once per ARGV[2], so replicas that sweep at once
-- do not append a game twice; only a successful append takes an entry out.

local key = KEYS[1]
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', key, '-inf', now - tonumber(ARGV[2]), 'LIMIT', 0, tonumber(ARGV[3]))
for _, match in ipairs(due) do
  redis.call('ZADD', key, 'XX', now, match)
end
return due
