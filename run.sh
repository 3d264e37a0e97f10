#!/usr/bin/env bash
# Starts the whole Rallypoint suite on this machine: a Redis (the embedded redis-server, unless
# QUARKUS_REDIS_HOSTS names one) and the four services, all on loopback. Builds what is missing.
# Ctrl-C (or SIGTERM) stops every process it started.
#
#   RALLYPOINT_PORT_OFFSET=N   adds N to every port (to run beside another copy)
#   QUARKUS_REDIS_HOSTS=...    use this Redis instead of starting one
set -euo pipefail
cd "$(dirname "$0")"
source scripts/use-jdk21.sh
source scripts/embedded-redis.sh
use_jdk21

offset=${RALLYPOINT_PORT_OFFSET:-0}
run_dir=target/run
mkdir -p "$run_dir/logs"

declare -A http_port=(
  [matchmaker-service]=$((8081 + offset))
  [save-service]=$((8082 + offset))
  [leaderboard-service]=$((8083 + offset))
  [kv-service]=$((8084 + offset))
)
services=(matchmaker-service save-service leaderboard-service kv-service)
kv_resp_port=$((7379 + offset))
kv_line_port=$((7380 + offset))

pids=()
stop_all() {
  trap - EXIT INT TERM HUP
  if ((${#pids[@]})); then
    echo "Stopping Rallypoint..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "${pids[@]}" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

http_status() { # port path -> the status code, or nothing
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && head -n 1 <&3) 2>/dev/null) || return 0
  echo "$reply" | awk '{print $2}'
}

# Build when a service has no runnable jar or its sources are newer than it.
needs_build=false
for service in "${services[@]}"; do
  jar=$service/target/quarkus-app/quarkus-run.jar
  if [ ! -f "$jar" ] || [ -n "$(find "$service/src" common/src pom.xml "$service/pom.xml" -newer "$jar" -print -quit)" ]; then
    needs_build=true
  fi
done
if $needs_build; then
  echo "Building Rallypoint (first run, or sources changed)..."
  ./mvnw -B -q -DskipTests package
fi

for port in "${http_port[@]}" "$kv_resp_port" "$kv_line_port"; do
  if port_busy "$port"; then
    echo "Port $port is in use: stop what holds it, or set RALLYPOINT_PORT_OFFSET." >&2
    exit 1
  fi
done

if [ -z "${QUARKUS_REDIS_HOSTS:-}" ]; then
  redis_port=$((6379 + offset))
  redis_bin=$(embedded_redis_binary)
  if port_busy "$redis_port"; then
    echo "Port $redis_port is in use: set QUARKUS_REDIS_HOSTS to use that Redis, or RALLYPOINT_PORT_OFFSET." >&2
    exit 1
  fi
  mkdir -p "$run_dir/redis"
  "$redis_bin" --bind 127.0.0.1 --port "$redis_port" --dir "$run_dir/redis" \
    --appendonly yes --save "" >"$run_dir/logs/redis.log" 2>&1 &
  pids+=($!)
  export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$redis_port
  echo "redis               $QUARKUS_REDIS_HOSTS (embedded, data in $run_dir/redis)"
fi

# The matchmaker's tail latency is set by GC pauses; ZGC keeps them well under a millisecond.
declare -A jvm_options=([matchmaker-service]=-XX:+UseZGC)

for service in "${services[@]}"; do
  "$JAVA_HOME/bin/java" ${jvm_options[$service]:-} \
    -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="${http_port[$service]}" \
    -Dkv.resp.port="$kv_resp_port" \
    -Dkv.line.port="$kv_line_port" \
    -Drallypoint.web.save-url="//{host}:${http_port[save-service]}" \
    -Drallypoint.web.leaderboard-url="//{host}:${http_port[leaderboard-service]}" \
    -Dkv.aof.dir="$run_dir/kv-data" \
    -jar "$service/target/quarkus-app/quarkus-run.jar" >"$run_dir/logs/$service.log" 2>&1 &
  pids+=($!)
done

deadline=$((SECONDS + 120))
for service in "${services[@]}"; do
  until [ "$(http_status "${http_port[$service]}" /q/health/ready)" = 200 ]; do
    if ((SECONDS > deadline)); then
      echo "$service did not become ready; see $run_dir/logs/$service.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  printf '%-19s http://127.0.0.1:%s\n' "$service" "${http_port[$service]}"
done
echo "Play in a browser: http://localhost:${http_port[matchmaker-service]}/"
echo "Rallypoint is up. Logs in $run_dir/logs. Ctrl-C stops everything."

# Whichever process ends first (or Ctrl-C) takes the rest down with it.
wait -n "${pids[@]}" || true
echo "A process of the suite exited; see $run_dir/logs." >&2
exit 1
