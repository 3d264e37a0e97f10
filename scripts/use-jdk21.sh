# Sourced by run.sh and .ci/run: points JAVA_HOME at a JDK 21 or newer, since Rallypoint targets
# Java 21 and the default java of many machines is older.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

use_jdk21() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  local on_path
  on_path=$(command -v java 2>/dev/null) && candidates+=("$(dirname "$(dirname "$(readlink -f "$on_path")")")")
  for dir in /usr/lib/jvm/* /opt/java/* /opt/*jdk*; do
    [ -x "$dir/bin/javac" ] && candidates+=("$dir")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    local major
    major=$(java_major "$home")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ]; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 21 or newer found: install one, or set JAVA_HOME to it." >&2
  return 1
}
