#!/usr/bin/env bash
# Many municipalities on one PostgreSQL (issue 19): `fahrplan demo --municipalities N --projects M` generates first
# --small (10) and then --large (1,000) municipalities × --projects (200) with a prioritization round each; two
# `fahrplan serve` processes run behind nginx (Debian package, installed when missing) as a least-connections
# balancer; wrk with benchmarks/scale/pages.lua spreads the requests of each page over random municipalities and
# their logged-in users (sessions from the login form, --sample municipalities each). Per page: req/s, p50 and p99
# at both sizes side by side, against the target p99 < 50 ms, and whether the time depends on the number of
# municipalities. Then one request per page on a fresh server whose database sessions run auto_explain (ANALYZE):
# the scan nodes of every query plan, and a flag on any sequential scan of a tenant table (one with municipality_id).
# Prints the machine (cores, load, CPU model). PostgreSQL is a throwaway cluster of scripts/postgres.sh.
#
#   flock /tmp/fahrplan-helpers/release.lock benchmarks/scale-http.sh [--small 10] [--large 1000] [--projects 200]
#       [--round-projects R] [--raters 3] [--jobs 4] [--sample 40] [--duration 10] [--connections 16] [--threads 2]
#   FAHRPLAN_BIN=.build/debug/fahrplan benchmarks/scale-http.sh …   (a debug build's figures are not the benchmark)
#
# Results: see benchmarks/scale/RESULTS.md (figures as printed, with the size and machine they were measured at).
set -euo pipefail
cd "$(dirname "$0")/.."
SMALL=10; LARGE=1000; PROJECTS=200; ROUND_PROJECTS=""; RATERS=3; JOBS=4; SAMPLE=40; DURATION=10; CONNECTIONS=16; THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --small) SMALL="$2"; shift 2 ;;
    --large) LARGE="$2"; shift 2 ;;
    --projects) PROJECTS="$2"; shift 2 ;;
    --round-projects) ROUND_PROJECTS="$2"; shift 2 ;;
    --raters) RATERS="$2"; shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    --sample) SAMPLE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# shellcheck source=benchmarks/lib.sh
. benchmarks/lib.sh
require_wrk
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "installing nginx (Debian package)…" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ -n "${FAHRPLAN_BIN:-}" ]; then BIN="$FAHRPLAN_BIN"; BUILD="binary $BIN"; case "$BIN" in *release*) ;; *) BUILD="$BUILD — NOT a release build";; esac
else BIN="$(release_binary fahrplan)"; BUILD="release build"; fi
BIN=$(realpath "$BIN")

WORK=$(mktemp -d /tmp/fahrplan-scale.XXXXXX)
export FAHRPLAN_PG_STATE_DIR="$WORK/pg-state"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  scripts/postgres.sh stop >/dev/null 2>&1 || true
  sleep 0.2; rm -rf "$WORK"
}
trap cleanup EXIT
PG_ADMIN=$(scripts/postgres.sh start)
# shellcheck disable=SC1091
. "$FAHRPLAN_PG_STATE_DIR/state"   # PGDIR: the cluster's directory, its log is $PGDIR/server.log
psql "$PG_ADMIN" -qAt -c "CREATE DATABASE fahrplan_scale" >/dev/null
PSQL=(psql "${PG_ADMIN%/postgres}/fahrplan_scale" -qAt)
export DATABASE_URL="${PG_ADMIN%/postgres}/fahrplan_scale" FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

generate() { # N — generates up to N municipalities (existing ones are skipped)
  local started; started=$(date +%s)
  # Loading only: commits need not wait for the disk (reset before anything is measured).
  psql "$PG_ADMIN" -qAt -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
  "$BIN" demo --municipalities "$1" --projects "$PROJECTS" ${ROUND_PROJECTS:+--round-projects "$ROUND_PROJECTS"} --raters "$RATERS" \
    --jobs "$JOBS" >"$WORK/generate.out" 2>"$WORK/generate.err" || { tail -20 "$WORK/generate.err" >&2; exit 1; }
  psql "$PG_ADMIN" -qAt -c "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null
  "${PSQL[@]}" -c "VACUUM ANALYZE" >/dev/null
  grep -E "^Generated|^  (units|projects|users)" "$WORK/generate.out" | sed 's/^/  /'
  echo "  generated (and VACUUM ANALYZE) in $(( $(date +%s) - started )) s; database size $("${PSQL[@]}" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
}

