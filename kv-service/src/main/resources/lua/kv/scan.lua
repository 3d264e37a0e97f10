-- One SCAN page of the store's keys, run as a script so that a Redis Cluster sends it to the
-- node of the prefix's hash slot, where every key of the store lives (a bare SCAN would go to
-- any node).
--
-- KEYS[1]  the prefix itself: only its hash slot matters, it is never read
-- ARGV[1]  the cursor
-- ARGV[2]  the MATCH pattern: the escaped prefix, then the client's pattern
-- ARGV[3]  the COUNT hint
-- ARGV[4]  the TYPE wanted, or "" for keys of any type
--
-- Returns SCAN's reply, {next cursor, keys}. Like SCAN, it returns every key that is present
-- from the first page to the last, and changes nothing.
if ARGV[4] ~= '' then
  return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3], 'TYPE', ARGV[4])
end
return redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
