"""Helpers of the portfolio journeys: the list's rows, selects by option text, projects created over HTTP."""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import SLUG, UUID, parse_form, requests_login

PROJECT_PATH = rf"/m/{SLUG}/projects/{UUID}"


def projects_url(base_url: str, query: str = "") -> str:
    return f"{base_url}/m/{SLUG}/projects" + (f"?{query}" if query else "")


def token() -> str:
    """A word no demo text contains, to find this test's own projects (and only them)."""
    return "e2e" + secrets.token_hex(4)


def norm(text: str) -> str:
    """Text as a reader sees it: non-breaking spaces are spaces, runs of white space are one."""
    return " ".join((text or "").replace("\u00a0", " ").split())


def list_rows(browser) -> list[dict]:
    """The rows of the portfolio table: code, title, department, status, fields, one-off costs, link, checkbox."""
    rows = []
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.portfolio tbody tr"):
        code = tr.find_element(By.CSS_SELECTOR, "td.code").text.strip()
        link = tr.find_element(By.CSS_SELECTOR, "a[href]")
        cells = tr.find_elements(By.TAG_NAME, "td")
        checkbox = tr.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
        offset = 1 if checkbox else 0
        rows.append({
            "code": code, "title": norm(link.text), "url": link.get_attribute("href"),
            "department": norm(cells[offset + 2].text), "status": norm(cells[offset + 3].text),
            "fields": norm(cells[offset + 4].text).split(), "checkbox": checkbox[0] if checkbox else None,
        })
    return rows


def result_count(browser) -> int:
    text = browser.find_element(By.CSS_SELECTOR, ".result-count").text
    m = re.search(r"\d+", text.replace(".", ""))
    assert m, f"result count without a number: {text!r}"
    return int(m.group(0))


def select_option(browser, select_id: str, predicate, what: str) -> str:
    """Select the first option of <select id=select_id> whose (normalised) text satisfies predicate;
    returns that text."""
    element = browser.find_element(By.ID, select_id)
    for option in element.find_elements(By.TAG_NAME, "option"):
        text = norm(option.text)
        if predicate(text):
            Select(element).select_by_value(option.get_attribute("value"))
            return text
    options = [norm(o.text) for o in element.find_elements(By.TAG_NAME, "option")]
    raise AssertionError(f"#{select_id} has no option {what}; options: {options}")


def option_texts(browser, select_id: str) -> list[str]:
    return [norm(o.text) for o in browser.find_element(By.ID, select_id).find_elements(By.TAG_NAME, "option")]


def is_invalid(browser, element_id: str) -> bool:
    return browser.find_element(By.ID, element_id).get_attribute("aria-invalid") == "true"


def described_by_text(browser, element) -> str:
    """The texts the element's aria-describedby points to (what a screen reader reads with it)."""
    ids = (element.get_attribute("aria-describedby") or "").split()
    texts = []
    for i in ids:
        found = browser.find_elements(By.ID, i)
        assert found, f"aria-describedby of #{element.get_attribute('id')} names #{i}, which does not exist"
        texts.append(norm(found[0].text))
    return " ".join(texts)


def create_project_http(base_url: str, email: str, password: str, title: str, *, summary: str = "",
                        department: str = "SD", tags: str = "", session: requests.Session | None = None) -> str:
    """Create a profile through the web form over plain HTTP (setup for journeys that need their own
    projects); returns the project's path. `department` is the unit's code."""
    s = session or requests_login(base_url, email, password)
    r = s.get(projects_url(base_url) + "/new", timeout=30)
    assert r.status_code == 200, f"GET /projects/new as {email}: HTTP {r.status_code}"
    attrs, fields = parse_form(r.text, "title")
    options = re.findall(r'<option value="([0-9a-fA-F-]{36})"[^>]*>(?:&nbsp;|\u00a0|\s)*([^<]+)</option>',
                         r.text.split('id="departmentID"', 1)[1].split("</select>", 1)[0])
    unit = next((value for value, label in options if label.split()[0] == department), None)
    assert unit, f"unit {department!r} not among the form's units {[label for _, label in options]}"
    data = {k: v for k, v in fields.items() if not k.endswith("[]")}
    data.update({"title": title, "summary": summary, "departmentID": unit, "tags": tags})
    action = attrs.get("action") or f"/m/{SLUG}/projects"
    r = s.post(base_url + action, data=data, allow_redirects=False, timeout=30)
    assert r.status_code == 303, f"creating {title!r}: expected 303, got HTTP {r.status_code}: {r.text[:500]}"
    path = urlsplit(r.headers["Location"]).path
    assert re.fullmatch(PROJECT_PATH, path), f"creating {title!r} redirected to {r.headers['Location']}"
    return path