start_server() { # PORT — prints nothing; the pid goes to PIDS
  "$BIN" serve --no-migrate --hostname 127.0.0.1 --port "$1" >"$WORK/server-$1.out" 2>"$WORK/server-$1.log" &
  PIDS+=($!)
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "server on $1 did not start" >&2; tail -20 "$WORK/server-$1.log" >&2; exit 1
}

PAGES=(overview projects search round rate ranking)
declare -A PAGE_NAME=([overview]="strategy overview" [projects]="project list, first page" [search]="project list, filtered search"
                      [round]="round page" [rate]="rating page (rater)" [ranking]="ranking page")

# Sessions for a sample of the first N municipalities: the strategy team and the first rater of each, logged in through
# the balancer's login form; one file of "<path>\t<cookie>" lines per page.
prepare_lines() { # N DIR
  local n="$1" dir="$2" slug round team rater
  mkdir -p "$dir"; : >"$dir/slugs"
  python3 -c "import random,sys; n,k=int(sys.argv[1]),int(sys.argv[2]); random.seed(19); print('\n'.join('scale-%04d' % i for i in sorted(random.sample(range(1,n+1), min(n,k)))))" \
    "$n" "$SAMPLE" >"$dir/slugs"
  for page in "${PAGES[@]}"; do : >"$dir/$page"; done
  while read -r slug; do
    round=$("${PSQL[@]}" -c "SELECT r.id FROM prioritization_rounds r JOIN municipalities m ON m.id = r.municipality_id WHERE m.slug = '$slug' LIMIT 1")
    team=$(demo_session "$BASE" "$dir/jar-team-$slug" "team@$slug.example")
    rater=$(demo_session "$BASE" "$dir/jar-rater-$slug" "rater01@$slug.example")
    [ -n "$team" ] && [ -n "$rater" ] && [ -n "$round" ] || { echo "no session or round for $slug" >&2; exit 1; }
    round=$(echo "$round" | tr 'a-z' 'A-Z')
    printf '/m/%s\t%s\n' "$slug" "$team" >>"$dir/overview"
    printf '/m/%s/projects\t%s\n' "$slug" "$team" >>"$dir/projects"
    printf '/m/%s/projects?q=akte&status=submitted\t%s\n' "$slug" "$team" >>"$dir/search"
    printf '/m/%s/prioritization/rounds/%s\t%s\n' "$slug" "$round" "$team" >>"$dir/round"
    printf '/m/%s/prioritization/rounds/%s/rate\t%s\n' "$slug" "$round" "$rater" >>"$dir/rate"
    printf '/m/%s/prioritization/rounds/%s/ranking\t%s\n' "$slug" "$round" "$team" >>"$dir/ranking"
  done <"$dir/slugs"
  # Every page must answer 200 for its first line before it is measured.
  for page in "${PAGES[@]}"; do
    IFS=$'\t' read -r path cookie <"$dir/$page"
    local code; code=$(curl -s -o "$dir/$page.html" -w '%{http_code}' -H "Cookie: fp_session=$cookie" "$BASE$path")
    [ "$code" = "200" ] || { echo "$page ($path): HTTP $code" >&2; exit 1; }
    echo "$(wc -c <"$dir/$page.html")" >"$dir/$page.bytes"
  done
}

