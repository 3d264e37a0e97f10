#!/usr/bin/env bash
# Each service as a native executable against the same service on the JVM, in one run and on
# one Redis: time to ready, RSS when idle, then under the same load on one main route (kv SET,
# save load, leaderboard top 10, matchmaker pair) the throughput, p99 and peak RSS. Builds both
# first (the toolchain: scripts/graalvm.sh); REUSE_BUILDS=true measures what target/ holds.
# Writes its table into BENCHMARKS.md.  SECONDS_EACH=10 (per wrk load and paced pairing run).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench-lib.sh
source scripts/graalvm.sh
ensure_load_tools

seconds=${SECONDS_EACH:-10}
work=target/bench/native
rm -rf "$work"
mkdir -p "$work"
services=(kv-service save-service leaderboard-service matchmaker-service)

runner() { # service -> its native executable, or nothing
  find "$1/target" -maxdepth 1 -name "$1-*-runner" -print -quit 2>/dev/null
}
# Both builds of this checkout: the native executables in the default optimisation, not CI's
# quick build mode (-Ob), which trades speed for build time (about half an hour for the four
# here); then the jars, which leaves the jar as what the integration tests start.
native_build="built by this run in the default optimisation"
if [ "${REUSE_BUILDS:-false}" != true ]; then
  use_graalvm
  modules=$(IFS=,; echo "${services[*]}")
  ./mvnw -B -q -DskipTests -Dnative -pl "$modules" -am package
  ./mvnw -B -q -DskipTests -pl "$modules" -am package
fi
for service in "${services[@]}"; do
  if [ -z "$(runner "$service")" ] || [ ! -f "$service/target/quarkus-app/quarkus-run.jar" ]; then
    echo "$service lacks its jar or native executable: run without REUSE_BUILDS" >&2
    exit 1
  fi
done
[ "${REUSE_BUILDS:-false}" != true ] || native_build="as found in target/"

start_bench_redis "$work/redis.log" --maxclients 20000
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done

# 64 players with sessions, as save-service writes them, for the HTTP routes.
python3 - "$work/tokens.lua" <<'PY' | redis-cli -p "$redis_port" --pipe >/dev/null
import hashlib, json, sys
tokens = []
for i in range(64):
    token = "native-bench-%02d-%s" % (i, hashlib.sha256(str(i).encode()).hexdigest()[:16])
    tokens.append(token)
    session = json.dumps({"playerId": "n%d" % i, "name": "Native-%d" % i})
    key = "session:" + hashlib.sha256(token.encode()).hexdigest()
    for part in (b"*5\r\n", b"SET", key.encode(), session.encode(), b"EX", b"7200"):
        sys.stdout.buffer.write(part if part.startswith(b"*") else b"$%d\r\n%s\r\n" % (len(part), part))
with open(sys.argv[1], "w") as f:
    f.write("tokens = {" + ",".join('"%s"' % t for t in tokens) + "}\n")
PY
mapfile -t tokens < <(grep -o '"[^"]*"' "$work/tokens.lua" | tr -d '"')
# One GET route, each request as the next of the 64 players; the path is the script's argument.
cat "$work/tokens.lua" - >"$work/get.lua" <<'LUA'
local path
function init(args) path = args[1] end
local turn = 0
function request()
  turn = turn % #tokens + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[turn] })
end
LUA

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
peak_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
mib() { echo $(($1 / 1024)); }

# Starts one service as a jar or a native executable and waits until it is ready: sets pid,
# http_port, management_port, resp_port, ready_ms (from exec to a 200 on /q/health/ready).
start_service() { # mode service
  local mode=$1 service=$2 launch app health begin
  http_port=$(free_port) management_port=$(free_port) resp_port=$(free_port)
  health=$management_port
  [ "$service" = kv-service ] && health=$http_port
  if [ "$mode" = native ]; then
    launch=("$(runner "$service")")
    app=()
  else
    launch=(java)
    app=(-jar "$service/target/quarkus-app/quarkus-run.jar")
  fi
  begin=$(date +%s%N)
  "${launch[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http_port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" -Dquarkus.redis.max-pool-size=64 \
    -Dkv.resp.port="$resp_port" -Dkv.line.port="$(free_port)" -Dkv.aof.dir="$work/kv-data-$mode" \
    -Drallypoint.leaderboard.limits.submissions-burst=1000000000 -Drallypoint.leaderboard.wins.enabled=false \
    "${app[@]}" >"$work/$service-$mode.log" 2>&1 &
  pid=$!
  bench_pids+=("$pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$health/q/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$service ($mode) exited; see $work/$service-$mode.log" >&2; exit 1; }
    sleep 0.01
  done
  ready_ms=$((($(date +%s%N) - begin) / 1000000))
}

