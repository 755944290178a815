#!/usr/bin/env bash
# The whole test suite, as CI runs it:
#
#   ./scripts/test.sh           build, Swift tests on SQLite and on PostgreSQL, browser tests, API contract
#   ./scripts/test.sh --quick   build, Swift tests on SQLite only
#
# PostgreSQL: uses $TEST_DATABASE_URL when set, else starts a throwaway cluster
# (scripts/postgres.sh) and stops it at the end. Under CI=true the PostgreSQL
# run is never skipped: if no server can be started, the suite fails.
# Logs of the build: .build/test-logs/.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "test.sh: unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

IN_CI=0
case "${CI:-}" in true|TRUE|True|1|yes) IN_CI=1 ;; esac

LOG_DIR="$ROOT/.build/test-logs"
mkdir -p "$LOG_DIR"

STEPS=()
RESULTS=()
FAILED=0
record() { STEPS+=("$1"); RESULTS+=("$2"); if [ "$2" = FAILED ]; then FAILED=1; fi; }
banner() { printf '\n==> %s\n' "$*"; }
loud() {
    printf '\n' >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' >&2
    printf '!!! %s\n' "$@" >&2
    printf '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\n' >&2
}

summary() {
    local i
    printf '\n==> Summary\n'
    for i in "${!STEPS[@]}"; do
        printf '    %-34s %s\n' "${STEPS[$i]}" "${RESULTS[$i]}"
    done
    if [ "$FAILED" -eq 0 ]; then printf '==> all steps passed\n'; else printf '==> SOME STEPS FAILED\n'; fi
}

