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
