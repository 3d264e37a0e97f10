-- SET ... NX|XX ... GET in one atomic step: Redis 6.2's SET refuses NX or XX together with GET.
-- KEYS[1]  the key, kv:<key>
-- ARGV[1]  the value
-- ARGV[2]  the condition: "always", "nx" (only if absent) or "xx" (only if present)
-- ARGV[3]  the expiry: "none", "keep" (KEEPTTL) or an absolute time in ms (PXAT)
-- Returns {written (1|0), the old value or false}.
local old = redis.call('GET', KEYS[1])
if (ARGV[2] == 'nx' and old) or (ARGV[2] == 'xx' and not old) then
  return {0, old}
end
if ARGV[3] == 'none' then
  redis.call('SET', KEYS[1], ARGV[1])
elseif ARGV[3] == 'keep' then
  redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[3])
end
return {1, old}
