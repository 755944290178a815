#!/usr/bin/env bash
# Pages at size over HTTP (issue 19): Musterstadt's demo plus generated projects (benchmarks/generate_projects.py,
# 2,000 in all) and a round over 500 of them rated by 10 raters (the hidden `fahrplan bench-data round`,
# Sources/FahrplanServer/Prioritization/Bench/RoundBenchData.swift); then wrk against the strategy overview, the
# project list (first page and a filtered search), the round page, the rating page
# (rater 1, who has scored 60 %), the ranking (first page, a later page, a search) and the sensitivity page.
# Targets: p99 < 50 ms for round, rating and ranking pages, < 500 ms for the sensitivity page; every page < 150 KB.
#
# Profile (session 26, before the changes; issue 19's figures and a debug server on this data): the ranking page was
# 1,016 KB (a stacked bar, tier reason and explanation for all 500 rows, twice the rows in the figures table) — Leaf
# rendering and the string building of 500 rows were most of it; every result page loaded the round's evaluation anew
# (28,800 scores read row by row and aggregated, the projects' facts) — the rating page did that only for the profile
# figures of its ten projects; the round page listed all 2,000 projects of the municipality as checkboxes (790 KB) and
# loaded the evaluation to count the missing values; the sensitivity page ran the Monte-Carlo simulation (1,000 samples
# × 500 projects) on every request and listed all 500 outcomes (475 KB). The gains, in that order:
#   1. pages: ranking 25 rows a page with a search (ranks stay the whole ranking's; CSV/API keep every project),
#      Monte-Carlo table 25 a page under a stability summary, the round page's scope summarized above 150 projects
#      (?scope=all lists them) — the size and most of the render time;
#   2. RoundResultsCache (per application, 16 rounds, LRU): the evaluation, the provisional ranking's lines, a stored
#      version's worded lines, the weight ranges and the Monte-Carlo outcomes are kept while the round's data stamp —
#      settings, criteria, COUNT and MAX(updated_at) of the scores, scope size, versions, decisions, frame_version — is
#      unchanged; a request reads the stamp (two small queries) instead of 28,800 scores. "first (cold)" below is a
#      request that computes it all; the script then saves one score through the rating form and shows that the next
#      ranking page is recomputed (the stamp changed) and differs.
#
# Profile (session 27, release 3a1e6e4 on this data, wrk -c16, perf record -g): round page 4 req/s (p50 3.5 s), rating
# page 7.7 req/s, ranking 38 req/s (p99 0.8 s), sensitivity 63 req/s (p99 0.4 s); RSS 65 MB idle -> 234 MB. The earlier
# "0 requests" of the round and rating pages was no fault of wrk: each request took > 1 s under 16 connections and the
# 2 s warm-up left its requests queued in the server, so no request of the 10 s run completed (the script now waits for
# that backlog and reports a run without completed requests with the time of one request alone). What the profile showed:
#   - round page: RoundProgress decoded all 30,000 scores (rater, project; UUIDs parsed with sscanf) on every request;
#   - rating page: the rater's ~1,800 scores and the 500 projects decoded as Fluent models (reflection), 140 KB rendered;
#   - ranking and sensitivity: the round's stamp read all 30,000 score rows from the table for MAX(updated_at) (22 % and
#     41 % of the samples), then rendering (Leaf 13-16 %) and the ranking rows' per-row 500-entry dictionaries (19 %);
#   - 16 concurrent misses each loaded the round's evaluation (RSS +150 MB).
# The gains (session 27), debug build before/after on the same data (wrk -c16 -d6s, req/s): round 0 -> 20, rating 1.3 -> 59,
# unrated only 1.5 -> 51, ranking 14 -> 64, sensitivity 22 -> 37, RSS 250 -> 118 MB; release figures: the lead's run.
#   3. migration 033: indexes ratings (round_id, updated_at) — the stamp reads the index only — and (round_id, rater_id,
#      project_id, round_criterion_id) — the raters' progress, the rater's counts and own scores;
#   4. RoundResultsCache: one computation for concurrent misses; memo values without the evaluation (progress counted in
#      SQL, missing values); a score-free evaluation for the rater's page (a saved score does not make it stale);
#      rendered fragments per stamp (the ranking table per version, search, page and language; a rater's page of projects);
#   5. rating page: counts, "unrated only" and the page's projects by indexed queries, own scores of the ten shown projects,
#      the anchors once at the top with a link per score (137 -> 85 KB; 25 a page would be > 150 KB with 6 criteria).
#   The cold first request still computes everything (ranking ~3.5 s, sensitivity ~4.7 s with the Monte-Carlo run, debug).
#
# Profile (session 28, release 85b569a on this data, wrk -c16, perf record -g): a signed-in page's fixed cost was mostly
# FluentKit's reflection — `Fields.properties` reads a Mirror on every query, decoded row and saved model (13 % of the
# samples of a 4 KB page, with swift_getTypeByMangledName under it; 13-17 % on the round page, where the eligible
# raters, criteria and memberships are decoded as models) — SQLKit's identifier quoting (String.replacing, 4-10 %) and
# Leaf (12 % of a small page, 37 % of the project list: 50 rows and the strategy elements' option lists twice). The
# strategy overview also evaluated every running project's and KPI's standing for "due for me" and read every
# reminder sent, on every visit. The gains (session 28), same data, release, single requests / wrk -c16 req/s:
#   6. every model lists its property wrappers by hand (ModelRegistry; ModelPropertyListTests holds each list against
#      the reflection) — all pages;
#   7. project list rows and option lists written with HTMLBuffer (list 88 -> 187 req/s, search 107 -> 183, with 6.);
#   8. round and rating pages read criteria and the person's rater entry once (round 77 -> 118 req/s with 6.);
#   9. the start page's due items kept per frame_version and day, reminders delivered once per such state (overview
#      123 -> 617 req/s, p99 40 ms);
#  10. Swift concurrency back on its own thread pool: on the event loops (session 27) the p99 of every page was worse,
#      the sensitivity page's 3.4 s instead of 0.1 s (FAHRPLAN_CONCURRENCY_ON_EVENT_LOOPS=1 compares).
#   benchmarks/round-pages-http.sh [--projects 2000] [--round-projects 500] [--raters 10] [--duration 10] [--connections 16]
#     [--only REGEX (pages whose name matches)] [--keep FILE (set up and serve only; variables for perf/wrk in FILE)]
#   FAHRPLAN_BIN=.build/debug/fahrplan benchmarks/round-pages-http.sh   (a debug build's figures are not the benchmark)
#   BENCH_DATABASE_URL=postgres://… benchmarks/round-pages-http.sh     (an EMPTY PostgreSQL database; default: SQLite)
# Release builds and runs only under the session lock: flock /tmp/fahrplan-helpers/release.lock benchmarks/round-pages-http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=2000; ROUND_PROJECTS=500; RATERS=10; DURATION=10; CONNECTIONS=16; THREADS=2; KEEP=""; ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP="$2"; shift 2 ;;   # FILE: set up data and server, write BASE/PID/cookies/paths to FILE, leave it running
    --only) ONLY="$2"; shift 2 ;;   # REGEX: measure only the pages whose name matches (e.g. 'ranking|rating')
    --projects) PROJECTS="$2"; shift 2 ;;
    --round-projects) ROUND_PROJECTS="$2"; shift 2 ;;
    --raters) RATERS="$2"; shift 2 ;;
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
if [ -n "${BENCH_DATABASE_URL:-}" ]; then export DATABASE_URL="$BENCH_DATABASE_URL"; DB="PostgreSQL"; else export DATABASE_URL="sqlite://$WORK/bench.sqlite"; DB="SQLite"; fi
export FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
"$BIN" demo >/dev/null
DEMO_PROJECTS=45
python3 benchmarks/generate_projects.py "$((PROJECTS - DEMO_PROJECTS))" "$WORK/projekte.csv"
"$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt >"$WORK/import.out"
"$BIN" bench-data round --tenant musterstadt --projects "$ROUND_PROJECTS" --raters "$RATERS" >"$WORK/data.out"
ROUND=$(awk '/^round:/ {print $2}' "$WORK/data.out")
RATER=$(awk '/^rater:/ {print $2}' "$WORK/data.out")

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
TEAM=$(demo_session "$BASE" "$WORK/team-cookies")
RATER_SESSION=$(demo_session "$BASE" "$WORK/rater-cookies" "$RATER")
[ -n "$TEAM" ] && [ -n "$RATER_SESSION" ] || { echo "login failed" >&2; exit 1; }
TEAM_COOKIE="Cookie: fp_session=$TEAM"; RATER_COOKIE="Cookie: fp_session=$RATER_SESSION"
ROUND_PATH="/m/musterstadt/prioritization/rounds/$ROUND"
if [ -n "$KEEP" ]; then
  # For profiling (perf record -g -p $PID) and hand-made wrk runs: nothing measured, the server and its data stay.
  printf 'BASE=%q\nPID=%q\nWORK=%q\nTEAM_COOKIE=%q\nRATER_COOKIE=%q\nROUND_PATH=%q\n' \
    "$BASE" "$PID" "$WORK" "$TEAM_COOKIE" "$RATER_COOKIE" "$ROUND_PATH" >"$KEEP"
  echo "server $PID on $BASE kept (variables in $KEEP); stop it with: kill $PID; rm -rf $WORK"
  PID=""; trap - EXIT; exit 0
