#!/usr/bin/env bash
# Starts the whole Rallypoint suite on this machine: a Redis (the embedded redis-server, unless
# QUARKUS_REDIS_HOSTS names one) and the four services, all on loopback. Builds what is missing.
# Once every service is ready it prints every address a client needs. Ctrl-C (or SIGTERM) stops
# the services first, waits for them, then stops the Redis it started.
#
#   RALLYPOINT_PORT_OFFSET=N   adds N to every port (to run beside another copy)
#   RALLYPOINT_NATIVE=true     runs the native executables instead of the jars; build them first
#                              with ./mvnw package -Dnative -DskipTests (see the README)
#   QUARKUS_REDIS_HOSTS=...    use this Redis instead of starting one
#   RALLYPOINT_SERVER_KEYS_FILE or _LINES   the game servers' keys; unset, one key with every
#                              scope is made for this machine, in target/run/server-key
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
# Health, metrics and OpenAPI: each service's management port (kv-service serves them on its
# HTTP port, which has nothing else).
declare -A management_port=(
  [matchmaker-service]=$((9081 + offset))
  [save-service]=$((9082 + offset))
  [leaderboard-service]=$((9083 + offset))
  [kv-service]=$((8084 + offset))
)
services=(matchmaker-service save-service leaderboard-service kv-service)
kv_resp_port=$((7379 + offset))
kv_line_port=$((7380 + offset))

