#!/usr/bin/env bash
# AHP benchmark: weights and consistency of a 15×15 pairwise comparison matrix (AHP.evaluate: power iteration,
# λmax, CI, CR and the ranked inconsistencies), timed call by call over 20,000 calls — a workshop-like matrix
# and 100 random (wildly inconsistent) Saaty matrices — plus the group mean of ten raters and the whole
# `fahrplan ahp` logic (JSON in and out). Release build of fahrplan-bench. Prints mean/p50/p99 in microseconds
# and the target (AHP of a 15×15 matrix < 1 ms).
#   benchmarks/ahp.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="$(release_binary fahrplan-bench)"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"$BIN" ahp >"$OUT"
value() { awk -v k="$1" '$1 == k {print $2}' "$OUT"; }

echo
echo "Fahrplan AHP benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-44s %11s %11s %11s   %s\n" "" "mean µs" "p50 µs" "p99 µs" "calls"
for name in evaluate_15.workshop evaluate_15.random aggregate_10x15_and_evaluate command_line_15; do
  printf "%-44s %10s %10s %10s   %s\n" "ahp.$name" "$(value "ahp.$name.mean_us")" "$(value "ahp.$name.p50_us")" \
    "$(value "ahp.$name.p99_us")" "$(value "ahp.$name.calls")"
done
echo "consistency ratio: workshop matrix $(value ahp.workshop_15.consistency_ratio), random matrices $(value ahp.random_15.consistency_ratio_mean) on average"
echo
echo "Target:"
WORST=$(awk '$1 == "ahp.evaluate_15.workshop.p99_us" || $1 == "ahp.evaluate_15.random.p99_us" {if ($2 > m) m = $2} END {print m}' "$OUT")
awk -v w="$WORST" 'BEGIN{ printf "  AHP of a 15×15 matrix < 1 ms (p99): %s (worst p99 %.1f µs = %.3f ms)\n", (w+0 < 1000) ? "met" : "MISSED", w, w/1000 }'
