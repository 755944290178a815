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

# demo_session BASE COOKIE_JAR [EMAIL] — signs in through the login form as the demo's strategy team (password
# $FAHRPLAN_DEMO_PASSWORD) and prints the session cookie's value; prints nothing when the login failed.
demo_session() {
  local base="$1" jar="$2" email="${3:-digitalisierung@musterstadt.example}" csrf
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "email=$email" \
    --data-urlencode "password=$FAHRPLAN_DEMO_PASSWORD" "$base/login"
  awk '$6 == "fp_session" {print $7}' "$jar"
}
