#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suite.
#
#   scripts/postgres.sh start   start a cluster (idempotent) and print its URL
#   scripts/postgres.sh url     print the URL of the running cluster
#   scripts/postgres.sh status  exit 0 if the cluster is running
#   scripts/postgres.sh stop    stop the cluster and delete its data (idempotent)
#
# The cluster lives in a temp directory (owned by user `postgres` when run as
# root), listens on 127.0.0.1 on a free port, trusts every local connection
# (user `postgres`, no password) and is never meant to hold data worth keeping.
# Its port and directory are kept in $FAHRPLAN_PG_STATE_DIR/state
# (default: .build/test-pg/state); each state directory has at most one cluster,
# so give concurrent users different FAHRPLAN_PG_STATE_DIRs (scripts/test.sh does).
#
# Installs Debian's `postgresql` package when initdb/pg_ctl are missing.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE_DIR="${FAHRPLAN_PG_STATE_DIR:-$ROOT/.build/test-pg}"
STATE_FILE="$STATE_DIR/state"
MAX_CONNECTIONS="${FAHRPLAN_PG_MAX_CONNECTIONS:-1000}"

die() { echo "postgres.sh: error: $*" >&2; exit 1; }
note() { echo "postgres.sh: $*" >&2; }

# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

find_bindir() {
    local d
    # newest major version first
    for d in $(printf "%s\n" /usr/lib/postgresql/*/bin | sort -t/ -k5 -n -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/pg_isready" ]; then
            echo "$d"; return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1 \
        && command -v pg_isready >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"; return 0
    fi
    return 1
}

ensure_postgres_installed() {
    if BINDIR="$(find_bindir)"; then return 0; fi
    note "PostgreSQL not found; installing Debian's postgresql package"
    apt_install postgresql
    BINDIR="$(find_bindir)" || die "postgresql installed but initdb/pg_ctl/pg_isready not found"
}

# Run a PostgreSQL binary as the cluster owner (without the lock's fd 9: the server must not hold it).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist (install the postgresql package)"
        runuser -u postgres -- "$@" 9>&-
    else
        "$@" 9>&-
    fi
}

read_state() {
    [ -f "$STATE_FILE" ] || return 1
    PGDIR=""; PGPORT_=""; BINDIR=""
    # shellcheck disable=SC1090
    . "$STATE_FILE"
    [ -n "$PGDIR" ] && [ -n "$PGPORT_" ] && [ -n "$BINDIR" ]
}

is_running() {
    read_state || return 1
    [ -d "$PGDIR/data" ] || return 1
    as_owner "$BINDIR/pg_ctl" status -D "$PGDIR/data" >/dev/null 2>&1 || return 1
    "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_" -U postgres -d postgres >/dev/null 2>&1
}

url() { echo "postgres://postgres@127.0.0.1:${PGPORT_}/postgres"; }

free_port() {
    python3 - <<'EOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
EOF
}

cleanup_dir() {
    # $1: cluster directory made by us (never anything else).
    local dir="$1"
    case "$dir" in
        */fahrplan-test-pg.*) rm -rf -- "$dir" ;;
        *) note "not deleting unexpected directory '$dir'" ;;
    esac
}

cmd_stop() {
    if ! read_state; then rm -f "$STATE_FILE"; return 0; fi
    if [ -d "$PGDIR/data" ]; then
        as_owner "$BINDIR/pg_ctl" stop -D "$PGDIR/data" -m fast -w -t 60 >/dev/null 2>&1 \
            || as_owner "$BINDIR/pg_ctl" stop -D "$PGDIR/data" -m immediate -w -t 30 >/dev/null 2>&1 \
            || true
    fi
    cleanup_dir "$PGDIR"
    rm -f "$STATE_FILE"
}

cmd_start() {
    if is_running; then url; return 0; fi
    # Stale state (e.g. a killed run): clean it up first.
    if [ -f "$STATE_FILE" ]; then cmd_stop; fi

    ensure_postgres_installed
    command -v python3 >/dev/null 2>&1 || die "python3 is needed to find a free port"
    mkdir -p "$STATE_DIR"

    local parent="${FAHRPLAN_PG_TMPDIR:-/tmp}"
    PGDIR="$(mktemp -d "$parent/fahrplan-test-pg.XXXXXX")"
    chmod 755 "$PGDIR"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PGDIR"; fi

    local log="$PGDIR/initdb.log"
    if ! as_owner "$BINDIR/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        >"$log" 2>&1; then
        # Older clusters may not know C.UTF-8; retry with the C locale.
        if ! as_owner "$BINDIR/initdb" -D "$PGDIR/data" -A trust -U postgres -E UTF8 --locale=C \
            >"$log" 2>&1; then
            cat "$log" >&2; cleanup_dir "$PGDIR"; die "initdb failed"
        fi
    fi

    local attempt port
    for attempt in 1 2 3 4 5; do
        port="$(free_port)"
        if as_owner "$BINDIR/pg_ctl" start -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PGDIR -c max_connections=$MAX_CONNECTIONS" \
            >/dev/null 2>&1; then
            PGPORT_="$port"
            break
        fi
        note "start on port $port failed (attempt $attempt)"
        as_owner "$BINDIR/pg_ctl" stop -D "$PGDIR/data" -m immediate >/dev/null 2>&1 || true
    done
    if [ -z "${PGPORT_:-}" ]; then
        cat "$PGDIR/server.log" >&2 2>/dev/null || true
        cleanup_dir "$PGDIR"; die "pg_ctl start failed"
    fi

    printf 'PGDIR=%q\nPGPORT_=%q\nBINDIR=%q\n' "$PGDIR" "$PGPORT_" "$BINDIR" >"$STATE_FILE"

    local _
    for _ in $(seq 1 120); do
        if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_" -U postgres -d postgres >/dev/null 2>&1; then
            url; return 0
        fi
        sleep 0.5
    done
    cat "$PGDIR/server.log" >&2 2>/dev/null || true
    cmd_stop
    die "PostgreSQL did not become ready"
}

# start/stop of one state directory never run at the same time.
lock() {
    mkdir -p "$STATE_DIR"
    exec 9>"$STATE_DIR/lock"
    if command -v flock >/dev/null 2>&1; then
        flock -w 300 9 || die "timed out waiting for another postgres.sh on $STATE_DIR"
    fi
}

case "${1:-}" in
    start) lock; cmd_start ;;
    stop) lock; cmd_stop ;;
    url) is_running || die "no test cluster running (run: $0 start)"; url ;;
    status) is_running ;;
    *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
