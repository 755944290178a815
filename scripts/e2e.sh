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
ensure_python_venv "$VENV" "$REQS"

# --- run ---------------------------------------------------------------------
[ -x "$FAHRPLAN_BIN" ] || die "server binary $FAHRPLAN_BIN not found: run 'swift build' first (or ./scripts/test.sh)"

# Selenium must never fetch a browser or driver: the paths above are passed
# explicitly; SE_OFFLINE keeps selenium-manager offline should it run at all.
export SE_OFFLINE=true
export PYTHONDONTWRITEBYTECODE=1
exec "$VENV/bin/python" -m pytest e2e -q "$@"
