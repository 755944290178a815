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

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="$(release_binary fahrplan-bench)"

echo
echo "Fahrplan prioritization benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for name in "${NAMES[@]}"; do
  echo
  "$BIN" "$name"
done
