#!/usr/bin/env bash
# HTTP benchmark of the foundation: requests/s and p50/p99 latency of the strategy overview page and of
# GET /api/v1/goals at 64 connections (wrk), plus the server's idle and loaded resident memory.
# Release build, fresh SQLite database with the demo municipality. Prints figures and the targets.
#   benchmarks/http.sh [--duration 20] [--connections 64] [--threads 2]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=20
CONNECTIONS=64
# wrk shares the 2 cores with the server; one thread is too few to parse the responses, two compete with
# the server for CPU. Two measured the server better; --threads changes it.
THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done


# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh  # the working directory is the repository root (cd above)
require_wrk
BIN="$(release_binary fahrplan)"

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export DATABASE_URL="sqlite://$WORK/bench.sqlite" FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-info}"
"$BIN" serve --demo --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$PID/status"; }

# A signed-in browser session (login form with its CSRF cookie) and an API token.
SESSION=$(demo_session "$BASE" "$WORK/cookies")
[ -n "$SESSION" ] || { echo "login failed" >&2; cat "$WORK/server.log" >&2; exit 1; }
TOKEN=$("$BIN" token create --email digitalisierung@musterstadt.example --tenant musterstadt --name bench 2>/dev/null | tail -1)
curl -fs -o /dev/null -H "Cookie: fp_session=$SESSION" "$BASE/m/musterstadt" || { echo "overview not reachable" >&2; exit 1; }
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/goals" || { echo "API not reachable" >&2; exit 1; }

sleep 2
IDLE_RSS=$(rss_mb)

PEAK_FILE="$WORK/peak"
echo 0 >"$PEAK_FILE"
sample_rss() { while kill -0 "$PID" 2>/dev/null; do r=$(rss_mb); awk -v r="$r" -v f="$PEAK_FILE" 'BEGIN{getline p < f; if (r+0 > p+0) {print r > f}}'; sleep 0.25; done; }
sample_rss & SAMPLER=$!

run_wrk() { # name path header
  local name="$1" path="$2" header="$3"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "$header" "$BASE$path" >/dev/null 2>&1   # warm-up
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$header" "$BASE$path")
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  printf "%-28s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n" "$name" "$rps" "$p50" "$p99" "${non2xx:-0}"
  echo "$p99" >"$WORK/p99-${name//[^a-z0-9]/_}"
}

echo
echo "Fahrplan HTTP benchmark — $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, SQLite, release build, log level $LOG_LEVEL"
run_wrk "strategy overview page" "/m/musterstadt" "Cookie: fp_session=$SESSION"
run_wrk "GET /api/v1/goals" "/api/v1/goals" "Authorization: Bearer $TOKEN"
LOADED_RSS=$(cat "$PEAK_FILE")
kill "$SAMPLER" 2>/dev/null || true
printf "%-28s %10s MB\n" "RSS idle" "$IDLE_RSS"
printf "%-28s %10s MB\n" "RSS peak under load" "$LOADED_RSS"

to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v }'; }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN{ print (a+0 < b+0) ? "met" : "MISSED" }'; }
echo
echo "Targets (2-core machine):"
echo "  idle RSS < 60 MB:            $(verdict "$IDLE_RSS" 60) ($IDLE_RSS MB)"
for name in "strategy overview page" "GET /api/v1/goals"; do
  ms=$(to_ms "$(cat "$WORK/p99-${name//[^a-z0-9]/_}")")
  echo "  p99 < 25 ms, $name: $(verdict "$ms" 25) ($ms ms)"
done
