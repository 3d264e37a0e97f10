# Sourced by .ci/native and bench/native/run.sh: points GRAALVM_HOME at a native-image toolchain
# for Java 25. A GRAALVM_HOME already set (a GraalVM or Mandrel 25) wins. Otherwise the
# toolchain is assembled once from Maven Central by ../shared/native/make-graalvm.sh (a test
# harness: its executables run only beside it) and kept in the user's cache folder.
# use_graalvm returns 1, saying why, when there is neither, and 2 when assembling fails.

use_graalvm() {
  [ -n "${GRAALVM_HOME:-}" ] && return 0
  local toolchain=${XDG_CACHE_HOME:-$HOME/.cache}/rallypoint/graalvm-25.0.4
  if [ ! -x "$toolchain/bin/native-image" ]; then
    local maker=../shared/native/make-graalvm.sh
    if [ ! -f "$maker" ]; then
      echo "No GRAALVM_HOME and no $maker to assemble a toolchain with." >&2
      return 1
    fi
    if ! command -v gcc >/dev/null || ! command -v unzip >/dev/null || [ ! -f /usr/include/zlib.h ]; then
      local sudo
      sudo=$([ "$(id -u)" = 0 ] || echo sudo)
      $sudo apt-get update -q >/dev/null
      $sudo apt-get install -y -q gcc libc6-dev zlib1g-dev unzip >/dev/null
    fi
    # The maker copies a JDK into the toolchain's folder but does not create its parent.
    mkdir -p "$(dirname "$toolchain")"
    MVN=$PWD/mvnw bash "$maker" "$toolchain" >/dev/null
    if [ ! -x "$toolchain/bin/native-image" ]; then
      echo "Assembling the native-image toolchain in $toolchain failed." >&2
      return 2
    fi
    echo "Native-image toolchain assembled in $toolchain"
  fi
  GRAALVM_HOME=$toolchain
  export GRAALVM_HOME
}
