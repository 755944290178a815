#!/usr/bin/env bash
# Maturity results benchmark (issue 17): a Quick-Check round of 20,000 responses × 60 statements (8 topic fields,
# scale 0–4 with "weiß nicht", 5 % don't know, 3 % skipped, 12 departments, one with only 3 responses). Timed:
# the round's results (distribution, means per statement/field/overall, rate) plus the first-step picks, and the
# department breakdown with k-anonymity and difference protection; 30 runs each. Release build of fahrplan-bench.
# Prints mean/p50/worst in milliseconds and the target (< 300 ms).
#   benchmarks/maturity-results.sh     (FAHRPLAN_BENCH=/path/to/fahrplan-bench uses an already built binary)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="${FAHRPLAN_BENCH:-$(release_binary fahrplan-bench)}"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"$BIN" maturity-results >"$OUT"
value() { awk -v k="$1" '$1 == k {print $2}' "$OUT"; }

echo
echo "Fahrplan maturity results benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep '^maturity.responses' "$OUT" | sed 's/^maturity.responses/responses/'
printf "%-40s %10s %10s %10s   %s\n" "" "mean ms" "p50 ms" "worst ms" "runs"
printf "%-40s %10s %10s %10s   %s\n" "results + first steps of the round" "$(value maturity.results.mean_ms)" \
  "$(value maturity.results.p50_ms)" "$(value maturity.results.worst_ms)" "$(value maturity.runs)"
printf "%-40s %10s %10s %10s   %s\n" "department breakdown (k = 5, difference)" "$(value maturity.breakdown.mean_ms)" \
  "$(value maturity.breakdown.p50_ms)" "$(value maturity.breakdown.worst_ms)" "$(value maturity.runs)"
echo "overall mean: $(value maturity.overall), departments shown: $(value maturity.shown_departments) of 12"
echo
echo "Target:"
awk -v w="$(value maturity.results.worst_ms)" 'BEGIN{ printf "  results of 20,000 responses × 60 statements < 300 ms (worst run): %s (%.3f ms)\n", (w+0 < 300) ? "met" : "MISSED", w }'
