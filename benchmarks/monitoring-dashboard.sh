#!/usr/bin/env bash
# Monitoring dashboard benchmark (issue 16): the strategy team's dashboard of a municipality with 2,000 projects,
# 10,000 status reports and 200 KPIs with 5 years of monthly measurements; target p99 < 50 ms at 4 connections
# (wrk, release build). Fresh SQLite database: the demo municipality, --projects generated projects
# (benchmarks/generate_projects.py, imported with `fahrplan import projects`), then `fahrplan bench-data monitoring`
# (a hidden command, Sources/FahrplanServer/Monitoring/Bench/MonitoringBenchData.swift): three quarters of the
# generated projects in implementation and a tenth completed, with monitoring owners, --reports status reports
# spread over them (about monthly, a fifth of the projects stale), 3 milestones each (some late), --kpis KPIs on
# the demo's goals with --months monthly measurements each. Deterministic for a day.
# Measures with wrk (--connections, --duration) each route that answers 200: the dashboard page
# GET /m/:m/monitoring, GET /api/v1/monitoring/dashboard, and for comparison the KPI list and roll-up pages and
# the municipality's start page (it lists what is due for the signed-in owner, computed over all subjects);
# a route that does not answer 200 is printed as "not measured (HTTP <code>)". Prints p50/p90/p99, requests/s,
# response sizes, the data sizes, the target, and the time of each load the dashboard makes (with leaner
# alternatives), so that a miss says where the time goes.
#   benchmarks/monitoring-dashboard.sh [--projects 2000] [--reports 10000] [--kpis 200] [--months 60]
#                                      [--duration 20] [--connections 4] [--threads 2]
#   FAHRPLAN_BIN=.build/debug/fahrplan benchmarks/monitoring-dashboard.sh   uses an already built binary (a debug
#   build's figures are not the benchmark; the output says so).
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=2000
REPORTS=10000
KPIS=200
MONTHS=60
DURATION=20
CONNECTIONS=4
# wrk shares the cores with the server; see benchmarks/http.sh for why two threads.
THREADS=2
TARGET_MS=50
while [ $# -gt 0 ]; do
  case "$1" in
    --projects) PROJECTS="$2"; shift 2 ;;
    --reports) REPORTS="$2"; shift 2 ;;
    --kpis) KPIS="$2"; shift 2 ;;
    --months) MONTHS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done


# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
require_wrk
if [ -n "${FAHRPLAN_BIN:-}" ]; then
  BIN="$FAHRPLAN_BIN"
  BUILD="binary $BIN (FAHRPLAN_BIN)"
  case "$BIN" in
    *release*) ;;
    *) BUILD="$BUILD — NOT a release build: these figures are not the benchmark" ;;
  esac
else
  BIN="$(release_binary fahrplan)"
  BUILD="release build"
fi

WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; rm -rf "$WORK"; }
trap cleanup EXIT
export DATABASE_URL="sqlite://$WORK/bench.sqlite" FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }

T0=$(date +%s.%N)
"$BIN" demo >/dev/null
python3 benchmarks/generate_projects.py "$PROJECTS" "$WORK/projekte.csv"
"$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt >"$WORK/import.out" 2>"$WORK/import.err" \
  || { echo "import failed:" >&2; head -20 "$WORK/import.err" >&2; exit 1; }
IMPORT_SECONDS=$(seconds_since "$T0")
T0=$(date +%s.%N)
"$BIN" bench-data monitoring --tenant musterstadt --reports "$REPORTS" --kpis "$KPIS" --months "$MONTHS" >"$WORK/bench-data.out" \
  2>"$WORK/bench-data.err" || { echo "bench-data failed:" >&2; tail -20 "$WORK/bench-data.err" >&2; exit 1; }
GENERATE_SECONDS=$(seconds_since "$T0")

# What the municipality holds (the demo's own rows included).
SIZES=$(python3 - "$WORK/bench.sqlite" <<'EOF'
import sqlite3, sys, os
db = sqlite3.connect(sys.argv[1])
m = db.execute("select id from municipalities where slug = 'musterstadt'").fetchone()[0]
one = lambda sql: db.execute(sql, (m,)).fetchone()[0]
projects = one("select count(*) from projects where municipality_id = ? and archived_at is null")
running = one("select count(*) from projects where municipality_id = ? and archived_at is null and status = 'inProgress'")
reports = one("select count(*) from status_reports where municipality_id = ?")
milestones = one("select count(*) from milestones where municipality_id = ?")
kpis = one("select count(*) from kpis where municipality_id = ?")
values = one("select count(*) from kpi_measurements where municipality_id = ?")
print(f"data: {projects} projects ({running} in implementation), {reports} status reports, {milestones} milestones, "
      f"{kpis} KPIs, {values} measurements; database {os.path.getsize(sys.argv[1]) / 1048576:.1f} MB")
EOF
)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# A signed-in browser session of the strategy team (login form with its CSRF cookie) and an API token.
SESSION=$(demo_session "$BASE" "$WORK/cookies")
[ -n "$SESSION" ] || { echo "login failed" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }
TOKEN=$("$BIN" token create --email digitalisierung@musterstadt.example --tenant musterstadt --name bench 2>/dev/null | tail -1)
COOKIE="Cookie: fp_session=$SESSION"
BEARER="Authorization: Bearer $TOKEN"

