#!/usr/bin/env bash
# KPI roll-up benchmark: a municipality with 200 KPIs (8 fields of action × 5 goals × 5 KPIs) and 5 years of
# monthly measurements (12,000 values, 8 KPIs without any). One run computes, per KPI, the progress at the latest
# value, the least-squares trend to the target date and the staleness, then rolls up goal → field of action →
# strategy with the explanations (KPIRollup.compute), 200 runs timed. Release build of fahrplan-bench. Prints
# mean/p50/p99/worst in milliseconds and the target (< 20 ms in the core).
#   benchmarks/kpi-rollup.sh          (FAHRPLAN_BENCH=/path/to/fahrplan-bench uses an already built binary)
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="${FAHRPLAN_BENCH:-$(release_binary fahrplan-bench)}"

OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
"$BIN" kpi-rollup >"$OUT"
value() { awk -v k="$1" '$1 == k {print $2}' "$OUT"; }

echo
echo "Fahrplan KPI roll-up benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep '^kpi_rollup.kpis' "$OUT" | sed 's/^kpi_rollup.kpis/KPIs/'
printf "%-28s %10s %10s %10s %10s   %s\n" "" "mean ms" "p50 ms" "p99 ms" "worst ms" "runs"
printf "%-28s %10s %10s %10s %10s   %s\n" "roll-up of the municipality" "$(value kpi_rollup.mean_ms)" "$(value kpi_rollup.p50_ms)" \
  "$(value kpi_rollup.p99_ms)" "$(value kpi_rollup.worst_ms)" "$(value kpi_rollup.runs)"
echo "strategy progress: $(value kpi_rollup.strategy_progress)"
echo
echo "Target:"
awk -v p="$(value kpi_rollup.p99_ms)" 'BEGIN{ printf "  KPI roll-up of 200 KPIs × 5 years monthly < 20 ms (p99): %s (%.3f ms)\n", (p+0 < 20) ? "met" : "MISSED", p }'
