#!/usr/bin/env bash
# The public transparency portal over HTTP (issue 18): Musterstadt (the demo) with --projects imported projects
# (benchmarks/generate_projects.py through `fahrplan import projects`), all of them marked public through
# PUT /api/v1/portal/settings; then wrk against the public start page /p/musterstadt (no login, no cookie) and, in the
# same run, against nginx (Debian package, installed here when missing) serving the same HTML as a static file.
# Target: Fahrplan at least half of nginx's requests per second. Prints both figures, the ratio next to the target,
# the page's size, a check that a conditional request is 304, and the machine.
#
# Why it can be fast: the page is rendered once per content version and kept as bytes (PortalCache); a request reads
# one municipality row (slug → id, frame_version), compares, and writes the cached bytes with their ETag.
#   benchmarks/portal-http.sh [--projects 2000] [--duration 15] [--connections 64] [--threads 2]
#   FAHRPLAN_BIN=.build/debug/fahrplan benchmarks/portal-http.sh   (a debug build's figures are not the benchmark)
#   PORTAL_PERF=/tmp/portal.perf benchmarks/portal-http.sh           also records a perf profile of the server under wrk
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=2000; DURATION=15; CONNECTIONS=64; THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --projects) PROJECTS="$2"; shift 2 ;;
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

WORK=$(mktemp -d); PID=""; NGINX_STARTED=""
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  [ -n "$NGINX_STARTED" ] && [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  sleep 0.2; rm -rf "$WORK"
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$WORK/bench.sqlite" FAHRPLAN_DEMO_PASSWORD="bench-password-1" LOG_LEVEL="${LOG_LEVEL:-warning}"
"$BIN" demo >/dev/null
python3 benchmarks/generate_projects.py "$PROJECTS" "$WORK/projekte.csv"
"$BIN" import projects "$WORK/projekte.csv" --tenant musterstadt >"$WORK/import.out" 2>"$WORK/import.err" \
  || { echo "import failed:" >&2; head -20 "$WORK/import.err" >&2; exit 1; }
TOKEN=$("$BIN" token create --email digitalisierung@musterstadt.example --tenant musterstadt --name bench 2>/dev/null | tail -1)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --hostname 127.0.0.1 --port "$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 150); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

# Every project public, through the API as the strategy team would (ids read from the database file).
python3 - "$WORK/bench.sqlite" "$WORK/settings.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = [row[0] for row in db.execute(
    "SELECT p.id FROM projects p JOIN municipalities m ON m.id = p.municipality_id "
    "WHERE m.slug = 'musterstadt' AND p.archived_at IS NULL")]
json.dump({"published": True, "contactEmail": "barrierefreiheit@musterstadt.example", "statementDate": "2026-01-15",
           "publicProjectIDs": [str(i).upper() for i in ids]}, open(sys.argv[2], "w"))
print(f"{len(ids)} projects marked public", file=sys.stderr)
PY
STATUS=$(curl -s -o "$WORK/put.out" -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  --data-binary "@$WORK/settings.json" "$BASE/api/v1/portal/settings")
[ "$STATUS" = "200" ] || { echo "PUT /api/v1/portal/settings: HTTP $STATUS" >&2; head -c 600 "$WORK/put.out" >&2; exit 1; }
PUBLIC=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["publicProjectIDs"]))' "$WORK/put.out")

mkdir -p "$WORK/www"
START=$(date +%s.%N)
curl -fs -o "$WORK/www/index.html" -D "$WORK/headers" "$BASE/p/musterstadt"
FIRST_MS=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN{printf "%.0f", (b-a)*1000}')
BYTES=$(wc -c <"$WORK/www/index.html")
ETAG=$(awk 'tolower($1)=="etag:" {print $2}' "$WORK/headers" | tr -d '\r')
NOT_MODIFIED=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $ETAG" "$BASE/p/musterstadt")
grep -qi '^set-cookie' "$WORK/headers" && { echo "the public page sets a cookie" >&2; exit 1; }

NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$WORK/nginx.conf" <<NGX
daemon on;
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp; uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$NPORT;
    root $WORK/www;
    location / { default_type text/html; try_files /index.html =404; add_header Cache-Control "public, max-age=60"; }
  }
}
NGX
mkdir -p "$WORK/tmp"
# nginx's workers run as an unprivileged user when started by root; mktemp -d made the directory private.
chmod a+rx "$WORK" "$WORK/www"; chmod a+r "$WORK/www/index.html"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" && NGINX_STARTED=1
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NPORT/p/musterstadt" >/dev/null 2>&1 && break; sleep 0.1; done
cmp -s <(curl -fs "http://127.0.0.1:$NPORT/p/musterstadt") "$WORK/www/index.html" || { echo "nginx does not serve the same page" >&2; exit 1; }

rps() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
latency() { awk '/^    Latency/ {print $2}' "$1"; }
errors() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
# Warm both, then measure one after the other in this run.
wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s "$BASE/p/musterstadt" >/dev/null
wrk -t "$THREADS" -c "$CONNECTIONS" -d 2s "http://127.0.0.1:$NPORT/p/musterstadt" >/dev/null
# PORTAL_PERF=<file>: a perf profile (call graphs) of the server while wrk measures it.
PERF_PID=""
if [ -n "${PORTAL_PERF:-}" ]; then perf record -g -o "$PORTAL_PERF" -p "$PID" -- sleep "$DURATION" >/dev/null 2>&1 & PERF_PID=$!; fi
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency "$BASE/p/musterstadt" >"$WORK/fahrplan.wrk"
[ -n "$PERF_PID" ] && wait "$PERF_PID"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency "http://127.0.0.1:$NPORT/p/musterstadt" >"$WORK/nginx.wrk"
F=$(rps "$WORK/fahrplan.wrk"); N=$(rps "$WORK/nginx.wrk")
RATIO=$(awk -v f="$F" -v n="$N" 'BEGIN{ if (n > 0) printf "%.2f", f/n; else print "n/a" }')
VERDICT=$(awk -v r="$RATIO" 'BEGIN{ print (r+0 >= 0.5) ? "meets the target" : "MISSES the target" }')

echo "Public portal start page /p/musterstadt — $PROJECTS projects imported, $PUBLIC public; page $BYTES bytes, first (cold) request ${FIRST_MS} ms"
echo "conditional request with its ETag: HTTP $NOT_MODIFIED (expected 304)"
printf '%-22s %12s %12s  %s\n' "server" "req/s" "mean lat." "errors"
printf '%-22s %12s %12s  %s\n' "Fahrplan ($BUILD)" "$F" "$(latency "$WORK/fahrplan.wrk")" "$(errors "$WORK/fahrplan.wrk")"
printf '%-22s %12s %12s  %s\n' "nginx static file" "$N" "$(latency "$WORK/nginx.wrk")" "$(errors "$WORK/nginx.wrk")"
echo "ratio Fahrplan/nginx: $RATIO — target ≥ 0.50: $VERDICT"
echo "wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION} s each; nginx $("$NGINX" -v 2>&1 | sed 's/.*version: //')"
echo "machine: $(nproc) CPUs, $(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
