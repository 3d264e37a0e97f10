#!/usr/bin/env bash
# Matchmaker replicas as one: pairing throughput with one, two and three replicas, and the
# latency of a room event between replicas, and game messages in 1,000 rooms of four on one and
# on three replicas, by bench/matchmaker/CrossReplica.java. Writes its tables into BENCHMARKS.md.
# PLAYERS=3000 RATE=1000 SECONDS_PACED=10 GAME_ROOMS=1000 GAME_DELIVERIES="10000 20000 40000" by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench-lib.sh

players=${PLAYERS:-3000}
rate=${RATE:-1000}
seconds=${SECONDS_PACED:-10}
work=target/bench/replicas
mkdir -p "$work"
jar=matchmaker-service/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests -pl matchmaker-service -am package


start_bench_redis "$work/redis.log" --maxclients 20000

ports=()
management_ports=()
for i in 1 2 3; do
  port=$(free_port)
  management_port=$(free_port)
  # Chat is the measured event, so its per-player rate limit is lifted here.
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
    -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" \
    -Drallypoint.matchmaker.chat.burst=1000 -Drallypoint.matchmaker.chat.per-second=1000 \
    -Drallypoint.matchmaker.modes.quad.capacity=4 -Drallypoint.matchmaker.modes.quad.min-ready=4 \
    -jar "$jar" >"$work/replica-$i.log" 2>&1 &
  bench_pids+=($!)
  ports+=("$port")
  management_ports+=("$management_port")
done
for port in "${management_ports[@]}"; do
  wait_for_http "$port" /q/health/ready
done

replica_pids="${bench_pids[*]: -3}"

# The reference: a bare Vert.x relay, no Quarkus and no Redis on the message path.
relay_port=$(free_port)
java -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/BareRelay.java "$relay_port" "$redis_port" \
  >"$work/relay.log" 2>&1 &
bench_pids+=($!)
relay_pid=$!
for _ in $(seq 200); do port_busy "$relay_port" && break; sleep 0.3; done
port_busy "$relay_port" || { echo "BareRelay did not start: $work/relay.log" >&2; exit 1; }

# The load generator runs with the parallel collector: it shares the two cores with what it
# measures, and a concurrent collector's threads would take their time from the replicas.
RELAY_PORT="$relay_port" RELAY_PID="$relay_pid" REPLICA_PIDS="$replica_pids" java -XX:+UseParallelGC -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/CrossReplica.java \
  "$redis_port" "$players" "$rate" "$seconds" "$work/table.md" "${ports[@]}"

section=$(mktemp)
{
  echo "## matchmaker-service across replicas"
  echo
  echo "\`bench/matchmaker/replicas.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d), commit $(bench_commit matchmaker-service bench/matchmaker): three replicas, Redis and the load generator"
  echo "share the machine, so more replicas add coordination but no cores. Players connect round-robin to the"
  echo "first N replicas; the event is a chat line published by one replica and delivered by another, measured"
  echo "first (after a warm-up long enough for the JIT to compile the path), before the pairing rounds leave"
  echo "thousands of dropped seats whose grace periods run out in the background. Game messages: 4,000 players in"
  echo "rooms of four, on one replica, then spread over three in turn (so each room has players on the same and on"
  echo "other replicas), at each asked rate; each message carries its send time and goes to the 3 others; the ping"
  echo "to pong round trip through one replica, measured in the same run, is the floor. The reference rows run the same"
  echo "load against \`BareRelay.java\`: plain Vert.x on two event loops relaying the JSON frames in memory, no Quarkus and"
  echo "no Redis, which is the least any relay costs on this machine. CPU is of one core, per replica. Where delivered/s"
  echo "falls short of the rate asked, the machine is saturated and the latency is queueing."
  echo
  cat "$work/table.md"
} >"$section"
scripts/replace-section.sh BENCHMARKS.md "matchmaker-service across replicas" "$section"
rm -f "$section"