# This run's own PostgreSQL (state dir per run: concurrent runs never share or stop each other's).
export FAHRPLAN_PG_STATE_DIR="$ROOT/.build/test-pg/test-sh-$$"
PG_STARTED=0
stop_pg() {
    if [ "$PG_STARTED" -eq 1 ]; then
        "$ROOT/scripts/postgres.sh" stop || echo "test.sh: warning: could not stop the test PostgreSQL" >&2
        PG_STARTED=0
    fi
    rm -rf "$FAHRPLAN_PG_STATE_DIR"
}
# Started in the background (see below); waited for before the step that needs them, and at exit.
VENV_PID=""
PG_START_PID=""
# shellcheck disable=SC2329  # called through the EXIT trap
cleanup() {
    if [ -n "$VENV_PID" ]; then kill "$VENV_PID" 2>/dev/null || true; wait "$VENV_PID" 2>/dev/null || true; fi
    if [ -n "$PG_START_PID" ]; then wait "$PG_START_PID" 2>/dev/null || true; fi
    stop_pg
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

START=$SECONDS
elapsed() { printf '%dm%02ds' $(( (SECONDS - $1) / 60 )) $(( (SECONDS - $1) % 60 )); }

# The browser tests' Python venv needs the network and little CPU: make it while the build uses the cores
# (e2e.sh finds it ready, or makes it itself should this have failed).
if [ "$QUICK" -eq 0 ]; then
    (
        die() { echo "test.sh (venv): error: $*" >&2; exit 1; }
        note() { echo "test.sh (venv): $*" >&2; }
        # shellcheck source=scripts/lib.sh
        . "$ROOT/scripts/lib.sh"
        ensure_python_venv "${FAHRPLAN_E2E_VENV:-$ROOT/.build/e2e-venv}" "$ROOT/e2e/requirements.txt"
    ) >"$LOG_DIR/e2e-venv.log" 2>&1 &
    VENV_PID=$!
fi

# --- a. build ------------------------------------------------------------------
banner "swift build --build-tests (log: ${LOG_DIR#"$ROOT"/}/build.log)"
t=$SECONDS
set +e
swift build --build-tests 2>&1 | tee "$LOG_DIR/build.log" | awk '
    # progress: at most one line per 10 %, plus errors and the closing line
    /^\[[0-9]+\/[0-9]+\]/ {
        split(substr($1, 2, length($1) - 2), n, "/")
        if (n[2] > 0) { p = int(n[1] * 10 / n[2]) * 10; if (p > last) { last = p; printf "    %3d%%  %s\n", p, $0; fflush() } }
        next
    }
    /error:|Build complete|Compiling plugin|Fetching|Computing version|Computed|Creating working copy/ { print "    " $0; fflush() }
'
build_rc=${PIPESTATUS[0]}
set -e
if [ "$build_rc" -ne 0 ]; then
    echo "--- last 60 lines of the build log ---"
    tail -n 60 "$LOG_DIR/build.log"
    loud "swift build failed (exit $build_rc) after $(elapsed "$t"): see above / ${LOG_DIR#"$ROOT"/}/build.log"
    record "build" FAILED
    summary
    exit 1
fi
record "build ($(elapsed "$t"))" passed

# The throwaway PostgreSQL cluster starts (initdb) while the SQLite tests run.
if [ "$QUICK" -eq 0 ] && [ -z "${TEST_DATABASE_URL:-}" ]; then
    "$ROOT/scripts/postgres.sh" start >"$LOG_DIR/postgres-start.out" 2>"$LOG_DIR/postgres-start.err" &
    PG_START_PID=$!
fi

# --- b. Swift tests on SQLite ------------------------------------------------------
banner "Swift tests on SQLite"
t=$SECONDS
if env -u TEST_DATABASE_URL swift test --skip-build; then
    record "swift test, SQLite ($(elapsed "$t"))" passed
else
    record "swift test, SQLite ($(elapsed "$t"))" FAILED
fi

if [ "$QUICK" -eq 1 ]; then
    summary
    printf '    (--quick: PostgreSQL and browser tests skipped; total %s)\n' "$(elapsed "$START")"
    exit "$FAILED"
fi

# --- c. Swift tests on PostgreSQL --------------------------------------------------
t=$SECONDS
PG_URL="${TEST_DATABASE_URL:-}"
if [ -n "$PG_URL" ]; then
    banner "Swift tests on PostgreSQL (TEST_DATABASE_URL from the environment)"
else
    banner "Swift tests on PostgreSQL (throwaway cluster from scripts/postgres.sh)"
    pg_start_rc=0
    wait "$PG_START_PID" || pg_start_rc=$?
    PG_START_PID=""
    PG_STARTED=1  # stop_pg also removes what a failed start left
    cat "$LOG_DIR/postgres-start.err" >&2
    if [ "$pg_start_rc" -eq 0 ] && PG_URL="$(tail -n 1 "$LOG_DIR/postgres-start.out")" && [ -n "$PG_URL" ]; then
        echo "    started $PG_URL"
    else
        PG_URL=""
    fi
fi
if [ -z "$PG_URL" ]; then
    if [ "$IN_CI" -eq 1 ]; then
        loud "could not start PostgreSQL: the PostgreSQL tests are required under CI=true"
        record "swift test, PostgreSQL" FAILED
    else
        loud "could not start PostgreSQL: SKIPPING the Swift tests on PostgreSQL" \
             "(set TEST_DATABASE_URL=postgres://… or fix scripts/postgres.sh start)"
        record "swift test, PostgreSQL" "SKIPPED (no PostgreSQL)"
    fi
elif TEST_DATABASE_URL="$PG_URL" swift test --skip-build; then
    record "swift test, PostgreSQL ($(elapsed "$t"))" passed
else
    record "swift test, PostgreSQL ($(elapsed "$t"))" FAILED
fi
stop_pg

# --- d. browser tests ----------------------------------------------------------------
banner "Browser tests (scripts/e2e.sh)"
t=$SECONDS
if [ -n "$VENV_PID" ]; then
    wait "$VENV_PID" || echo "    (making the venv beforehand failed, see ${LOG_DIR#"$ROOT"/}/e2e-venv.log; e2e.sh tries again)"
    VENV_PID=""
fi
if "$ROOT/scripts/e2e.sh"; then
    record "browser tests ($(elapsed "$t"))" passed
else
    record "browser tests ($(elapsed "$t"))" FAILED
fi

# --- e. API contract (schemathesis against the served OpenAPI document) -------------------
banner "API contract (scripts/api-contract.sh)"
t=$SECONDS
if "$ROOT/scripts/api-contract.sh"; then
    record "API contract ($(elapsed "$t"))" passed
else
    record "API contract ($(elapsed "$t"))" FAILED
fi

summary
printf '    total %s\n' "$(elapsed "$START")"
exit "$FAILED"