service_pids=()
redis_pid=
any_alive() { # pid... -> success while one of them runs
  local pid
  for pid in "$@"; do
    if kill -0 "$pid" 2>/dev/null; then
      return 0
    fi
  done
  return 1
}
# SIGTERM, then up to `seconds` for every process to end, then SIGKILL for any left.
stop_processes() { # seconds pid...
  local seconds=$1
  shift
  kill -TERM "$@" 2>/dev/null || true
  for _ in $(seq 1 $((seconds * 10))); do
    any_alive "$@" || break
    sleep 0.1
  done
  kill -KILL "$@" 2>/dev/null || true
  wait "$@" 2>/dev/null || true
}
# The services first, while the Redis they use still answers: they close their connections
# and hand back their players' seats. Then Redis.
stop_all() {
  trap - EXIT INT TERM HUP
  # A closed terminal or pipe must not end the script halfway through the stop.
  trap '' PIPE
  if ((${#service_pids[@]})) || [ -n "$redis_pid" ]; then
    echo "Stopping Rallypoint..."
  fi
  if ((${#service_pids[@]})); then
    stop_processes 30 "${service_pids[@]}"
  fi
  if [ -n "$redis_pid" ]; then
    stop_processes 10 "$redis_pid"
    echo "Rallypoint stopped."
  elif ((${#service_pids[@]})); then
    echo "Rallypoint stopped."
  fi
}
# Each process gets a process group of its own, so that Ctrl-C in the terminal reaches only
# this script, which stops them in order (Redis would otherwise quit at once, under the services).
start_in_background() { # log command...
  local log=$1
  shift
  set -m
  "$@" </dev/null >"$log" 2>&1 &
  set +m
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

http_status() { # port path -> the status code, or nothing
  local reply
  reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && head -n 1 <&3) 2>/dev/null) || return 0
  echo "$reply" | awk '{print $2}'
}

native=${RALLYPOINT_NATIVE:-false}
declare -A runner
if [ "$native" = true ]; then
  for service in "${services[@]}"; do
    runner[$service]=$(find "$service/target" -maxdepth 1 -name "$service-*-runner" -print -quit 2>/dev/null)
    if [ -z "${runner[$service]}" ]; then
      echo "No native executable of $service: build them with ./mvnw package -Dnative -DskipTests (see the README)." >&2
      exit 1
    fi
    if [ -n "$(find "$service/src" common/src -newer "${runner[$service]}" -print -quit)" ]; then
      echo "Note: $service's sources are newer than its native executable." >&2
    fi
  done
else
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
fi

for port in "${http_port[@]}" "${management_port[@]}" "$kv_resp_port" "$kv_line_port"; do
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
  start_in_background "$run_dir/logs/redis.log" "$redis_bin" --bind 127.0.0.1 --port "$redis_port" \
    --dir "$run_dir/redis" --appendonly yes --save ""
  redis_pid=$!
  export QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$redis_port
  redis_note="embedded, data in $run_dir/redis"
else
  redis_note="from QUARKUS_REDIS_HOSTS"
fi

# A game server's key to try the server routes with: made once, readable by this user only.
# The services get only its SHA-256, as they would from a studio's secret.
if [ -z "${RALLYPOINT_SERVER_KEYS_FILE:-}${RALLYPOINT_SERVER_KEYS_LINES:-}" ]; then
  server_key_file=$run_dir/server-key
  if [ ! -s "$server_key_file" ]; then
    (umask 077 && od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$server_key_file")
  fi
  if command -v sha256sum >/dev/null; then
    key_hash=$(sha256sum <"$server_key_file")
  else
    key_hash=$(shasum -a 256 <"$server_key_file")
  fi
  export RALLYPOINT_SERVER_KEYS_LINES="run.sh ${key_hash%% *} scores,saves,sessions,rooms"
  server_key_note="$server_key_file (scopes scores, saves, sessions, rooms)"
else
  server_key_note="as configured"
fi

echo "Starting Rallypoint (logs in $run_dir/logs)..."
for service in "${services[@]}"; do
  if [ "$native" = true ]; then
    launch=("${runner[$service]}")
    app=()
  else
    launch=("$JAVA_HOME/bin/java")
    app=(-jar "$service/target/quarkus-app/quarkus-run.jar")
  fi
  start_in_background "$run_dir/logs/$service.log" "${launch[@]}" \
    -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.http.port="${http_port[$service]}" \
    -Dquarkus.management.host=127.0.0.1 \
    -Dquarkus.management.port="${management_port[$service]}" \
    -Dkv.resp.port="$kv_resp_port" \
    -Dkv.line.port="$kv_line_port" \
    -Drallypoint.web.save-url="//{host}:${http_port[save-service]}" \
    -Drallypoint.web.leaderboard-url="//{host}:${http_port[leaderboard-service]}" \
    -Dkv.aof.dir="$run_dir/kv-data" \
    "${app[@]}"
  service_pids+=($!)
done

deadline=$((SECONDS + 120))
for service in "${services[@]}"; do
  until [ "$(http_status "${management_port[$service]}" /q/health/ready)" = 200 ]; do
    if ((SECONDS > deadline)); then
      echo "$service did not become ready; see $run_dir/logs/$service.log" >&2
      exit 1
    fi
    sleep 0.5
  done
done

# Everything a client needs, once all is ready. A password in the Redis URL is not shown.
address() { printf '%-20s %s\n' "$1" "$2"; }
for service in "${services[@]}"; do
  address "$service" "http://127.0.0.1:${http_port[$service]}"
done
for service in matchmaker-service save-service leaderboard-service; do
  address "$service health" "http://127.0.0.1:${management_port[$service]}/q/health"
done
address "matchmaker websocket" "ws://127.0.0.1:${http_port[matchmaker-service]}/ws"
address "kv-service resp" "redis://127.0.0.1:$kv_resp_port"
address "kv-service line" "127.0.0.1:$kv_line_port"
address "redis" "$(sed -E 's#//([^:/@]*):[^@/]*@#//\1:***@#g' <<<"$QUARKUS_REDIS_HOSTS") ($redis_note)"
address "web client" "http://localhost:${http_port[matchmaker-service]}/"
address "server key" "$server_key_note"
echo "Rallypoint is up. Logs in $run_dir/logs. Ctrl-C stops everything."

# Whichever process ends first (or Ctrl-C) takes the rest down with it.
all_pids=("${service_pids[@]}")
if [ -n "$redis_pid" ]; then
  all_pids+=("$redis_pid")
fi
wait -n "${all_pids[@]}" || true
echo "A process of the suite exited; see $run_dir/logs." >&2
exit 1
