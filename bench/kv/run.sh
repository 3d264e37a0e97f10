#!/usr/bin/env bash
# Benchmarks kv-service against redis-server in the same run with redis-benchmark (50 clients;
# SET, GET, INCR, MSET, HSET, HGET; without and with -P 16) and writes the tables into BENCHMARKS.md under
# "## kv-service": first both without persistence, then with durability (kv-service's
# append-only file with everysec and always beside redis-server with appendonly yes and the same
# appendfsync, and kv-service's redis store on that redis-server). All servers listen on free
# loopback ports and are stopped on exit.
#
#   bench/kv/run.sh            # builds kv-service first if it is not packaged yet
#   KV_BENCH_REQUESTS=100000 bench/kv/run.sh   # requests per unpipelined row (x5 with -P 16)
#   KV_BENCH_ROUNDS=3 bench/kv/run.sh          # measurements per row and server (the median is kept)
#
# On a small shared machine one run of a row swings by 10-20% from the next, more than the gap
# between the servers. So every row is measured in rounds, the servers taking turns within each
# round, and the table shows each server's median run (its req/s, p50 and p99) and the range.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
requests=${KV_BENCH_REQUESTS:-200000}
rounds=${KV_BENCH_ROUNDS:-5}
clients=50
keyspace=100000
jar=kv-service/target/quarkus-app/quarkus-run.jar

if ! command -v redis-benchmark >/dev/null || ! command -v redis-server >/dev/null; then
  echo "Installing redis-tools and redis-server (Debian packages)"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-tools redis-server >/dev/null
fi

source scripts/use-jdk21.sh
source scripts/embedded-redis.sh
source scripts/bench-commit.sh
use_jdk21
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -pl kv-service -am package -DskipTests
fi

kv_port=$(free_port); line_port=$(free_port); http_port=$(free_port); redis_port=$(free_port)
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

java -Dkv.resp.port="$kv_port" -Dkv.line.port="$line_port" -Dquarkus.http.port="$http_port" \
  -Dkv.aof.enabled=false -jar "$jar" >"$work/kv.log" 2>&1 &
pids+=($!)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  >"$work/redis.log" 2>&1 &
pids+=($!)

