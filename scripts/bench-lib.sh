# Sourced by the benchmark scripts: a JDK 21+, the embedded redis-server, and every process a
# benchmark starts stopped when it exits.
source scripts/use-jdk21.sh
source scripts/embedded-redis.sh
use_jdk21

bench_pids=()
stop_bench_processes() {
  kill "${bench_pids[@]}" 2>/dev/null || true
  wait "${bench_pids[@]}" 2>/dev/null || true
}
trap stop_bench_processes EXIT

start_bench_redis() { # log file, extra redis-server options... -> sets redis_port
  redis_port=$(free_port)
  "$(embedded_redis_binary)" --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no "${@:2}" >"$1" 2>&1 &
  bench_pids+=($!)
}
