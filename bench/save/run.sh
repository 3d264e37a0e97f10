#!/usr/bin/env bash
# Saves and loads of 4 KiB documents: save-service over HTTP beside bare Redis SET/GET of the same
# bytes, 64 concurrent clients each, by bench/save/SaveLoad.java. Writes its table into
# BENCHMARKS.md.  SECONDS_EACH=10 by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench-lib.sh

seconds=${SECONDS_EACH:-10}
work=target/bench/save
mkdir -p "$work"
jar=save-service/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests -pl save-service -am package


start_bench_redis "$work/redis.log"
http_port=$(free_port)
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http_port" \
  -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" -jar "$jar" >"$work/save.log" 2>&1 &
bench_pids+=($!)
wait_for_http "$http_port" /q/health/ready

java -cp "save-service/target/quarkus-app/lib/main/*" bench/save/SaveLoad.java "$http_port" "$redis_port" "$seconds" "$work/table.md"

section=$(mktemp)
{
  echo "## save-service"
  echo
  echo "\`bench/save/run.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d): the service, Redis and the load generator on the same"
  echo "machine; ${seconds} s per row after a warm-up. A save is a PUT of a 4 KiB document (parse, validate,"
  echo "compare-and-set script); a load is a GET. The floor is bare SET/GET of the same 4 KiB."
  echo
  cat "$work/table.md"
} >"$section"
scripts/replace-section.sh BENCHMARKS.md "save-service" "$section"
rm -f "$section"
