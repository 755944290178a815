#!/usr/bin/env bash
# Import benchmark: `fahrplan import projects` of a 10,000-row project list (German Excel CSV, realistic rows
# that reference Musterstadt's units, goals, programs and projects, with dependencies between rows) into a
# fresh SQLite database with the demo, end to end (process start, parse, check, one transaction), in a
# release build. Prints the seconds (hyperfine when installed, else /usr/bin/time), the peak resident memory
# and the target (< 3 s). A second figure: exporting the 10,045 projects and importing the export again
# (every row an unchanged update).
#   benchmarks/import.sh [--rows 10000] [--runs 5]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=10000
RUNS=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if ! command -v hyperfine >/dev/null; then
  echo "installing hyperfine (Debian package)…" >&2
  (apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null) || echo "hyperfine not available; using /usr/bin/time" >&2
fi
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null; }

# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
BIN="$(release_binary fahrplan)"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
export DATABASE_URL="sqlite://$WORK/base.sqlite"
"$BIN" demo >/dev/null

python3 benchmarks/generate_projects.py "$ROWS" "$WORK/projekte.csv"
SIZE=$(du -k "$WORK/projekte.csv" | cut -f1)

# The file must import without a single error, or the benchmark would time a refusal.
cp "$WORK/base.sqlite" "$WORK/check.sqlite"
DATABASE_URL="sqlite://$WORK/check.sqlite" "$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt --dry-run >"$WORK/check.out" 2>"$WORK/check.err" \
  || { echo "the generated file has errors:" >&2; head -20 "$WORK/check.err" >&2; exit 1; }

echo
echo "Fahrplan import benchmark — $(nproc) cores, SQLite, release build, $ROWS rows (${SIZE} KB), log level $LOG_LEVEL, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dry run: $(cat "$WORK/check.out")"
export DATABASE_URL="sqlite://$WORK/bench.sqlite"
IMPORT=("$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt)
if command -v hyperfine >/dev/null; then
  hyperfine --runs "$RUNS" --warmup 1 --prepare "cp '$WORK/base.sqlite' '$WORK/bench.sqlite'" --export-json "$WORK/hyperfine.json" \
    "${IMPORT[*]}" >&2
  MEAN=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']:.2f} s mean, {r['min']:.2f} s min, {r['max']:.2f} s max over {len(r['times'])} runs (CPU {r['user']:.2f} s user + {r['system']:.2f} s system)\")" "$WORK/hyperfine.json")
  SECONDS_MEAN=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$WORK/hyperfine.json")
fi
cp "$WORK/base.sqlite" "$WORK/bench.sqlite"
/usr/bin/time -f "%e %M" -o "$WORK/time" "${IMPORT[@]}" >"$WORK/import.out"
read -r ELAPSED PEAK_KB <"$WORK/time"
SECONDS_MEAN=${SECONDS_MEAN:-$ELAPSED}
printf "%-44s %s\n" "import of $ROWS new rows:" "${MEAN:-$ELAPSED s (one run)}"
printf "%-44s %s\n" "result:" "$(cat "$WORK/import.out")"
printf "%-44s %.1f MB\n" "peak RSS of the import process:" "$(awk -v k="$PEAK_KB" 'BEGIN{print k/1024}')"

# Export everything and import it again: 10,045 updates, all unchanged.
"$BIN" export projects --tenant musterstadt --format csv >"$WORK/export.csv"
/usr/bin/time -f "%e %M" -o "$WORK/time2" "$BIN" import projects "$WORK/export.csv" --tenant musterstadt >"$WORK/reimport.out"
read -r ELAPSED2 PEAK2_KB <"$WORK/time2"
printf "%-44s %s s, peak RSS %.1f MB (%s)\n" "re-import of the export (all unchanged):" "$ELAPSED2" "$(awk -v k="$PEAK2_KB" 'BEGIN{print k/1024}')" "$(cat "$WORK/reimport.out")"

echo
echo "Target (2-core machine):"
awk -v s="$SECONDS_MEAN" -v n="$ROWS" 'BEGIN{ printf "  %d rows end to end < 3 s: %s (%.2f s)\n", n, (s+0 < 3) ? "met" : "MISSED", s }'
