# Sourced by the benchmark scripts: the commit a benchmark measures, as its table names it. Only
# changes to what the benchmark runs count: the paths given (its service and its own scripts),
# the shared modules and the build, not their tests; BENCHMARKS.md, which the scripts write,
# never does.
bench_commit() { # path...
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null) || { echo "unknown"; return; }
  if [ -n "$(git status --porcelain --untracked-files=no -- "$@" common redis-pipes pom.xml ':(exclude)*/src/test/*' 2>/dev/null)" ]; then
    commit="$commit with uncommitted changes"
  fi
  echo "$commit"
}
