#!/bin/sh
# The suite must not depend on timing: run the whole of `npm test` (typecheck, lint, unit, e2e) RUNS times in a
# row (default 3) while a CPU-bound process occupies a core, and stop at the first failure.
# Usage: npm run test:stress   (RUNS=5 npm run test:stress for more rounds)
set -eu
runs="${RUNS:-3}"
node -e 'for (;;) {}' &
hog=$!
trap 'kill "$hog" 2>/dev/null || true' EXIT INT TERM
started=$(date +%s)
i=1
while [ "$i" -le "$runs" ]; do
  round=$(date +%s)
  echo "=== stress round $i/$runs (CPU hog pid $hog) ==="
  if ! npm test; then
    echo "=== stress round $i/$runs FAILED after $(( $(date +%s) - round )) s ==="
    exit 1
  fi
  echo "=== stress round $i/$runs passed in $(( $(date +%s) - round )) s ==="
  i=$((i + 1))
done
echo "=== $runs rounds passed under CPU load in $(( $(date +%s) - started )) s ==="
