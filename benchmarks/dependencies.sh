#!/usr/bin/env bash
# Dependency-cycle check of an import batch: chains of 5,000 to 40,000 rows in which every row needs the next
# (the worst case for a row-by-row check), checked once as a whole (DependencyGraph.cyclesClosed, Tarjan's
# strongly connected components). Release build of fahrplan-bench. Prints milliseconds per size — doubling the
# rows should about double the time (linear) — and, for comparison, the row-by-row check it replaced at 2,000
# and 4,000 rows (quadratic: four times the time for twice the rows).
#   benchmarks/dependencies.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="$(release_binary fahrplan-bench)"

echo
echo "Fahrplan dependency-cycle benchmark — $(nproc) cores, release build, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" dependencies | awk '{ printf "%-44s %10s ms\n", $1, $2 }'
