# Sourced by the benchmark scripts: a JDK 21+, the embedded redis-server, and every process a
# benchmark starts stopped when it exits.
source scripts/use-jdk21.sh
source scripts/embedded-redis.sh
source scripts/bench-commit.sh
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

ensure_load_tools() { # wrk, redis-benchmark and openssl, from Debian's packages
  command -v wrk >/dev/null && command -v redis-benchmark >/dev/null && command -v openssl >/dev/null && return
  apt-get update -q >/dev/null && apt-get install -y -q wrk redis-tools openssl >/dev/null
}

wrk_row() { # log file, wrk arguments... -> prints "requests/s p50-ms p99-ms non-2xx"
  local out
  out=$(wrk --latency "${@:2}" 2>&1)
  echo "$out" >>"$1"
  awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
       /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } /Non-2xx/ { errors = $NF }
       END { printf "%d %.2f %.2f %d\n", rps, p50, p99, errors }' <<<"$out"
}

redis_benchmark_row() { # redis-benchmark arguments... -> prints "requests/s p50-ms p99-ms" of its last test
  redis-benchmark --csv "$@" 2>/dev/null | tail -1 | tr -d '"' | awk -F, '{ printf "%d %.2f %.2f\n", $2, $5, $7 }'
}
