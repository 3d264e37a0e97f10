#!/usr/bin/env bash
# Leaderboard benchmark: fills a board with 1,000,000 players straight into Redis, then drives
# the packaged leaderboard-service over HTTP with 64 concurrent connections (wrk): submissions,
# top-10, one player's rank, the players around one. Reads are also run on a 1,000-player board
# to compare p99, and redis-benchmark gives the bare Redis ZADD / ZRANGE floor in the same run;
# the service's own floor is a read it answers without Redis (count=0: 400, after the session check).
# Writes its table into BENCHMARKS.md under "## leaderboard-service". Takes about three minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench-lib.sh
ensure_load_tools
ROOT=$PWD
WORK=$ROOT/target/bench-leaderboard
DURATION=${BENCH_DURATION:-8s}
# Every route runs this long before anything is measured: on two cores the JIT compiler
# competes with the service for CPU, and a route measured while it still compiles shows half
# its speed.
WARMUP=${BENCH_WARMUP:-15s}
PLAYERS=${BENCH_PLAYERS:-1000000}
mkdir -p "$WORK"
rm -f "$WORK/wrk.log"
JAR=$ROOT/leaderboard-service/target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || ./mvnw -B -q -pl leaderboard-service -am package -DskipTests

start_bench_redis "$WORK/redis.log"
REDIS_PORT=$redis_port
HTTP_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
RCLI=(redis-cli -p "$REDIS_PORT")
until "${RCLI[@]}" ping >/dev/null 2>&1; do sleep 0.1; done

echo "Filling boards: $PLAYERS players on bench, 1000 on bench-small, names and 64 sessions"
python3 - "$PLAYERS" "$WORK" <<'PY' | "${RCLI[@]}" --pipe >/dev/null
import hashlib, json, random, sys
players, work = int(sys.argv[1]), sys.argv[2]
out = sys.stdout.buffer
def cmd(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(a), a))
    out.write(b"".join(parts))
TIES = 1 << 22
rnd = random.Random(7)
for board, size in (("bench", players), ("bench-small", 1000)):
    for start in range(0, size, 1000):
        args = ["ZADD", "lb:{%s}:all:scores" % board]
        for i in range(start, min(start + 1000, size)):
            # score * 2^22 + tie, as submit-score.lua writes it (tie: first arrival).
            args += [rnd.randrange(1_000_000) * TIES + TIES - 1, "p%d" % i]
        cmd(*args)
def profile(player_id):
    # PlayerKeys.profile: the shard is Java's String.hashCode of the playerId, mod 16.
    h = 0
    for c in player_id:
        h = (31 * h + ord(c)) & 0xFFFFFFFF
    return "player:{p%d}:%s" % (h & 15, player_id)
for i in range(players):
    cmd("HSET", profile("p%d" % i), "name", "Player-%d" % i)
tokens = []
for i in range(64):
    token = "bench-token-%02d-%s" % (i, hashlib.sha256(str(i).encode()).hexdigest()[:16])
    tokens.append(token)
    session = json.dumps({"playerId": "s%d" % i, "name": "Bench-%d" % i})
    cmd("SET", "session:" + hashlib.sha256(token.encode()).hexdigest(), session, "EX", 3600)
with open(work + "/tokens.lua", "w") as f:
    f.write("tokens = {" + ",".join('"%s"' % t for t in tokens) + "}\n")
PY
echo "bench: $("${RCLI[@]}" zcard 'lb:{bench}:all:scores') players, bench-small: $("${RCLI[@]}" zcard 'lb:{bench-small}:all:scores')"

# 64 players submit thousands of times a second: the per-player limit is checked on every
# submission but lets the whole load through, so the table shows what the check costs.
QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$REDIS_PORT \
  QUARKUS_REDIS_MAX_POOL_SIZE=64 RALLYPOINT_LEADERBOARD_WINS_ENABLED=false \
  RALLYPOINT_LEADERBOARD_LIMITS_SUBMISSIONS_BURST=1000000000 \
  java -jar "$JAR" >"$WORK/service.log" 2>&1 &
bench_pids+=($!)
wait_for_http "$MANAGEMENT_PORT" /q/health/ready
BASE=http://127.0.0.1:$HTTP_PORT

# One wrk script per route; every request carries one of the 64 sessions, and player routes
# ask for a random one of the board's players. Each wrk thread builds its requests up front
# (100,000, each thread its own random ones), so the load generator spends its share of the two
# cores on sending them rather than on formatting; a thread's cycle through them takes longer
# than the service's 1 s name cache, so a random player is still a player whose name is not cached.
# wrk hands a script "-- board size" as init's args.
write_script() { # name, method, path expression (Lua), body expression (Lua or nil)
  cat "$WORK/tokens.lua" - >"$WORK/$1.lua" <<LUA
board, size = "bench", 1000
local threads, requests, sent = 0, {}, 0
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end
init = function(args)
  if #args > 0 then board = args[1]; size = tonumber(args[2]) end
  math.randomseed(os.time() * 64 + thread_number)
  for i = 1, 100000 do
    local headers = { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)], ["Content-Type"] = "application/json" }
    requests[i] = wrk.format("$2", $3, headers, $4)
  end
