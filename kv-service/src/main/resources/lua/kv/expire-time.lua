-- PEXPIRETIME, which Redis 6.2 lacks: the key's absolute expiry in ms, from its PTTL and the
-- clock of Redis itself (TIME), in one atomic step. Redis 7 answers it itself.
-- KEYS[1]  the key, kv:<key>
-- Returns -2 when the key is missing, -1 when it has no expiry, else the expiry in ms.
--
-- Invariant: the answer is the stored expiry exactly. PTTL counts from the millisecond in which
-- it runs; TIME read on both sides of it names that millisecond when both fall in the same one,
-- and a tick between them is tried again.
if (redis.REDIS_VERSION_NUM or 0) >= 0x070000 then
  return redis.call('PEXPIRETIME', KEYS[1])
end

local function millis(time)
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- A few microseconds pass between the reads, so a second try all but never sees a tick again.
local pttl, at
for _ = 1, 100 do
  local before = millis(redis.call('TIME'))
  pttl = redis.call('PTTL', KEYS[1])
  if pttl < 0 then
    return pttl
  end
  at = millis(redis.call('TIME'))
  if before == at then
    break
  end
end
return at + pttl
