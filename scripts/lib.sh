# Shared by the scripts in this folder (sourced, not run). The caller defines die() and note().

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "need root (or passwordless sudo) to run: $*"
    fi
}

# Installs Debian packages quietly; prints apt's output only when it fails.
APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "missing $*, and apt-get is unavailable: install them by hand"
    local log; log="$(mktemp)"
    note "installing Debian packages: $*"
    if [ "$APT_UPDATED" -eq 0 ]; then
        if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1; then
            cat "$log" >&2; rm -f "$log"; die "apt-get update failed"
        fi
        APT_UPDATED=1
    fi
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; die "apt-get install $* failed"
    fi
    rm -f "$log"
}

# Creates (or re-creates, when the requirements file or the Python version changed) a venv with the pinned
# packages of a requirements file. Used by e2e.sh and api-contract.sh, which share .build/e2e-venv.
ensure_python_venv() {
    local venv="$1" reqs="$2" python="${PYTHON:-python3}"
    command -v "$python" >/dev/null 2>&1 || die "python3 not found"
    local stamp="$venv/.requirements.sha256" want log
    want="$( (sha256sum "$reqs"; "$python" --version 2>&1) | sha256sum | cut -d' ' -f1)"
    if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ]; then return 0; fi
    note "creating Python venv at $venv"
    log="$(mktemp)"
    rm -rf "$venv"
    if ! "$python" -m venv "$venv" >"$log" 2>&1; then
        # Debian's system python needs python3-venv for ensurepip.
        if command -v apt-get >/dev/null 2>&1 && ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
            apt_install python3-venv
            rm -rf "$venv"
            "$python" -m venv "$venv" >"$log" 2>&1 || { cat "$log" >&2; die "python3 -m venv failed"; }
        else
            cat "$log" >&2; die "python3 -m venv failed"
        fi
    fi
    if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$reqs" >"$log" 2>&1; then
        cat "$log" >&2; rm -f "$log"; rm -rf "$venv"; die "pip install -r $reqs failed"
    fi
    rm -f "$log"
    echo "$want" >"$stamp"
}
