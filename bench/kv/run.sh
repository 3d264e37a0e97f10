#!/usr/bin/env bash
# Benchmarks kv-service against redis-server in the same run with redis-benchmark (50 clients;
# SET, GET, INCR, MSET; without and with -P 16) and writes the table into BENCHMARKS.md under
# "## kv-service". Both servers listen on free loopback ports and are stopped on exit.
#
#   bench/kv/run.sh            # builds kv-service first if it is not packaged yet
#   KV_BENCH_REQUESTS=100000 bench/kv/run.sh   # requests per unpipelined row (x5 with -P 16)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
requests=${KV_BENCH_REQUESTS:-200000}
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
use_jdk21
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -pl kv-service -am package -DskipTests
fi

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

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
  -jar "$jar" >"$work/kv.log" 2>&1 &
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

# The JVM compiles its hot paths in the first seconds: warm kv-service up before measuring.
redis-benchmark -p "$kv_port" -c "$clients" -n "$((requests * 2))" -r "$keyspace" -P 16 -t set,get,incr,mset -q >/dev/null
redis-benchmark -p "$kv_port" -c "$clients" -n "$requests" -r "$keyspace" -t set,get,incr,mset -q >/dev/null

# One CSV row: "test","rps","avg","min","p50","p95","p99","max".
measure() { # port test pipeline
  local n=$requests
  [ "$3" -gt 1 ] && n=$((requests * 5))
  redis-benchmark -p "$1" -c "$clients" -n "$n" -r "$keyspace" -P "$3" -t "$2" --csv | tail -n 1 | tr -d '"'
}

rows=""
for pipeline in 1 16; do
  for test in set get incr mset; do
    IFS=, read -r _ r_rps _ _ r_p50 _ r_p99 _ <<<"$(measure "$redis_port" "$test" "$pipeline")"
    IFS=, read -r _ k_rps _ _ k_p50 _ k_p99 _ <<<"$(measure "$kv_port" "$test" "$pipeline")"
    ratio=$(awk -v k="$k_rps" -v r="$r_rps" 'BEGIN { printf "%.2f", k / r }')
    name=$(echo "$test" | tr a-z A-Z)
    [ "$test" = mset ] && name="MSET (10 keys)"
    row="| $name | $pipeline | $k_rps | $k_p50 | $k_p99 | $r_rps | $r_p50 | $r_p99 | $ratio |"
    echo "$row"
    rows+="$row"$'\n'
  done
done

section="## kv-service

\`bench/kv/run.sh\`, $(date -u +%Y-%m-%d), $(nproc) cores shared by the benchmark client and both
servers, $(redis-server --version | awk '{print $3}' | tr -d 'v=') as the reference, $(java -version 2>&1 | head -n 1).
redis-benchmark: $clients clients, random keys from a keyspace of $keyspace, $requests requests per
row ($((requests * 5)) with \`-P 16\`), kv-service warmed up first. Latencies in ms.

| command | pipeline | kv-service req/s | p50 | p99 | redis-server req/s | p50 | p99 | ratio |
|---|---|---|---|---|---|---|---|---|
$rows"

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