for port in "$kv_port" "$redis_port"; do
  for _ in $(seq 100); do
    [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] && break
    sleep 0.2
  done
  [ "$(redis-cli -p "$port" ping 2>/dev/null)" = PONG ] || { echo "server on $port did not start"; cat "$work"/*.log; exit 1; }
done

# The JVM compiles its hot paths in the first seconds: warm kv-service up before measuring. A
# profile after one run of single requests still showed the compiler busy, so they get three.
redis-benchmark -p "$kv_port" -c "$clients" -n "$((requests * 2))" -r "$keyspace" -P 16 -t set,get,incr,mset,hset -q >/dev/null
redis-benchmark -p "$kv_port" -c "$clients" -n "$((requests * 3))" -r "$keyspace" -t set,get,incr,mset,hset -q >/dev/null

# One run: "rps,p50,p99" from redis-benchmark's CSV ("test","rps","avg","min","p50","p95","p99","max").
# HGET is no built-in test of redis-benchmark: it reads the fields its hset test wrote.
run_once() { # port test pipeline requests
  local n=$4 what=(-t "$2")
  [ "$3" -gt 1 ] && n=$((n * 5))
  [ "$2" = hget ] && what=(HGET myhash 'element:__rand_int__')
  redis-benchmark -p "$1" -c "$clients" -n "$n" -r "$keyspace" -P "$3" --csv "${what[@]}" | tail -n 1 | tr -d '"' \
    | awk -F, '{ print $2 "," $5 "," $7 }'
}

# Measures one row on every given port, $rounds times, the ports taking turns (the order
# reversed every other round, so a drift of the machine favours none). Prints one line per
# port: "median-rps p50 p99 min-rps max-rps", p50 and p99 of the median run.
measure_row() { # test pipeline requests port...
  local test=$1 pipeline=$2 n=$3
  shift 3
  local ports=("$@") round port
  declare -A runs=()
  for ((round = 0; round < rounds; round++)); do
    local order=("${ports[@]}")
    if ((round % 2)); then
      order=()
      for ((i = ${#ports[@]} - 1; i >= 0; i--)); do order+=("${ports[i]}"); done
    fi
    for port in "${order[@]}"; do
      runs[$port]+="$(run_once "$port" "$test" "$pipeline" "$n")"$'\n'
    done
  done
  for port in "${ports[@]}"; do
    printf '%s' "${runs[$port]}" | sort -t, -k1,1g | awk -F, '
      { rps[NR] = $1; p50[NR] = $2; p99[NR] = $3 }
      END { m = int((NR + 1) / 2); printf "%.0f %s %s %.0f %.0f\n", rps[m], p50[m], p99[m], rps[1], rps[NR] }'
  done
}

ratio() { awk -v k="$1" -v r="$2" 'BEGIN { printf "%.2f", k / r }'; }

rows=""
for pipeline in 1 16; do
  for test in set get incr mset hset hget; do
    { read -r k_rps k_p50 k_p99 k_min k_max; read -r r_rps r_p50 r_p99 r_min r_max; } \
      < <(measure_row "$test" "$pipeline" "$requests" "$kv_port" "$redis_port")
    name=$(echo "$test" | tr a-z A-Z)
    [ "$test" = mset ] && name="MSET (10 keys)"
    row="| $name | $pipeline | $k_rps | $k_min–$k_max | $k_p50 | $k_p99 | $r_rps | $r_min–$r_max | $r_p50 | $r_p99 | $(ratio "$k_rps" "$r_rps") |"
    echo "$row"
    rows+="$row"$'\n'
  done
done

await_pong() { # port log
  for _ in $(seq 100); do
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return
    sleep 0.2
  done
  echo "server on $1 did not start"; cat "$2"; exit 1
}

# Durability: the same requests against servers that persist. One pair of servers at a time, so
# the fsyncs of one do not slow the other; each pair is stopped before the next starts.
durable_requests=$((requests / 2))
durable_rows=""
for fsync in everysec always; do
  mkdir -p "$work/redis-$fsync" "$work/kv-$fsync"
  d_redis_port=$(free_port)
  redis-server --port "$d_redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync "$fsync" \
    --dir "$work/redis-$fsync" >"$work/redis-$fsync.log" 2>&1 &
  d_redis_pid=$!
  pids+=($d_redis_pid)
  d_kv_port=$(free_port)
  java -Dkv.resp.port="$d_kv_port" -Dkv.line.port=0 -Dquarkus.http.port=0 -Dkv.aof.fsync="$fsync" \
    -Dkv.aof.dir="$work/kv-$fsync" -jar "$jar" >"$work/kv-$fsync.log" 2>&1 &
  d_kv_pid=$!
  pids+=($d_kv_pid)
  # The redis store, on the redis-server of this row: its durability is that Redis's.
  d_store_port=$(free_port)
  java -Dkv.resp.port="$d_store_port" -Dkv.line.port=0 -Dquarkus.http.port=0 -Dkv.store=redis \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$d_redis_port" -jar "$jar" >"$work/kv-redis-$fsync.log" 2>&1 &
  d_store_pid=$!
  pids+=($d_store_pid)
  await_pong "$d_redis_port" "$work/redis-$fsync.log"
  await_pong "$d_kv_port" "$work/kv-$fsync.log"
  await_pong "$d_store_port" "$work/kv-redis-$fsync.log"
  for port in "$d_kv_port" "$d_store_port"; do
    redis-benchmark -p "$port" -c "$clients" -n "$durable_requests" -r "$keyspace" -P 16 -t set,incr -q >/dev/null
    redis-benchmark -p "$port" -c "$clients" -n "$durable_requests" -r "$keyspace" -t set,incr -q >/dev/null
  done
  for pipeline in 1 16; do
    for test in set incr; do
      { read -r r_rps r_p50 r_p99 r_min r_max; read -r k_rps k_p50 k_p99 k_min k_max; read -r s_rps s_p50 s_p99 s_min s_max; } \
        < <(measure_row "$test" "$pipeline" "$durable_requests" "$d_redis_port" "$d_kv_port" "$d_store_port")
      name=$(echo "$test" | tr a-z A-Z)
      for row in \
        "| $name | $pipeline | redis-server appendonly yes, appendfsync $fsync | $r_rps | $r_min–$r_max | $r_p50 | $r_p99 | 1.00 |" \
        "| $name | $pipeline | kv-service memory store, kv.aof.fsync=$fsync | $k_rps | $k_min–$k_max | $k_p50 | $k_p99 | $(ratio "$k_rps" "$r_rps") |" \
        "| $name | $pipeline | kv-service redis store on that redis-server | $s_rps | $s_min–$s_max | $s_p50 | $s_p99 | $(ratio "$s_rps" "$r_rps") |"; do
        echo "$row"
        durable_rows+="$row"$'\n'
      done
    done
  done
  kill "$d_redis_pid" "$d_kv_pid" "$d_store_pid" 2>/dev/null || true
  wait "$d_redis_pid" "$d_kv_pid" "$d_store_pid" 2>/dev/null || true
done

section="## kv-service

\`bench/kv/run.sh\`, $(date -u +%Y-%m-%d), commit $(bench_commit kv-service bench/kv), $(nproc) cores shared by the benchmark client and both
servers, $(redis-server --version | awk '{print $3}' | tr -d 'v=') as the reference, $(java -version 2>&1 | head -n 1).
redis-benchmark: $clients clients, random keys from a keyspace of $keyspace, $requests requests per
run ($((requests * 5)) with \`-P 16\`), kv-service warmed up first. HSET and HGET work on one hash,
its fields drawn from the same keyspace (redis-benchmark's hset test, then \`HGET myhash element:__rand_int__\`). Each row is $rounds runs per server, the
servers taking turns; req/s, p50 and p99 are each server's median run, the range its slowest and
fastest run. Latencies in ms.

Without persistence (kv-service with \`kv.aof.enabled=false\`, redis-server with \`appendonly no\`):

| command | pipeline | kv-service req/s | range | p50 | p99 | redis-server req/s | range | p50 | p99 | ratio |
|---|---|---|---|---|---|---|---|---|---|---|
$rows
With durability: $durable_requests requests per run ($((durable_requests * 5)) with \`-P 16\`), the three
servers of one policy running together, one policy at a time; ratio: req/s against the
redis-server row of the same policy.

| command | pipeline | server | req/s | range | p50 | p99 | ratio |
|---|---|---|---|---|---|---|---|
$durable_rows"

[ -s BENCHMARKS.md ] || printf '# Benchmarks\n' >BENCHMARKS.md
# Replace this section (up to the next "## " heading) or append it.
awk -v section="$section" '
  /^## kv-service$/ { print section; skip = 1; done = 1; next }
  skip && /^## / { skip = 0 }
  !skip { print }
  END { if (!done) print "\n" section }
' BENCHMARKS.md >"$work/BENCHMARKS.md"
cp "$work/BENCHMARKS.md" BENCHMARKS.md
echo "Wrote the kv-service section of BENCHMARKS.md"
