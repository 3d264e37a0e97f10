# Sourced by mvnw, run.sh and .ci/run: points JAVA_HOME at a JDK 21 or newer, since Rallypoint
# targets Java 21 and the default java of many machines is older. Plain sh, so that mvnw (a
# /bin/sh script) can source it too.
#
# Looks at JAVA_HOME, then the java on PATH, then every JDK under RALLYPOINT_JDK_DIRS: glob
# patterns separated by spaces, by default "/usr/lib/jvm/* /opt/java/* /opt/*jdk*" (set it to an
# empty value to look nowhere else). The first JDK 21 or newer wins.

java_major() { # JDK home -> its major version (17, 21, 25; 1 for Java 8), or nothing
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

# Tries one JDK home: success (and JAVA_HOME set) when it is 21 or newer; otherwise remembers
# the first one seen, for the failure message.
_use_jdk21_try() {
  [ -x "$1/bin/javac" ] || return 1
  _use_jdk21_major=$(java_major "$1")
  _use_jdk21_major=${_use_jdk21_major%%.*}
  case "$_use_jdk21_major" in
    '' | *[!0-9]*) return 1 ;;
  esac
  if [ "$_use_jdk21_major" -ge 21 ]; then
    JAVA_HOME=$1
    PATH=$JAVA_HOME/bin:$PATH
    export JAVA_HOME PATH
    return 0
  fi
  [ -n "$_use_jdk21_older" ] || _use_jdk21_older="JDK $_use_jdk21_major at $1"
  return 1
}

use_jdk21() {
  _use_jdk21_older=
  if [ -n "${JAVA_HOME:-}" ] && _use_jdk21_try "$JAVA_HOME"; then
    return 0
  fi
  _use_jdk21_java=$(command -v java 2>/dev/null) || _use_jdk21_java=
  if [ -n "$_use_jdk21_java" ] && _use_jdk21_try "$(dirname "$(dirname "$(readlink -f "$_use_jdk21_java")")")"; then
    return 0
  fi
  # Globs must expand here even in a caller that turned them off (mvnw runs under set -f).
  case $- in
    *f*) _use_jdk21_noglob=true ;;
    *) _use_jdk21_noglob=false ;;
  esac
  set +f
  _use_jdk21_found=false
  for _use_jdk21_dir in ${RALLYPOINT_JDK_DIRS-/usr/lib/jvm/* /opt/java/* /opt/*jdk*}; do
    if _use_jdk21_try "$_use_jdk21_dir"; then
      _use_jdk21_found=true
      break
    fi
  done
  if $_use_jdk21_noglob; then
    set -f
  fi
  if $_use_jdk21_found; then
    return 0
  fi
  echo "Rallypoint needs JDK 21 or newer, found ${_use_jdk21_older:-no JDK}: install JDK 21 or newer, or set JAVA_HOME to one." >&2
  return 1
}
