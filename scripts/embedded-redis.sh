# Sourced by run.sh and the benchmarks: the redis-server binary that the embedded-redis artifact
# ships, copied out of the jar once (Maven fetches the jar), so no Redis install is needed.

embedded_redis_binary() { # -> prints the path of an executable redis-server
  local dir=target/run
  local bin=$dir/redis-server
  if [ ! -x "$bin" ]; then
    mkdir -p "$dir"
    local version arch entry
    version=$(sed -n 's:.*<embedded-redis.version>\(.*\)</embedded-redis.version>.*:\1:p' pom.xml)
    ./mvnw -B -q dependency:copy -Dartifact="com.github.codemonstur:embedded-redis:$version" -DoutputDirectory="$dir" >&2
    case "$(uname -m)" in
      x86_64 | amd64) arch=linux-amd64 ;;
      aarch64 | arm64) arch=linux-arm64 ;;
      *) arch=linux-386 ;;
    esac
    entry=$(jar tf "$dir/embedded-redis-$version.jar" | grep -E "^redis-server-.*-$arch\$" | head -n 1)
    (cd "$dir" && jar xf "embedded-redis-$version.jar" "$entry" && mv "$entry" redis-server && chmod +x redis-server)
  fi
  echo "$bin"
}

port_busy() { # port -> success when something listens on it on loopback
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() { # -> prints a loopback port nothing listens on
  local port
  while :; do
    # Below Linux's ephemeral range (32768 up), where a client connection may hold a port that
    # no connect test sees.
    port=$((20000 + RANDOM % 12000))
    port_busy "$port" || break
  done
  echo "$port"
}

wait_for_http() { # port path -> waits up to 60 s for a 200
  local deadline=$((SECONDS + 60)) reply
  while ((SECONDS < deadline)); do
    reply=$( (exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3 && head -n 1 <&3) 2>/dev/null) || true
    [[ "$reply" == *" 200 "* ]] && return 0
    sleep 0.3
  done
  return 1
}
