"""`fahrplan` processes under test: the binary, free ports, starting and stopping a server, the CLI."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(os.environ.get("FAHRPLAN_BIN") or ROOT / ".build" / "debug" / "fahrplan")
STARTUP_TIMEOUT = float(os.environ.get("FAHRPLAN_E2E_STARTUP_TIMEOUT", "120"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """One `fahrplan` process whose output goes to a log file."""

    #: every process started in this session, for failure reports
    all: list["ServerProcess"] = []

    def __init__(self, name: str, args: list[str], env: dict[str, str], log_path: Path, port: int | None):
        self.name, self.args, self.env, self.log_path, self.port = name, args, env, log_path, port
        self.proc: subprocess.Popen | None = None
        ServerProcess.all.append(self)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ServerProcess":
        if not BIN.exists():
            raise AssertionError(f"server binary {BIN} not found: run `swift build` first")
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([str(BIN), *self.args], env=self.env, cwd=str(ROOT),
                                     stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return self

    def wait_healthy(self, timeout: float = STARTUP_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"{self.name} exited with code {self.proc.returncode} before "
                                     f"/healthz answered; its log:\n{self.log_tail()}")
            try:
                r = requests.get(self.base_url + "/healthz", timeout=2)
                if r.status_code == 200:
                    return
                last = f"HTTP {r.status_code}"
            except requests.RequestException as e:
                last = type(e).__name__
            time.sleep(0.25)
        raise AssertionError(f"{self.name}: GET /healthz did not answer 200 within {timeout:.0f} s "
                             f"(last: {last}); its log:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def status(self) -> str:
        if self.proc is None:
            return "not started"
        code = self.proc.poll()
        if code is None:
            return "running"
        if code < 0:
            try:
                return f"DIED from signal {signal.Signals(-code).name}"
            except ValueError:
                return f"DIED from signal {-code}"
        return f"EXITED with code {code}"

    def log_tail(self, lines: int = 80) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        tail = text.splitlines()[-lines:]
        return "\n".join(tail) if tail else "(empty log)"


def run_cli(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], env=env, cwd=str(ROOT), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
