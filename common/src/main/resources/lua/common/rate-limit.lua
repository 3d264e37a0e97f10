-- rate_limit: one request against a caller's limit, the same on every instance (GCRA: the
-- generic cell rate algorithm, a token bucket kept as one timestamp).
--
-- KEYS[1]  rl:<limit>:<caller>   the theoretical arrival time (ms) of the caller's next request
-- ARGV[1]  ms one request's token takes to come back   ARGV[2] burst (requests at once)
-- Returns 0 when the request may go ahead (and counts it), otherwise the ms until it may.
-- Invariant: over any time t a caller gets at most burst + t / interval requests through; the
-- key expires once the caller's bucket is full again, so idle callers cost no memory.

local interval, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
local next_tat = tat + interval
local wait = next_tat - now - burst * interval
if wait > 0 then
  return math.ceil(wait)
end
redis.call('SET', KEYS[1], tostring(next_tat), 'PX', math.ceil(next_tat - now))
return 0