declare -A RESULT
measure() { # SIZE DIR
  for page in "${PAGES[@]}"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s benchmarks/scale/pages.lua "$BASE" -- "$2/$page" >/dev/null 2>&1   # warm-up
    RESULT["$1:$page"]=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s benchmarks/scale/pages.lua "$BASE" -- "$2/$page" | grep '^RESULT' || echo "RESULT failed")
  done
}
field() { echo "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'; }

NGINX_PORT=$(free_port); P1=$(free_port); P2=$(free_port)
BASE="http://127.0.0.1:$NGINX_PORT"
echo "Fahrplan: many municipalities on one PostgreSQL — $BUILD, 2 × fahrplan serve behind nginx, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s"
echo "generating $SMALL municipalities × $PROJECTS projects…"
"$BIN" migrate >/dev/null 2>"$WORK/migrate.err" || { tail "$WORK/migrate.err" >&2; exit 1; }
generate "$SMALL"
start_server "$P1"; start_server "$P2"
sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$NGINX_PORT|g" -e "s|@UPSTREAM1@|$P1|g" -e "s|@UPSTREAM2@|$P2|g" \
  benchmarks/scale/nginx.conf.template >"$WORK/nginx.conf"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log"
for _ in $(seq 1 50); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
prepare_lines "$SMALL" "$WORK/small"
measure small "$WORK/small"

echo "generating up to $LARGE municipalities…"
generate "$LARGE"
prepare_lines "$LARGE" "$WORK/large"
measure large "$WORK/large"
RSS=$(for pid in "${PIDS[@]}"; do ps -o rss= -p "$pid" | awk '{printf "%d MB ", $1/1024}'; done)

echo
printf '%-32s | %-30s | %-30s | %-10s | %s\n' "page (KB of HTML)" "$SMALL municipalities: req/s p50 p99" \
  "$LARGE municipalities: req/s p50 p99" "target p99" "met at $LARGE?"
for page in "${PAGES[@]}"; do
  s=${RESULT["small:$page"]}; l=${RESULT["large:$page"]}
  p99=$(field "$l" p99)
  met=$(awk -v p="$p99" 'BEGIN{ if (p == "") print "?"; else if (p < 50) print "yes"; else printf "no (%.1f×)", p/50 }')
  bad=""; [ "$(field "$s" non2xx)$(field "$l" non2xx)" = "00" ] || bad=" non-2xx: $(field "$s" non2xx)/$(field "$l" non2xx)"
  printf '%-32s | %8s %7s ms %7s ms | %8s %7s ms %7s ms | %-10s | %s%s\n' \
    "${PAGE_NAME[$page]} ($(( $(cat "$WORK/large/$page.bytes") / 1024 )))" \
    "$(field "$s" rps)" "$(field "$s" p50)" "$(field "$s" p99)" "$(field "$l" rps)" "$(field "$l" p50)" "$p99" "< 50 ms" "$met" "$bad"
done
echo "resident memory of the two servers after the runs: $RSS"

# Query plans: a fresh server whose sessions run auto_explain logs the plan of every statement; one request per page.
echo
echo "Query plans at $LARGE municipalities (auto_explain with ANALYZE, one request per page on a fresh server; enable_seqscan on):"
"${PSQL[@]}" -c "ALTER DATABASE fahrplan_scale SET session_preload_libraries = 'auto_explain'" \
  -c "ALTER DATABASE fahrplan_scale SET auto_explain.log_min_duration = 0" -c "ALTER DATABASE fahrplan_scale SET auto_explain.log_analyze = on" >/dev/null
"${PSQL[@]}" -c "SELECT c.relname, c.reltuples FROM pg_class c JOIN information_schema.columns i ON i.table_name = c.relname AND i.table_schema = 'public' WHERE i.column_name = 'municipality_id' AND c.relkind = 'r' ORDER BY 1" >"$WORK/tenant-tables"
P3=$(free_port); start_server "$P3"
for page in "${PAGES[@]}"; do
  IFS=$'\t' read -r path cookie < <(sed -n 2p "$WORK/large/$page")
  [ -n "$path" ] || IFS=$'\t' read -r path cookie <"$WORK/large/$page"
  before=$(stat -c %s "$PGDIR/server.log")
  curl -s -o /dev/null -H "Cookie: fp_session=$cookie" "http://127.0.0.1:$P3$path"
  sleep 0.5
  echo "— ${PAGE_NAME[$page]}: GET $path"
  tail -c +"$((before + 1))" "$PGDIR/server.log" | python3 benchmarks/scale/plans.py "$WORK/tenant-tables"
done
"${PSQL[@]}" -c "ALTER DATABASE fahrplan_scale RESET ALL" >/dev/null

echo
echo "machine: $(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')), load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "$(free -m | awk '/Mem:/ {print $2 " MB RAM"}'); $("${PSQL[@]}" -c "SHOW server_version" | cut -d' ' -f1 | sed 's/^/PostgreSQL /'); $("$NGINX" -v 2>&1)"
