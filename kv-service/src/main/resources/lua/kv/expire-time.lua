-- PEXPIRETIME, which Redis 6.2 lacks: the key's absolute expiry in ms, from its PTTL and the
-- clock of Redis itself (TIME), in one atomic step.
-- KEYS[1]  the key, kv:<key>
-- Returns -2 when the key is missing, -1 when it has no expiry, else the expiry in ms.
local pttl = redis.call('PTTL', KEYS[1])
if pttl < 0 then
  return pttl
end
local now = redis.call('TIME')
return tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) + pttl