to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v }'; }

ROUTES=("dashboard page|/m/musterstadt/monitoring|$COOKIE"
        "GET /api/v1/monitoring/dashboard|/api/v1/monitoring/dashboard|$BEARER"
        "KPI list page|/m/musterstadt/kpis|$COOKIE"
        "KPI roll-up page|/m/musterstadt/kpis/rollup|$COOKIE"
        "start page (what is due for me)|/m/musterstadt|$COOKIE")
key() { echo "${1//[^a-zA-Z0-9]/_}"; }

# First, one request per route on the idle server (cold: templates, caches): status, size and time. wrk runs
# after all of them, so no route's first request waits behind another route's unfinished load.
first_request() { # name path header
  local key out
  key=$(key "$1")
  out=$(curl -s -o "$WORK/body-$key" -w '%{http_code} %{time_total}' -H "$3" "$BASE$2")
  echo "${out%% *}" >"$WORK/status-$key"
  awk -v t="${out#* }" 'BEGIN{printf "%.1f", t*1000}' >"$WORK/first-$key"
}

measure() { # name path header → one line; leaves the p99 in ms in $WORK/p99-<name> (empty when not measured)
  local name="$1" path="$2" header="$3" key status size first
  key=$(key "$name")
  : >"$WORK/p99-$key"
  status=$(cat "$WORK/status-$key"); first=$(cat "$WORK/first-$key")
  if [ "$status" != 200 ]; then
    printf "%-34s not measured (HTTP %s, %s)\n" "$name" "$status" "$path"
    return
  fi
  size=$(awk -v s="$(wc -c <"$WORK/body-$key")" 'BEGIN{printf "%.1f", s/1024}')
  # wrk leaves answers slower than its timeout out of the percentiles; 30 s keeps a slow tail in them.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --timeout 30s -H "$header" "$BASE$path" >/dev/null 2>&1   # warm-up
  local out rps p50 p90 p99 non2xx count timeouts
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -H "$header" "$BASE$path")
  count=$(echo "$out" | awk '/requests in/ {print $1}')
  timeouts=$(echo "$out" | awk '/Socket errors/ {for (i = 1; i <= NF; i++) if ($i == "timeout") print $(i+1)+0}')
  if [ "${count:-0}" -eq 0 ] || [ "${timeouts:-0}" -gt 0 ]; then
    printf "%-34s not measured: %s requests in %s s (%s timeouts), first request %s ms, %s KB\n" "$name" "${count:-0}" "$DURATION" \
      "${timeouts:-0}" "$first" "$size"
  else
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
    p90=$(to_ms "$(echo "$out" | awk '$1=="90%" {print $2}')")
    p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
    non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
    printf "%-34s p50 %7.1f ms   p90 %7.1f ms   p99 %7.1f ms   %7.1f req/s   %6s KB   first request %s ms   non-2xx %s%s\n" \
      "$name" "$p50" "$p90" "$p99" "$rps" "$size" "$first" "${non2xx:-0}" "$([ "$count" -lt 100 ] && echo "   (only $count requests)")"
    echo "$p99" >"$WORK/p99-$key"
  fi
  # Let the requests wrk left in flight finish before the next route is measured.
  curl -s -o /dev/null -H "$header" "$BASE$path"
  sleep 1
}

echo
echo "Fahrplan monitoring dashboard benchmark — $(nproc) cores, SQLite, $BUILD, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, log level $LOG_LEVEL, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$SIZES"
echo "setup: demo + import of $PROJECTS projects ${IMPORT_SECONDS} s, monitoring data ${GENERATE_SECONDS} s ($(tr '\n' ';' <"$WORK/bench-data.out" | sed 's/;$//; s/;/; /g'))"
for route in "${ROUTES[@]}"; do IFS='|' read -r name path header <<<"$route"; first_request "$name" "$path" "$header"; done
for route in "${ROUTES[@]}"; do IFS='|' read -r name path header <<<"$route"; measure "$name" "$path" "$header"; done

echo
echo "Where the dashboard's time goes — each load alone on the idle server, median of 10 runs (fahrplan bench-data monitoring-loads):"
"$BIN" bench-data monitoring-loads --tenant musterstadt --runs 10 2>&1 | sed 's/^/  /'

echo
echo "Target ($(nproc)-core machine, $CONNECTIONS connections):"
verdict() { # name
  local p99
  p99=$(cat "$WORK/p99-${1//[^a-zA-Z0-9]/_}")
  if [ -z "$p99" ]; then
    echo "  p99 < $TARGET_MS ms, $1: NOT MEASURED (see above)"
  else
    awk -v p="$p99" -v t="$TARGET_MS" -v n="$1" 'BEGIN{ if (p+0 < t) printf "  p99 < %d ms, %s: met (%.1f ms)\n", t, n, p;
      else printf "  p99 < %d ms, %s: MISSED by %.1f ms (%.1f ms)\n", t, n, p - t, p }'
  fi
}
verdict "dashboard page"
verdict "GET /api/v1/monitoring/dashboard"
