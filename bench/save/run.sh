#!/usr/bin/env bash
# Saves and loads of 4 KiB documents: save-service over HTTP with 64 connections (wrk), each
# request as one of 64 players, with sessions and then with a studio's JWTs (RS256, verified
# against a PEM key), and in the same run the bare Redis SET/GET of the same bytes with 64
# clients (redis-benchmark): the floor. Writes its table into BENCHMARKS.md.
# SECONDS_EACH=10 by default.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench-lib.sh
ensure_load_tools

seconds=${SECONDS_EACH:-10}
work=target/bench/save
mkdir -p "$work"
rm -f "$work/wrk.log"
jar=save-service/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q -DskipTests -pl save-service -am package

# The studio's identity provider: a key pair, and RS256 tokens signed with it for an hour.
issuer=https://id.bench.example
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/jwt-key.pem" 2>/dev/null
openssl pkey -in "$work/jwt-key.pem" -pubout -out "$work/jwt-public.pem"
base64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
jwt() { # sub name -> a token
  local now body
  now=$(date +%s)
  body="$(printf '{"alg":"RS256","typ":"JWT"}' | base64url).$(printf '{"iss":"%s","aud":"rallypoint","sub":"%s","name":"%s","iat":%d,"exp":%d}' \
    "$issuer" "$1" "$2" "$now" $((now + 3600)) | base64url)"
  printf '%s.%s' "$body" "$(printf %s "$body" | openssl dgst -sha256 -sign "$work/jwt-key.pem" -binary | base64url)"
}

start_bench_redis "$work/redis.log"
http_port=$(free_port)
management_port=$(free_port)
java -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$http_port" \
  -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$management_port" \
  -Dmp.jwt.verify.issuer="$issuer" -Dmp.jwt.verify.audiences=rallypoint \
  -Dmp.jwt.verify.publickey.location="$work/jwt-public.pem" \
  -Dquarkus.redis.hosts="redis://127.0.0.1:$redis_port" -jar "$jar" >"$work/save.log" 2>&1 &
bench_pids+=($!)
wait_for_http "$management_port" /q/health/ready
base=http://127.0.0.1:$http_port

# A 4 KiB player save: nested objects, arrays, numbers and text, as a game writes them.
python3 - >"$work/document.json" <<'PY'
import json
doc = {"level": 12, "xp": 48213, "gold": 9031, "position": {"x": 113.25, "y": -7.5, "map": "Grassland"},
       "inventory": [], "quests": {}}
i = 0
while len(json.dumps(doc, separators=(",", ":"))) < 4096 - 64:
    doc["inventory"].append({"item": "item-%03d" % i, "count": i % 7 + 1, "durability": 0.75})
    doc["quests"]["quest-%03d" % i] = {"done": i % 2 == 0, "step": i % 5}
    i += 1
text = json.dumps(doc, separators=(",", ":"))
print(text + " " * (4096 - len(text)), end="")
PY

