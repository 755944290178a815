#!/usr/bin/env bash
# Prioritization benchmarks (issue #4), in a release build of the core-only benchmark tool:
#   ranking     a round of 10,000 projects × 12 criteria × 10 raters: the raters' scores aggregated (median,
#               spread, disputed flag) and ranked with tiers, prerequisites, contributions and explanations —
#               target < 100 ms;
#   montecarlo  10,000 Dirichlet weight samples over 1,000 projects × 12 criteria, every sample ranked (top-N
#               probability and rank range per project) — target < 1 s; also prints the exact weight ranges.
# Each figure is the median and the worst of several runs in one process; the tool prints met/MISSED.
#   benchmarks/prioritization.sh [ranking|montecarlo]…   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
NAMES=("$@")
[ ${#NAMES[@]} -gt 0 ] || NAMES=(ranking montecarlo)

echo "building release benchmark tool…" >&2
BUILD_LOG=$(mktemp)
if ! swift build -c release --scratch-path .build-release --product fahrplan-bench >"$BUILD_LOG" 2>&1; then
  grep -E "error" "$BUILD_LOG" >&2; rm -f "$BUILD_LOG"; echo "release build failed" >&2; exit 1
fi
rm -f "$BUILD_LOG"
BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/fahrplan-bench"
[ -x "$BIN" ] || { echo "release build failed" >&2; exit 1; }

echo
echo "Fahrplan prioritization benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${NAMES[@]}"; do
  echo
  "$BIN" "$name"
done
