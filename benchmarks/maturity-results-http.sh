#!/usr/bin/env bash
# Maturity results over HTTP (issue 17): a Quick-Check round of --responses anonymous responses × --statements statements
# (8 topic fields, 12 departments, one under k) in a fresh SQLite database, written by the hidden
# `fahrplan bench-data maturity` (Sources/FahrplanServer/Maturity/Results/Bench/MaturityResultsBenchData.swift); then
# wrk against the results page, the page with the department breakdown, GET /api/v1/maturity/surveys/{id}/results and
# the results CSV. Target: results of 20,000 × 60 in < 300 ms (p99). Prints p50/p99, the first (cold) request and sizes,
# then sends ONE more answer through the public answer API and times the page again: it must show the new count
# (results are cached per round state — responses, k, questionnaire — and recomputed once after a new answer).
#
# Profile (issue 17, session 25; perf on the debug server, 20,000 × 60, page without breakdown): Leaf rendering of
# the 360 KB page 48 %, sorting 2,000 free texts with localizedStandardCompare 26 % (every request), the core's
# counting 10 % (done twice: page and trend), the rest database and HTTP. The gains, in that order: the page shrank
# to a third (first steps: one form with the unit list once instead of a form and a 20-unit list per step — 190 KB;
# free texts: identical ones once with their count, at most 200 distinct on the screen page, all in print and JSON —
# 110 KB), so Leaf has a third to render; free texts are sorted once per round state, not per request; the figures
# are computed once per round state (LRU cache, `MaturityResultsCaches`) and the trend reuses the current round's
# figures, so a request does one indexed COUNT per round instead of reading and counting 20,000 rows.
# Session 27 (the page after a new answer, 0.47–0.71 s in the release profile: reading and decoding 20,000 rows 38 %,
# of it JSONDecoder for grouping/free-text arrays 22 %; sorting free texts 20 %): the results keep a per-round aggregate
# (MaturityRoundAggregate) and add only the answers numbered above its watermark (maturity_responses.seq, migration
# 034), so the page after a new answer reads one row instead of 20,000; a full recomputation parses those arrays
# without JSONDecoder and sorts each distinct free text once. Debug build: 214 ms after the answer (cached: 130 ms).
#   benchmarks/maturity-results-http.sh [--responses 20000] [--statements 60] [--duration 15] [--connections 4]
#   FAHRPLAN_BIN=.build/debug/fahrplan benchmarks/maturity-results-http.sh   (a debug build's figures are not the benchmark)
set -euo pipefail
cd "$(dirname "$0")/.."
RESPONSES=20000; STATEMENTS=60; DURATION=15; CONNECTIONS=4; THREADS=2; TARGET_MS=300
while [ $# -gt 0 ]; do
  case "$1" in
    --responses) RESPONSES="$2"; shift 2 ;;
    --statements) STATEMENTS="$2"; shift 2 ;;
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
"$BIN" bench-data maturity --tenant musterstadt --responses "$RESPONSES" --statements "$STATEMENTS" >"$WORK/data.out"
ROUND=$(awk '/^round:/ {print $2}' "$WORK/data.out")

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
  if [ "$status" != 200 ]; then printf "%-36s not measured (HTTP %s)\n" "$1" "$status"; return; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s --timeout 30s -H "$3" "$BASE$2" >/dev/null 2>&1
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -H "$3" "$BASE$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')"); p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  if [ -z "$p99" ] || awk -v r="${rps:-0}" 'BEGIN{exit !(r+0 == 0)}'; then
    printf "%-36s not measured: no request finished in %s s (first, cold: %s ms, %s KB)\n" "$1" "$DURATION" "$first" "$size"; P99S+=("$1|"); return
  fi
  printf "%-36s p50 %7.1f ms   p99 %7.1f ms   %7.1f req/s   %7s KB   first (cold) %s ms\n" "$1" "$p50" "$p99" "$rps" "$size" "$first"
  P99S+=("$1|$p99")
}
MACHINE="$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo
echo "Fahrplan maturity results over HTTP — $MACHINE, SQLite, $BUILD, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
tr '\n' ';' <"$WORK/data.out" | sed 's/;$//; s/;/; /g'; echo
measure "results page" "/m/musterstadt/maturity/surveys/$ROUND/results" "$COOKIE"
measure "results page, by department" "/m/musterstadt/maturity/surveys/$ROUND/results?group=department" "$COOKIE"
measure "GET /api/v1/…/results?group=department" "/api/v1/maturity/surveys/$ROUND/results?group=department" "$BEARER"
measure "results CSV" "/m/musterstadt/maturity/surveys/$ROUND/results/results.csv" "$COOKIE"

# One more answer through the public answer API (the round is open), then the page once: recomputed, new count.
SURVEY_TOKEN=$(awk '/^token:/ {print $2}' "$WORK/data.out")
[ -n "$SURVEY_TOKEN" ] || { echo "bench-data printed no round token: this binary predates the answer step" >&2; exit 1; }
python3 - "$BASE" "$SURVEY_TOKEN" >"$WORK/answer.out" <<'PY'
import json, sys, urllib.request, uuid
base, token = sys.argv[1:3]
form = json.load(urllib.request.urlopen(base + "/api/v1/surveys/" + token))
levels = [l["value"] for l in form["scale"]["levels"]]
ratings = {s["key"]: levels[-1] for f in form["fields"] for s in f["statements"]}
body = json.dumps({"submissionKey": str(uuid.uuid4()), "ratings": ratings, "groups": {}, "freeTexts": {}}).encode()
req = urllib.request.Request(base + "/api/v1/surveys/" + token + "/responses", data=body, headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req).status)
PY
AFTER=$(curl -s -o "$WORK/after.html" -w '%{http_code} %{time_total}' -H "$COOKIE" "$BASE/m/musterstadt/maturity/surveys/$ROUND/results")
AFTER_MS=$(awk -v t="${AFTER#* }" 'BEGIN{printf "%.1f", t*1000}')
SHOWN=$(grep -o 'id="mres-responses">[^<]*<' "$WORK/after.html" | sed 's/.*>//; s/<$//; s/[^0-9]//g')
AGAIN=$(curl -s -o /dev/null -w '%{time_total}' -H "$COOKIE" "$BASE/m/musterstadt/maturity/surveys/$ROUND/results")
printf "%-36s %s ms (answer: HTTP %s; page shows %s responses, expected %s); the next request %.1f ms\n" "results page after one new answer" \
  "$AFTER_MS" "$(cat "$WORK/answer.out")" "${SHOWN:-?}" "$((RESPONSES + 1))" "$(awk -v t="$AGAIN" 'BEGIN{print t*1000}')"
STALE=0; [ "${SHOWN:-0}" = "$((RESPONSES + 1))" ] || STALE=1
echo
echo "Target: results of $RESPONSES × $STATEMENTS < $TARGET_MS ms (p99) — $MACHINE, $BUILD:"
for entry in "${P99S[@]}"; do
  awk -v n="${entry%%|*}" -v p="${entry#*|}" -v t="$TARGET_MS" 'BEGIN{ if (p == "") printf "  %-36s NOT MEASURED\n", n; else printf "  %-36s %s (%.1f ms)\n", n, (p+0 < t) ? "met" : "MISSED", p }'
done
awk -v p="$AFTER_MS" -v t="$TARGET_MS" 'BEGIN{ printf "  %-36s %s (%.1f ms, one request)\n", "after a new answer (recomputed)", (p+0 < t) ? "met" : "MISSED", p }'
if [ "$STALE" = 1 ]; then echo "  STALE: the page after a new answer did not show $((RESPONSES + 1)) responses"; exit 1; fi
