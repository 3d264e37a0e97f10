#!/usr/bin/env bash
# replace-section.sh FILE NAME SECTION_FILE: puts the "## NAME" section of FILE (up to the next
# "## " heading) in place from SECTION_FILE, or appends it. Each benchmark owns one section.
set -euo pipefail
file=$1 name=$2 section=$3
[ -f "$file" ] || printf '# Benchmarks\n\nEach section is written by its benchmark script; rerun the script to refresh it.\n\n' >"$file"
awk -v name="## $name" -v section="$section" '
  function emit() { while ((getline line < section) > 0) print line; print ""; done = 1 }
  $0 == name { emit(); skipping = 1; next }
  skipping && /^## / { skipping = 0 }
  !skipping { print }
  END { if (!done) { print ""; emit() } }
' "$file" >"$file.tmp"
mv "$file.tmp" "$file"
