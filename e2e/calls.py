"""Helpers of the call journeys (Projektabfragen): the list's rows, the completion board, calls created over
HTTP as setup, German days."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By

from portfolio import norm
from support import SLUG, UUID, parse_form, requests_login

CALL_PATH = rf"/m/{SLUG}/calls/{UUID}"
#: the demo's open call (ABF-2027) and the units that have neither a profile nor a declaration in it
DEMO_OPEN_CALL = "Projektabfrage Digitalisierung 2027/2028"
DEMO_MISSING_UNITS = {"50", "61", "62"}


def calls_url(base_url: str, suffix: str = "") -> str:
    return f"{base_url}/m/{SLUG}/calls{suffix}"


def german_day(text: str) -> datetime.date:
    day, month, year = (int(part) for part in text.split("."))
    return datetime.date(year, month, day)


def german(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def call_rows(browser) -> list[dict]:
    """The rows of the call list: title, link, phase, opening day, deadline, progress (and the lead's own answer)."""
    rows = []
    for tr in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr"):
        link = tr.find_element(By.CSS_SELECTOR, "th a[href]")
        cells = [norm(td.text) for td in tr.find_elements(By.TAG_NAME, "td")]
        rows.append({"title": norm(link.text), "url": link.get_attribute("href"), "phase": cells[0],
                     "opensOn": cells[1], "deadline": cells[2], "progress": cells[3],
                     "own": cells[4] if len(cells) > 4 else None})
    return rows


def board_rows(browser) -> dict[str, dict]:
    """The completion board by unit code: label, submitted, drafts, state, declared by (with the note)."""
    rows = {}
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.call-board tbody tr"):
        label = norm(tr.find_element(By.CSS_SELECTOR, "th").text)
        cells = [norm(td.text) for td in tr.find_elements(By.TAG_NAME, "td")]
        rows[label.split()[0]] = {"label": label, "submitted": int(cells[0]), "drafts": int(cells[1]),
                                  "state": cells[2], "declared": cells[3], "element": tr}
    return rows


def fact(browser, term: str) -> str:
    """The text of <dd> after the <dt> with this text in the page's facts list."""
    found = browser.find_elements(By.XPATH, f"//dl[contains(@class,'facts')]/dt[normalize-space()='{term}']"
                                            "/following-sibling::dd[1]")
    assert found, f"no fact {term!r} on {browser.current_url}"
    return norm(found[0].text)


def phase(browser) -> str:
    """The call's state as the badge under its title shows it."""
    return norm(browser.find_element(By.CSS_SELECTOR, "main h1 + p .status").text)


def create_call_http(base_url: str, email: str, password: str, title: str, *, days: int = 60,
                     session: requests.Session | None = None) -> str:
    """Create a call through the web form over plain HTTP (setup for journeys that need their own call),
    open from today for `days` days, asking the units the form preselects; returns the call's path."""
    s = session or requests_login(base_url, email, password)
    r = s.get(calls_url(base_url, "/new"), timeout=30)
    assert r.status_code == 200, f"GET /calls/new as {email}: HTTP {r.status_code}"
    attrs, fields = parse_form(r.text, "title")
    units = re.findall(r'name="departmentIDs\[\]" value="([0-9a-fA-F-]{36})" checked', r.text)
    assert units, "the call form preselects no units"
    opens = german_day(fields["opensOn"])
    fields.update({"title": title, "deadline": german(opens + datetime.timedelta(days=days))})
    data = [(k, v) for k, v in fields.items() if k != "departmentIDs[]"] + [("departmentIDs[]", u) for u in units]
    r = s.post(base_url + (attrs.get("action") or f"/m/{SLUG}/calls"), data=data, allow_redirects=False, timeout=30)
    assert r.status_code == 303, f"creating call {title!r}: expected 303, got HTTP {r.status_code}: {r.text[:500]}"
    path = urlsplit(r.headers["Location"]).path
    assert re.fullmatch(CALL_PATH, path), f"creating call {title!r} redirected to {r.headers['Location']}"
    return path
