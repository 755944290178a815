#!/usr/bin/env bash
# Browser (end-to-end) tests: headless Chromium against the built server.
#
#   scripts/e2e.sh [pytest args...]      e.g. scripts/e2e.sh -k login -x
#
# Needs the debug binary (.build/debug/fahrplan, or $FAHRPLAN_BIN): build it
# with `swift build` first (scripts/test.sh does).
# Installs, when missing: Debian's chromium + chromium-driver (and a Java
# runtime for the HTML validator), and a Python venv at .build/e2e-venv with
# the pinned packages of e2e/requirements.txt. Nothing is downloaded at run
# time: Selenium gets Debian's chromedriver and chromium paths explicitly.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

VENV="${FAHRPLAN_E2E_VENV:-$ROOT/.build/e2e-venv}"
REQS="$ROOT/e2e/requirements.txt"
export FAHRPLAN_BIN="${FAHRPLAN_BIN:-$ROOT/.build/debug/fahrplan}"
export FAHRPLAN_CHROMEDRIVER="${FAHRPLAN_CHROMEDRIVER:-/usr/bin/chromedriver}"
export FAHRPLAN_CHROMIUM="${FAHRPLAN_CHROMIUM:-/usr/bin/chromium}"

die() { echo "e2e.sh: error: $*" >&2; exit 1; }
note() { echo "e2e.sh: $*" >&2; }

# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# --- system packages -------------------------------------------------------
missing=()
[ -x "$FAHRPLAN_CHROMIUM" ] || missing+=(chromium)
[ -x "$FAHRPLAN_CHROMEDRIVER" ] || missing+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
[ -x "$FAHRPLAN_CHROMIUM" ] || die "$FAHRPLAN_CHROMIUM not found after installing chromium"
[ -x "$FAHRPLAN_CHROMEDRIVER" ] || die "$FAHRPLAN_CHROMEDRIVER not found after installing chromium-driver"

# --- Python venv -------------------------------------------------------------
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null 2>&1 || die "python3 not found"
stamp="$VENV/.requirements.sha256"
want="$( (sha256sum "$REQS"; "$PYTHON" --version 2>&1) | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    note "creating Python venv at ${VENV#"$ROOT"/}"
    log="$(mktemp)"
    rm -rf "$VENV"
    if ! "$PYTHON" -m venv "$VENV" >"$log" 2>&1; then
        # Debian's system python needs python3-venv for ensurepip.
        if command -v apt-get >/dev/null 2>&1 && ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
            apt_install python3-venv
            rm -rf "$VENV"
            "$PYTHON" -m venv "$VENV" >"$log" 2>&1 || { cat "$log" >&2; die "python3 -m venv failed"; }
        else
            cat "$log" >&2; die "python3 -m venv failed"
        fi
    fi
    if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-input \
        -r "$REQS" >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; rm -rf "$VENV"; die "pip install -r e2e/requirements.txt failed"
    fi
    rm -f "$log"
    echo "$want" >"$stamp"
fi

# --- run ---------------------------------------------------------------------
[ -x "$FAHRPLAN_BIN" ] || die "server binary $FAHRPLAN_BIN not found: run 'swift build' first (or ./scripts/test.sh)"

# Selenium must never fetch a browser or driver: the paths above are passed
# explicitly; SE_OFFLINE keeps selenium-manager offline should it run at all.
export SE_OFFLINE=true
export PYTHONDONTWRITEBYTECODE=1
exec "$VENV/bin/python" -m pytest e2e -q "$@"