end
request = function()
  sent = sent % #requests + 1
  return requests[sent]
end
LUA
}
write_script submit POST '"/api/leaderboard"' '"{\"leaderboard\":\"bench\",\"score\":" .. math.random(0, 2000000) .. "}"'
write_script top GET '"/api/leaderboard/" .. board .. "?count=10"' nil
write_script rank GET '"/api/leaderboard/" .. board .. "/players/p" .. math.random(0, size - 1)' nil
write_script around GET '"/api/leaderboard/" .. board .. "/around/p" .. math.random(0, size - 1) .. "?count=5"' nil
write_script no-redis GET '"/api/leaderboard/" .. board .. "?count=0"' nil

run_wrk() { # script, board, size -> "requests/s p99(ms) non-2xx"
  local rps p50 p99 errors
  read -r rps p50 p99 errors < <(wrk_row "$WORK/wrk.log" -t2 -c64 -d"$DURATION" -s "$WORK/$1.lua" "$BASE" -- "$2" "$3")
  echo "$rps $p99 $errors"
}
echo "Warming up, $WARMUP per route"
for op in submit top rank around no-redis; do
  wrk -t2 -c64 -d"$WARMUP" -s "$WORK/$op.lua" "$BASE" -- bench "$PLAYERS" >/dev/null
done

declare -A R
for op in submit top rank around; do
  echo "HTTP $op on $PLAYERS players"; R[$op-big]=$(run_wrk "$op" bench "$PLAYERS")
done
for op in top rank around; do
  echo "HTTP $op on 1000 players"; R[$op-small]=$(run_wrk "$op" bench-small 1000)
done
echo "HTTP answered without Redis"; R[no-redis]=$(run_wrk no-redis bench "$PLAYERS")

echo "redis-benchmark floor"
rb() { redis_benchmark_row -p "$REDIS_PORT" -c 64 -n 300000 -r 1000000 "$@" | awk '{print $1, $3}'; }
R[redis-zadd]=$(rb ZADD 'lb:{bench}:all:scores' __rand_int__ p__rand_int__)
R[redis-zrange]=$(rb ZRANGE 'lb:{bench}:all:scores' 0 9 REV WITHSCORES)

{
  echo "## leaderboard-service"
  echo
  echo "\`bench/leaderboard/run.sh\`, $(date -u +%Y-%m-%d), commit $(bench_commit leaderboard-service bench/leaderboard), $(nproc) cores shared by the load generator, the service and Redis;"
  echo "wrk with 64 connections for $DURATION per line against the packaged JVM service, after $WARMUP of each route to warm it up;"
  echo "boards filled directly in Redis."
  echo
  echo "| operation | board size | requests/s | p99 ms | non-2xx |"
  echo "|---|---:|---:|---:|---:|"
  for key in submit-big top-big rank-big around-big top-small rank-small around-small; do
    op=${key%-*}; size=$PLAYERS; [ "${key#*-}" = small ] && size=1000
    set -- ${R[$key]}
    printf '| HTTP %s | %s | %s | %s | %s |\n' "$op" "$size" "$1" "$2" "$3"
  done
  set -- ${R[no-redis]}; printf '| HTTP read answered without Redis (count=0: 400 after the session check) | - | %s | %s | %s |\n' "$1" "$2" "$3"
  set -- ${R[redis-zadd]}; printf '| redis-benchmark ZADD (floor) | %s | %s | %s | - |\n' "$PLAYERS" "$1" "$2"
  set -- ${R[redis-zrange]}; printf '| redis-benchmark ZRANGE 0 9 REV (floor) | %s | %s | %s | - |\n' "$PLAYERS" "$1" "$2"
  echo
  echo "Submissions run submit-score.lua (EVALSHA: read, tie counter, ZADD, rank). Each read is one script on the board's slot"
  echo "(read-page, read-entry, read-around: O(log N) in Redis), then the names not read in the last second (one HGET each, all in flight at once)"
  echo "(\`rallypoint.leaderboard.name-cache\`): the top 10 is always named from memory, random players' rank and around are not."
  echo "The read answered without Redis is the service's own ceiling on this machine: HTTP, the cached session check, routing"
  echo "and a problem+json reply, and nothing else; its non-2xx column counts those 400s."
} >"$WORK/section.md"

scripts/replace-section.sh BENCHMARKS.md "leaderboard-service" "$WORK/section.md"
cat "$WORK/section.md"
