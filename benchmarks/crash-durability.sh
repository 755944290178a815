#!/usr/bin/env bash
# Crash durability of SQLite as Fahrplan configures it (WAL, synchronous=FULL): 8 parallel API writers create
# strategic goals while `fahrplan serve` is killed with SIGKILL four times (and restarted each time). Every goal
# the API acknowledged with 201 must be in the database afterwards, and the file must pass integrity_check.
#
# Usage: benchmarks/crash-durability.sh        (uses .build/debug/fahrplan, or $FAHRPLAN_BIN; builds nothing)
# Prints: acknowledged N, lost M, integrity ok|FAILED   — exits 1 on any loss or a damaged file.
# Loopback only, a temporary database, bounded: 4 kills, at most 8 x 400 writes, at most ~5 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${FAHRPLAN_BIN:-$ROOT/.build/debug/fahrplan}"
if [[ ! -x "$BIN" ]]; then
    echo "No fahrplan binary at $BIN: run 'swift build' first or set FAHRPLAN_BIN." >&2
    exit 2
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/fahrplan-crash.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

export FAHRPLAN_BIN="$BIN" CRASH_WORK="$WORK"
python3 - <<'PY'
import json, os, random, signal, socket, sqlite3, subprocess, sys, threading, time, urllib.error, urllib.request, uuid

BIN, WORK = os.environ["FAHRPLAN_BIN"], os.environ["CRASH_WORK"]
DB = os.path.join(WORK, "crash.sqlite")
KILLS, WRITERS, MAX_WRITES_PER_WRITER = 4, 8, 400
DEADLINE = time.monotonic() + 300
random.seed(4)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
ENV = dict(os.environ, DATABASE_URL="sqlite://" + DB, FAHRPLAN_DEMO_PASSWORD="crash-" + uuid.uuid4().hex,
           LOG_LEVEL="warning", FAHRPLAN_ENV="production")

def start():
    log = open(os.path.join(WORK, "serve.log"), "ab")
    proc = subprocess.Popen([BIN, "serve", "--demo", "--hostname", "127.0.0.1", "--port", str(PORT)],
                            env=ENV, stdout=log, stderr=log)
    while time.monotonic() < DEADLINE:
        if proc.poll() is not None:
            sys.exit(f"fahrplan serve exited with {proc.returncode}; see {WORK}/serve.log")
        try:
            with urllib.request.urlopen(BASE + "/readyz", timeout=2) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not become ready in time")

server = start()
token = subprocess.run([BIN, "token", "create", "--email", "digitalisierung@musterstadt.example", "--tenant", "musterstadt",
                        "--name", "crash-durability"], env=ENV, capture_output=True, text=True, check=True).stdout.strip()
HEADERS = {"Authorization": "Bearer " + token, "Content-Type": "application/json", "Accept": "application/json"}

def call(method, path, body=None):
    request = urllib.request.Request(BASE + path, method=method, headers=HEADERS,
                                     data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(request, timeout=30) as r:
        return r.status, json.loads(r.read() or b"null")

_, fields = call("GET", "/api/v1/fields-of-action")
parent = fields["items"][0]["id"]

acknowledged, lock, stop = [], threading.Lock(), threading.Event()
interrupted = [0]

def writer(number):
    for i in range(MAX_WRITES_PER_WRITER):
        if stop.is_set():
            return
        body = {"title": f"Crash {number}-{i}", "targetStatement": "überlebt kill -9", "parentId": parent}
        try:
            status, created = call("POST", "/api/v1/goals", body)
            if status == 201:
                with lock:
                    acknowledged.append(created["id"])
        except (urllib.error.URLError, OSError, ValueError, ConnectionError):
            # The server is down (killed) or the answer was cut off: not acknowledged, try again shortly.
            with lock:
                interrupted[0] += 1
            time.sleep(0.05)

threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
for t in threads:
    t.start()
for kill in range(KILLS):
    time.sleep(random.uniform(1.0, 2.5))
    server.send_signal(signal.SIGKILL)
    server.wait()
    server = start()
time.sleep(1.0)
stop.set()
for t in threads:
    t.join()
server.send_signal(signal.SIGTERM)
server.wait(timeout=60)

connection = sqlite3.connect(DB)
integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
stored = set()
for (value,) in connection.execute("SELECT id FROM strategy_elements"):
    stored.add(str(uuid.UUID(bytes=value)) if isinstance(value, bytes) else str(uuid.UUID(value)))
connection.close()
lost = [i for i in acknowledged if str(uuid.UUID(i)) not in stored]
print(f"acknowledged {len(acknowledged)}, lost {len(lost)}, integrity {'ok' if integrity == 'ok' else 'FAILED'}"
      f" ({KILLS} x SIGKILL, {WRITERS} writers, {interrupted[0]} requests failed while the server was down)")
sys.exit(1 if lost or integrity != "ok" or not acknowledged else 0)
PY