stop_service() {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

# The load of one service's main route, after a warm-up of the same: prints "per-second p99-ms".
load() { # service
  local base=http://127.0.0.1:$http_port rps p50 p99 errors
  case $1 in
    kv-service)
      redis-benchmark -p "$resp_port" -c 50 -n 100000 -r 100000 -t set -q >/dev/null
      read -r rps p50 p99 < <(redis_benchmark_row -p "$resp_port" -c 50 -n 400000 -r 100000 -t set)
      ;;
    save-service)
      # Each player's save, made by whichever build runs first (409: it exists).
      local status
      for token in "${tokens[@]}"; do
        status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/playerstate" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' -d '{"level":12,"xp":48213,"position":{"x":113.25,"y":-7.5},"inventory":["sword","shield","potion"]}')
        [[ $status == 201 || $status == 409 ]] || { echo "creating a save answered $status" >&2; exit 1; }
      done
      wrk -t2 -c64 -d"${seconds}s" -s "$work/get.lua" "$base" -- /api/playerstate >/dev/null
      read -r rps p50 p99 errors < <(wrk_row "$work/wrk.log" -t2 -c64 -d"${seconds}s" -s "$work/get.lua" "$base" -- /api/playerstate)
      ;;
    leaderboard-service)
      local i=0
      for token in "${tokens[@]}"; do
        i=$((i + 1))
        curl -sSf -o /dev/null -X POST "$base/api/leaderboard" -H "Authorization: Bearer $token" \
          -H 'Content-Type: application/json' -d "{\"leaderboard\":\"native-bench\",\"score\":$((i * 37 % 1000))}"
      done
      wrk -t2 -c64 -d"${seconds}s" -s "$work/get.lua" "$base" -- "/api/leaderboard/native-bench?count=10" >/dev/null
      read -r rps p50 p99 errors < <(wrk_row "$work/wrk.log" -t2 -c64 -d"${seconds}s" -s "$work/get.lua" "$base" -- "/api/leaderboard/native-bench?count=10")
      ;;
    matchmaker-service)
      java -XX:+UseParallelGC -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/MatchLoad.java \
        "$http_port" "$redis_port" "$pid" 2000 500 "$seconds" "$work/match-table.md" >>"$work/match-load.log"
      rps=$(awk -F'|' '/players paired per second/ { gsub(/[^0-9]/, "", $3); print $3 }' "$work/match-table.md")
      p99=$(awk -F'|' '/pair -> room at/ { split($3, v, "/"); gsub(/[^0-9.]/, "", v[2]); print v[2] }' "$work/match-table.md")
      ;;
  esac
  [ "${errors:-0}" = 0 ] || { echo "$1: $errors answers were not 2xx; see $work/wrk.log" >&2; exit 1; }
  echo "$rps $p99"
}

declare -A route=(
  [kv-service]="SET, 50 clients (redis-benchmark, 400,000 requests)"
  [save-service]="load a save (GET), 64 connections (wrk)"
  [leaderboard-service]="top 10 (GET), 64 connections (wrk)"
  [matchmaker-service]="pair (MatchLoad, 2,000 players): players paired per second all at once / p99 pair -> room at 500 players/s for ${seconds} s"
)
rows=$(mktemp)
for service in "${services[@]}"; do
  for mode in jvm native; do
    echo "$service ($mode)"
    start_service "$mode" "$service"
    # Idle: what it holds once the start's garbage has had a moment to go.
    sleep 2
    started_in=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$work/$service-$mode.log" | head -n 1)
    idle=$(rss_kib "$pid")
    load "$service" >"$work/row"
    read -r rps p99 <"$work/row"
    peak=$(peak_kib "$pid")
    stop_service
    printf '| %s | %s | %s ms (%s s) | %s MiB | %s | %s ms | %s MiB |\n' "$service" "$mode" "$ready_ms" "$started_in" \
      "$(mib "$idle")" "$rps" "$p99" "$(mib "$peak")" >>"$rows"
  done
done

section=$(mktemp)
{
  echo "## native against JVM"
  echo
  echo "\`bench/native/run.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d), commit $(bench_commit "${services[@]}" bench/native bench/matchmaker): each service as a"
  echo "native executable (native-image for Java 25, $native_build, serial GC) and as the jar on JDK $(java_major "$JAVA_HOME") (the JVM's defaults, as the images run),"
  echo "one after the other on one embedded Redis, with the load generator on the same machine. Time to"
  echo "ready runs from the exec to the first 200 on \`/q/health/ready\` (Quarkus's own \"started in\" in brackets);"
  echo "RSS idle is read 2 s after ready; peak RSS is the process's high-water mark after the load."
  echo "Each load follows a warm-up of the same; a wrk load runs ${seconds} s. Routes:"
  for service in "${services[@]}"; do
    echo "- $service: ${route[$service]}"
  done
  echo
  echo "| service | build | time to ready | RSS idle | per second | p99 | peak RSS |"
  echo "|---|---|---:|---:|---:|---:|---:|"
  cat "$rows"
} >"$section"
scripts/replace-section.sh BENCHMARKS.md "native against JVM" "$section"
cat "$section"
rm -f "$section" "$rows"