fi
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else if (v ~ /s$/) {sub(/s$/,"",v); print v*1000} else print v }'; }
RESULTS=()
measure() { # name path header target_ms
  local out first size status rps p50 p99
  if [ -n "$ONLY" ] && ! [[ "$1" =~ $ONLY ]]; then return; fi
  out=$(curl -s -o "$WORK/body" -w '%{http_code} %{time_total}' -H "$3" "$BASE$2"); status=${out%% *}
  first=$(awk -v t="${out#* }" 'BEGIN{printf "%.1f", t*1000}'); size=$(awk -v s="$(wc -c <"$WORK/body")" 'BEGIN{printf "%.1f", s/1024}')
  if [ "$status" != 200 ]; then printf "%-34s not measured (HTTP %s)\n" "$1" "$status"; RESULTS+=("$1|||$4"); return; fi
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s --timeout 30s -H "$3" "$BASE$2" >/dev/null 2>&1
  # wrk leaves its unanswered warm-up requests queued in the server; one request after them waits until they are
  # done, so that the measured run does not start behind a backlog (that backlog, at > 1 s a request, made the
  # first release runs of the round and rating pages complete no request at all in 10 s).
  curl -s -o /dev/null -m 120 -H "$3" "$BASE$2" || true
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -H "$3" "$BASE$2")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  # A run without a completed request, or with error answers, measured nothing: it must not count as met.
  local errors; errors=$(echo "$out" | { grep -E "Non-2xx|Socket errors" || true; } | tr -s ' ' | tr '\n' ';')
  if [ -n "$errors" ] || awk -v r="${rps:-0}" 'BEGIN{exit !(r+0 == 0)}'; then
    # No completed request in the run means each took longer than the run under this load: say how long one takes alone.
    local single; single=$(curl -s -o /dev/null -m 120 -w '%{time_total}' -H "$3" "$BASE$2")
    printf "%-34s not measured (wrk: %s req/s; %s); one request alone %.1f ms\n" "$1" "${rps:-0}" "${errors:-no errors reported}" \
      "$(awk -v t="$single" 'BEGIN{print t*1000}')"; RESULTS+=("$1|||$4"); return
  fi
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')"); p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  printf "%-34s p50 %7.1f ms   p99 %7.1f ms   %8.1f req/s   %7s KB   first (cold) %s ms\n" "$1" "$p50" "$p99" "$rps" "$size" "$first"
  RESULTS+=("$1|$p99|$size|$4")
}
MACHINE="$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo
echo "Fahrplan pages at size (strategy overview, project list, round pages) — $MACHINE, $DB, $BUILD, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "$PROJECTS projects in the municipality ($(tail -1 "$WORK/import.out")); $(tr '\n' ';' <"$WORK/data.out" | sed 's/;$//; s/;/; /g')"
measure "strategy overview" "/m/musterstadt" "$TEAM_COOKIE" 50
measure "project list, page 1" "/m/musterstadt/projects" "$TEAM_COOKIE" 50
measure "project list, filtered search" "/m/musterstadt/projects?q=Wohngeld&status=inProgress" "$TEAM_COOKIE" 50
measure "round page (strategy team)" "$ROUND_PATH" "$TEAM_COOKIE" 50
measure "rating page (rater, 60 % done)" "$ROUND_PATH/rate" "$RATER_COOKIE" 50
measure "rating page, unrated only" "$ROUND_PATH/rate?filter=open" "$RATER_COOKIE" 50
measure "ranking, page 1" "$ROUND_PATH/ranking" "$TEAM_COOKIE" 50
measure "ranking, page 10" "$ROUND_PATH/ranking?page=10" "$TEAM_COOKIE" 50
measure "ranking, search" "$ROUND_PATH/ranking?q=Wohngeld" "$TEAM_COOKIE" 50
measure "sensitivity (1,000 samples)" "$ROUND_PATH/sensitivity" "$TEAM_COOKIE" 500

