#!/usr/bin/env bash
# Matchmaker load: one replica on an embedded Redis, driven by bench/matchmaker/MatchLoad.java
# (connections, pairing), then bench/matchmaker/RatedLoad.java (pairing by rating against first
# come). Writes their tables into BENCHMARKS.md.  CONNECTIONS=10000 RATE=1000 SECONDS_PACED=10 by default.
# The replica runs on the JVM's defaults, as its image does; the load generator on the parallel
# collector, whose pauses it can afford and which leaves the replica the cores between them.
# Override with SERVER_JAVA_OPTS / LOAD_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench-lib.sh

connections=${CONNECTIONS:-10000}
rate=${RATE:-1000}
seconds=${SECONDS_PACED:-10}
work=target/bench/matchmaker
mkdir -p "$work"

jar=matchmaker-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q -DskipTests -pl matchmaker-service -am package
fi


start_bench_redis "$work/redis.log" --maxclients 20000

http_port=$(free_port)
management_port=$(free_port)
java ${SERVER_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http_port" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
  -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" \
  -jar "$jar" >"$work/matchmaker.log" 2>&1 &
server=$!
bench_pids+=($server)
wait_for_http "$management_port" /q/health/ready

java ${LOAD_JAVA_OPTS:--XX:+UseParallelGC} -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/MatchLoad.java \
  "$http_port" "$redis_port" "$server" "$connections" "$rate" "$seconds" "$work/table.md"

java ${LOAD_JAVA_OPTS:--XX:+UseParallelGC} -cp "matchmaker-service/target/quarkus-app/lib/main/*" bench/matchmaker/RatedLoad.java \
  "$http_port" "$redis_port" "$connections" "$work/rated.md"

section=$(mktemp)
{
  echo "## matchmaker-service"
  echo
  echo "\`bench/matchmaker/run.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d), commit $(bench_commit matchmaker-service bench/matchmaker): one replica and the load generator on the same"
  echo "machine, Redis $("$(embedded_redis_binary)" --version | sed 's/.*v=\([^ ]*\).*/\1/') embedded, JVM options \`${SERVER_JAVA_OPTS:-(defaults)}\`. Latencies are"
  echo "measured by the client, so they include its own queueing. The reference column is a ping -> pong"
  echo "round trip over the same sockets: the WebSocket and JSON floor without Redis."
  echo
  cat "$work/table.md"
} >"$section"
scripts/replace-section.sh BENCHMARKS.md "matchmaker-service" "$section"
{
  echo "## matchmaker-service: pairing by rating"
  echo
  echo "\`bench/matchmaker/run.sh\` (the same run and replica), commit $(bench_commit matchmaker-service bench/matchmaker): $connections players"
  echo "with ratings drawn from a normal distribution (mean 1500, deviation 300) all pair at once, first in"
  echo "\`ranked\` (by rating), then in \`duel\` (first come, the reference), after a warm-up round of each. A"
  echo "player is seated when its game starts; each game ends by consensus before the next round."
  echo "Players seated per second count those seated until 99% of them were; \"left waiting\" are those"
  echo "with nobody within the widest window when the round ended."
  echo
  cat "$work/rated.md"
} >"$section"
scripts/replace-section.sh BENCHMARKS.md "matchmaker-service: pairing by rating" "$section"
rm -f "$section"
cat "$work/table.md" "$work/rated.md"