echo "Logging in 64 players with sessions, 64 with JWTs, and creating their saves"
echo -n "tokens = {" >"$work/sessions.lua"
echo -n "tokens = {" >"$work/jwts.lua"
for i in $(seq 1 64); do
  token=$(curl -sf -X POST "$base/api/session" -H 'Content-Type: application/json' -d "{\"name\":\"Bench-$i\"}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  echo -n "\"$token\"," >>"$work/sessions.lua"
  jwt_token=$(jwt "bench-jwt-$i-$RANDOM" "Jwt-$i")
  echo -n "\"$jwt_token\"," >>"$work/jwts.lua"
  for bearer in "$token" "$jwt_token"; do
    curl -sf -o /dev/null -X POST "$base/api/playerstate" -H "Authorization: Bearer $bearer" \
      -H 'Content-Type: application/json' --data-binary @"$work/document.json"
  done
done
echo "}" >>"$work/sessions.lua"
echo "}" >>"$work/jwts.lua"

# Each wrk thread takes its own half of the players, one after the other.
wrk_script() { # method, players -> a wrk script
  cat "$work/$2.lua" - <<LUA
local document = io.open("$work/document.json"):read("*a")
local threads = 0
function setup(thread) thread:set("first", threads * 32); threads = threads + 1 end
local turn = 0
function request()
  turn = turn % 32 + 1
  local headers = { ["Authorization"] = "Bearer " .. tokens[first + turn], ["Content-Type"] = "application/json" }
  return wrk.format("$1", "/api/playerstate", headers, "$1" == "PUT" and document or nil)
end
LUA
}
wrk_script PUT sessions >"$work/save.lua"
wrk_script GET sessions >"$work/load.lua"
wrk_script PUT jwts >"$work/jwt-save.lua"
wrk_script GET jwts >"$work/jwt-load.lua"

echo "Warming up"
for script in save load jwt-save jwt-load; do
  wrk -t2 -c64 -d"${seconds}s" -s "$work/$script.lua" "$base" >/dev/null
done

echo "Measuring saves and loads, with sessions and with JWTs"
read -r save_rps save_p50 save_p99 save_errors < <(wrk_row "$work/wrk.log" -t2 -c64 -d"${seconds}s" -s "$work/save.lua" "$base")
read -r load_rps load_p50 load_p99 load_errors < <(wrk_row "$work/wrk.log" -t2 -c64 -d"${seconds}s" -s "$work/load.lua" "$base")
read -r jwt_save_rps jwt_save_p50 jwt_save_p99 jwt_save_errors < <(wrk_row "$work/wrk.log" -t2 -c64 -d"${seconds}s" -s "$work/jwt-save.lua" "$base")
read -r jwt_load_rps jwt_load_p50 jwt_load_p99 jwt_load_errors < <(wrk_row "$work/wrk.log" -t2 -c64 -d"${seconds}s" -s "$work/jwt-load.lua" "$base")
echo "Measuring the floor: SET and GET of 4 KiB"
requests=$((save_rps * seconds * 4))
read -r set_rps set_p50 set_p99 < <(redis_benchmark_row -p "$redis_port" -c 64 -n "$requests" -d 4096 -r 64 -t set)
read -r get_rps get_p50 get_p99 < <(redis_benchmark_row -p "$redis_port" -c 64 -n "$requests" -d 4096 -r 64 -t get)

section=$(mktemp)
{
  echo "## save-service"
  echo
  echo "\`bench/save/run.sh\` on $(nproc) cores, $(date -u +%Y-%m-%d), commit $(bench_commit save-service bench/save): the service, Redis and the load generators on the"
  echo "same machine. wrk drives save-service with 64 connections for ${seconds} s per row after a warm-up, each request"
  echo "as one of 64 players; redis-benchmark gives the floor, bare SET/GET of the same 4 KiB from 64 clients."
  echo "A save is a PUT of a 4 KiB document (session check, parse and validate, compare-and-set script); a load is"
  echo "a GET (session check, one HMGET). The JWT rows do the same as 64 players of a studio's identity provider:"
  echo "each request's RS256 token verified instead of a session looked up."
  echo
  echo "| operation (4 KiB, 64 clients) | save-service: per second | p50 / p99 ms | non-2xx | bare Redis: per second | p50 / p99 ms |"
  echo "|---|---:|---|---:|---:|---|"
  printf '| save (PUT) vs SET | %s | %s / %s | %s | %s | %s / %s |\n' \
    "$save_rps" "$save_p50" "$save_p99" "$save_errors" "$set_rps" "$set_p50" "$set_p99"
  printf '| load (GET) vs GET | %s | %s / %s | %s | %s | %s / %s |\n' \
    "$load_rps" "$load_p50" "$load_p99" "$load_errors" "$get_rps" "$get_p50" "$get_p99"
  printf '| save (PUT), JWT | %s | %s / %s | %s | | |\n' "$jwt_save_rps" "$jwt_save_p50" "$jwt_save_p99" "$jwt_save_errors"
  printf '| load (GET), JWT | %s | %s / %s | %s | | |\n' "$jwt_load_rps" "$jwt_load_p50" "$jwt_load_p99" "$jwt_load_errors"
} >"$section"
scripts/replace-section.sh BENCHMARKS.md "save-service" "$section"
cat "$section"
rm -f "$section"