# One score through the rating form (rater 1 changes the first project's first criterion, with a justification):
# the round's stamp changed, so the next result page recomputes and the project's scores page shows the new score.
python3 - "$BASE" "$ROUND_PATH" "$RATER_SESSION" >"$WORK/rate.out" <<'PY'
import re, sys, urllib.request, urllib.parse, html
base, path, session = sys.argv[1:4]
headers = {"Cookie": "fp_session=" + session}
page = urllib.request.urlopen(urllib.request.Request(base + path + "/rate", headers=headers)).read().decode()
csrf = re.search(r'name="_csrf" value="([^"]*)"', page).group(1)
selects = re.findall(r'<select id="r-([0-9A-F-]{36})-([^"]+)-score" name="score\[\]">(.*?)</select>', page, re.S)
project, key, options = selects[0]
values = [v for v in re.findall(r'<option value="([^"]*)"', options) if v]
current = re.search(r'<option value="([^"]*)" selected', options)
new = values[0] if current and current.group(1) == values[-1] else values[-1]
fields = [("_csrf", csrf), ("page", "1"), ("filter", "all"), ("intent", "save"),
          ("projectID[]", project), ("criterionKey[]", key), ("score[]", new), ("justification[]", "Neu bewertet im Benchmark")]
request = urllib.request.Request(base + path + "/rate", data=urllib.parse.urlencode(fields).encode(), headers=headers)
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None
try:
    status = urllib.request.build_opener(NoRedirect).open(request).status
