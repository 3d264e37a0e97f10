# Sourced by the benchmark scripts: the commit a benchmark measures, as its table names it
# (BENCHMARKS.md itself, which the scripts write, does not count as a change).
bench_commit() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null) || { echo "unknown"; return; }
  if [ -n "$(git status --porcelain --untracked-files=no -- . ':!BENCHMARKS.md' 2>/dev/null)" ]; then
    commit="$commit with uncommitted changes"
  fi
  echo "$commit"
}
