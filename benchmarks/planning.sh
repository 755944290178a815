#!/usr/bin/env bash
# Roadmap optimizer benchmark: solves every reference problem in ../shared/bench/planning (fahrplan-planning/1:
# 30, 150 and 500 projects, reference values from HiGHS) with RoadmapOptimizer at its default work limit,
# checks each schedule with the independent check_plan.py, and prints per problem: feasible, objective, ratio to
# the reference objective, Fahrplan's own proven bound and gap, status, time and whether the target is met
# (30 projects: proven optimal in < 0.1 s; 150: >= 99.5 % of the reference in < 2 s; 500: >= 99 % in < 10 s).
# Release build of fahrplan-bench (PLANNING_BENCH_BIN=path uses a binary built elsewhere).
#   benchmarks/planning.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DIR="${PLANNING_PROBLEMS:-../shared/bench/planning}"
if [ ! -f "$DIR/check_plan.py" ]; then
  echo "planning benchmark skipped: $DIR (reference problems and check_plan.py) is not there"
  exit 0
fi
# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="${PLANNING_BENCH_BIN:-$(release_binary fahrplan-bench)}"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

echo
echo "Fahrplan roadmap optimizer benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-10s %8s %9s %11s %8s %11s %8s %-12s %8s %8s  %s\n" problem projects feasible objective ratio bound gap status seconds nodes target
MISSED=0
for problem in "$DIR"/*.json; do
  case "$problem" in *.solution.json) continue ;; esac
  name="$(basename "$problem" .json)"
  # planning.NAME status objective bound gap seconds nodes selected
  read -r _ status objective bound gap seconds nodes _ < <("$BIN" planning --out "$OUT" "$problem")
  plan="$OUT/$name.plan.json"
  [ -f "$plan" ] || { printf "%-10s no solution (%s)\n" "$name" "$status"; MISSED=1; continue; }
  facts=$(python3 - "$problem" "$plan" "$DIR/$name.solution.json" "$DIR/check_plan.py" <<'PY'
import json, subprocess, sys
problem, plan, reference, checker = sys.argv[1:5]
projects = len(json.load(open(problem))["projects"])
check = json.loads(subprocess.run([sys.executable, checker, problem, plan], capture_output=True, text=True).stdout)
try:
    ref = float(json.load(open(reference))["objective"])
except (OSError, ValueError, KeyError):
    ref = 0.0
print(projects, "yes" if check["feasible"] else "NO", check["objective"], ref)
PY
)
  read -r projects feasible checked reference <<<"$facts"
  verdict=$(awk -v n="$projects" -v f="$feasible" -v o="$checked" -v r="$reference" -v s="$seconds" -v st="$status" 'BEGIN {
    ratio = (r > 0) ? o / r : 0
    if (f != "yes") ok = 0
    else if (n <= 30) ok = (st == "optimal" && s < 0.1)
    else if (n <= 150) ok = (ratio >= 0.995 && s < 2)
    else ok = (ratio >= 0.99 && s < 10)
    printf "%.4f %s", ratio, ok ? "met" : "MISSED" }')
  read -r ratio met <<<"$verdict"
  [ "$met" = met ] || MISSED=1
  printf "%-10s %8s %9s %11.4f %7.2f%% %11.4f %7.3f%% %-12s %8s %8s  %s\n" "$name" "$projects" "$feasible" "$checked" \
    "$(awk -v r="$ratio" 'BEGIN{print r*100}')" "$bound" "$(awk -v g="$gap" 'BEGIN{print g*100}')" "$status" "$seconds" "$nodes" "$met"
done
echo
echo "Targets: every plan feasible; 30 projects proven optimal in < 0.1 s; 150 projects >= 99.5 % of the reference in < 2 s;"
echo "500 projects >= 99 % in < 10 s. Ratio > 100 % means better than the reference (HiGHS, 25 min for 150/500)."
[ "$MISSED" = 0 ] && echo "All targets met." || echo "Some targets MISSED (see the last column)."