except urllib.error.HTTPError as error:
    status = error.code
print(status, project, key, new)
PY
PROJECT=$(cut -d' ' -f2 "$WORK/rate.out")
AFTER=$(curl -s -o /dev/null -w '%{time_total}' -H "$TEAM_COOKIE" "$BASE$ROUND_PATH/ranking?page=1")
AGAIN=$(curl -s -o /dev/null -w '%{time_total}' -H "$TEAM_COOKIE" "$BASE$ROUND_PATH/ranking?page=1")
curl -s -o "$WORK/after.html" -H "$TEAM_COOKIE" "$BASE$ROUND_PATH/projects/$PROJECT"
CHANGED=0; grep -q "Neu bewertet im Benchmark" "$WORK/after.html" && CHANGED=1
printf "%-34s %.1f ms (rating form: HTTP %s); new score shown: %s; the next request %.1f ms\n" "ranking after one new score" \
  "$(awk -v t="$AFTER" 'BEGIN{print t*1000}')" "$(cut -d' ' -f1 "$WORK/rate.out")" "$([ $CHANGED = 1 ] && echo yes || echo NO)" \
  "$(awk -v t="$AGAIN" 'BEGIN{print t*1000}')"
echo "server RSS after the run: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)"

echo
echo "Targets — $MACHINE, $DB, $BUILD:"
for entry in "${RESULTS[@]}"; do
  IFS='|' read -r name p99 size target <<<"$entry"
  awk -v n="$name" -v p="$p99" -v s="$size" -v t="$target" 'BEGIN{
    if (p == "") { printf "  %-34s NOT MEASURED\n", n; exit }
    printf "  %-34s p99 %s (%.1f ms < %d ms)   size %s (%.1f KB < 150 KB)\n", n, (p+0 < t) ? "met" : "MISSED", p, t, (s+0 < 150) ? "met" : "MISSED", s }'
done
[ $CHANGED = 1 ] || { echo "  STALE: the project's scores page did not show the new score"; exit 1; }
