# Shared by the benchmark scripts (source it): one way to build and find a release binary.

# release_binary PRODUCT — builds PRODUCT (fahrplan or fahrplan-bench) in release mode into .build-release and
# prints the binary's path; on a failed build prints the errors and exits.
release_binary() {
  local product="$1" log
  echo "building release $product…" >&2
  log=$(mktemp)
  if ! swift build -c release --scratch-path .build-release --product "$product" >"$log" 2>&1; then
    grep -E "error" "$log" >&2; rm -f "$log"; echo "release build failed" >&2; exit 1
  fi
  rm -f "$log"
  local bin
  bin="$(swift build -c release --scratch-path .build-release --show-bin-path)/$product"
  [ -x "$bin" ] || { echo "release build failed" >&2; exit 1; }
  echo "$bin"
}

# require_wrk — installs wrk (Debian package) when it is missing.
require_wrk() {
  if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)…" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
  fi
}
