-- PEXPIREAT with EXPIRE's NX/XX/GT/LT conditions, which Redis 6.2 lacks. No expiry counts as
-- infinite for GT and LT, as in Redis 7. A time in the past deletes the key (PEXPIREAT does).
-- KEYS[1]  the key, kv:<key>
-- ARGV[1]  the absolute expiry in ms
-- ARGV[2]  the condition: "always", "nx", "xx", "gt" or "lt"
-- ARGV[3]  "1" when the key must already have an expiry (XX together with GT or LT)
-- ARGV[4]  the caller's clock in ms, to turn the remaining PTTL into an absolute time
-- Returns 1 when the expiry was set, 0 when the key is missing or the condition failed.
local pttl = redis.call('PTTL', KEYS[1])
if pttl == -2 or (ARGV[3] == '1' and pttl == -1) then
  return 0
end
local when = tonumber(ARGV[1])
local condition = ARGV[2]
if condition == 'nx' and pttl ~= -1 then return 0 end
if condition == 'xx' and pttl == -1 then return 0 end
if condition == 'gt' or condition == 'lt' then
  if pttl == -1 then
    if condition == 'gt' then return 0 end
  else
    local current_at = tonumber(ARGV[4]) + pttl
    if condition == 'gt' and when <= current_at then return 0 end
    if condition == 'lt' and when >= current_at then return 0 end
  end
end
return redis.call('PEXPIREAT', KEYS[1], ARGV[1])
