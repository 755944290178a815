#!/usr/bin/env bash
# Strategy version diff over HTTP (issue 18): two stored versions of --projects projects (every project ranked and on
# the roadmap, 200 KPIs; the later version with about one project in twenty re-ranked, one in a hundred left or
# joined, some KPIs, a goal and roadmap dates changed — the core's ReportingSample), written by the hidden
# `fahrplan bench-data strategy-versions` into a fresh SQLite database with the demo; then wrk against
# GET /api/v1/strategy-versions/diff?from=&to= (JSON) and the comparison page /m/musterstadt/versions/diff.
# Target: the diff of two versions with 2,000 projects in < 200 ms (p99). Prints p50/p99, req/s, the first (cold)
# request and the answer's size next to the target.
#   benchmarks/strategy-versions-http.sh [--projects 2000] [--duration 15] [--connections 4]
#   FAHRPLAN_BIN=.build/debug/fahrplan benchmarks/strategy-versions-http.sh   (a debug build's figures are not the benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=2000; DURATION=15; CONNECTIONS=4; THREADS=2; TARGET_MS=200
while [ $# -gt 0 ]; do
  case "$1" in
    --projects) PROJECTS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
require_wrk
if [ -n "${FAHRPLAN_BIN:-}" ]; then BIN="$FAHRPLAN_BIN"; BUILD="binary $BIN"; case "$BIN" in *release*) ;; *) BUILD="$BUILD — NOT a release build";; esac
else BIN="$(release_binary fahrplan)"; BUILD="release build"; fi

WORK=$(mktemp -d); PID=""
cleanup() { [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }; rm -rf "$WORK"; }
trap cleanup EXIT
export DATABASE_URL="sqlite://$WORK/bench.sqlite" FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
"$BIN" demo >/dev/null
"$BIN" bench-data strategy-versions --tenant musterstadt --projects "$PROJECTS" >"$WORK/data.out"
FROM=$(awk '/^from:/ {print $2}' "$WORK/data.out"); TO=$(awk '/^to:/ {print $2}' "$WORK/data.out")
[ -n "$FROM" ] && [ -n "$TO" ] || { echo "bench-data wrote no versions" >&2; cat "$WORK/data.out" >&2; exit 1; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
SESSION=$(demo_session "$BASE" "$WORK/cookies")
[ -n "$SESSION" ] || { echo "login failed" >&2; exit 1; }
TOKEN=$("$BIN" token create --email digitalisierung@musterstadt.example --tenant musterstadt --name bench 2>/dev/null | tail -1)
COOKIE="Cookie: fp_session=$SESSION"; BEARER="Authorization: Bearer $TOKEN"
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v }'; }
P99S=()
measure() { # name path header
  local out first size status rps p50 p99
  out=$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total}' -H "$3" "$BASE$2"); status=${out%% *}
  first=$(awk -v t="${out#* }" 'BEGIN{printf "%.1f", t*1000}'); size=$(awk -v s="$(wc -c <"$WORK/body")" 'BEGIN{printf "%.1f", s/1024}')
  if [ "$status" != 200 ]; then printf "%-34s not measured (HTTP %s)\n" "$1" "$status"; P99S+=("$1|"); return; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --timeout 30s -H "$3" "$BASE$2" >/dev/null 2>&1
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -H "$3" "$BASE$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')"); p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  if [ -z "$p99" ] || awk -v r="${rps:-0}" 'BEGIN{exit !(r+0 == 0)}'; then
    printf "%-34s not measured: no request finished in %s s (first, cold: %s ms, %s KB)\n" "$1" "$DURATION" "$first" "$size"; P99S+=("$1|"); return
  fi
  printf "%-34s p50 %7.1f ms   p99 %7.1f ms   %7.1f req/s   %7s KB   first (cold) %s ms\n" "$1" "$p50" "$p99" "$rps" "$size" "$first"
  P99S+=("$1|$p99")
}
MACHINE="$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo
echo "Fahrplan strategy version diff over HTTP — $MACHINE, SQLite, $BUILD, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
tr '\n' ';' <"$WORK/data.out" | sed 's/;$//; s/;/; /g'; echo
measure "GET /api/v1/strategy-versions/diff" "/api/v1/strategy-versions/diff?from=$FROM&to=$TO" "$BEARER"
SUMMARY=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("added %d, removed %d, changed %d, re-ranked %d" % tuple(len(d[k]) for k in ("added","removed","changed","reranked")))' "$WORK/body" 2>/dev/null || echo "?")
echo "  the diff: $SUMMARY"
measure "comparison page (HTML)" "/m/musterstadt/versions/diff?from=$FROM&to=$TO" "$COOKIE"
echo
echo "Target: the diff of two versions with $PROJECTS projects < $TARGET_MS ms (p99) — $MACHINE, $BUILD:"
for entry in "${P99S[@]}"; do
  awk -v n="${entry%%|*}" -v p="${entry#*|}" -v t="$TARGET_MS" 'BEGIN{ if (p == "") printf "  %-34s NOT MEASURED\n", n; else printf "  %-34s %s (%.1f ms)\n", n, (p+0 < t) ? "met" : "MISSED", p }'
done
