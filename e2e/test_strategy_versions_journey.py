"""Strategy versions (issue 18) in the browser, with the demo municipality Musterstadt.

The strategy team opens the version list: the demo's "Digitalstrategie 2025" (adopted by the council) and
"Fortschreibung 2026". Comparing them (the list preselects the two newest) shows the differences grouped by kind:
a guiding principle added, a program removed, a goal changed with its old and new values, projects re-ranked with
their old and new positions, roadmap dates that moved. A new version with a missing name and an impossible date is
refused naming both fields and nothing is stored; the corrected form takes the version and shows its snapshot.
"Since the last version" names that version. The list reads in English too. Every page goes through check_page
(axe-core + HTML).
"""

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from maturity import heading
from portfolio import norm, token
from support import SLUG, STRATEGY, UUID, browser_login, follow_link, set_value, submit_form

VERSIONS = f"/m/{SLUG}/versions"
VERSION_PATH = rf"{VERSIONS}/{UUID}"


def _rows(browser) -> list[list[str]]:
    return [[norm(c.text) for c in tr.find_elements(By.TAG_NAME, "td")]
            for tr in browser.find_elements(By.CSS_SELECTOR, "#version-list tbody tr")]


def _cells(browser, selector: str) -> list[list[str]]:
    return [[norm(c.text) for c in tr.find_elements(By.TAG_NAME, "td")] for tr in browser.find_elements(By.CSS_SELECTOR, selector)]


def test_strategy_versions_compare_take_and_since_last(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    marker = token()

    # The list: the demo's two versions, newest first.
    browser.get(base + VERSIONS)
    assert check_page(browser).status == 200 and heading(browser) == "Strategieversionen", heading(browser)
    names = [r[1] for r in _rows(browser)]
    assert "Fortschreibung 2026" in names and "Digitalstrategie 2025" in names, names
    council = next(r for r in _rows(browser) if r[1] == "Digitalstrategie 2025")
    assert "Rat der Stadt" in council[3], council

    # Compare the two demo versions: differences grouped by kind, old → new.
    rows = browser.find_elements(By.CSS_SELECTOR, "#version-list tbody tr")
    by_name = {norm(r.find_elements(By.TAG_NAME, "td")[1].text): r for r in rows}
    by_name["Digitalstrategie 2025"].find_element(By.CSS_SELECTOR, "input[name=from]").click()
    by_name["Fortschreibung 2026"].find_element(By.CSS_SELECTOR, "input[name=to]").click()
    submit_form(browser, browser.find_element(By.ID, "compare-versions"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == f"{VERSIONS}/diff", f"{page.url} HTTP {page.status}"
    assert "Digitalstrategie 2025 → " in norm(browser.find_element(By.ID, "diff-heading").text)
    assert browser.find_elements(By.CSS_SELECTOR, "#diff-principle ul.diff-added li"), "no principle added"
    assert browser.find_elements(By.CSS_SELECTOR, "#diff-program ul.diff-removed li"), "no program removed"
    goal_changes = _cells(browser, "#diff-goal table.diff-changed tbody tr")
    assert any(r[1] == "Zielaussage" and r[2] != r[3] for r in goal_changes), goal_changes
    reranked = _cells(browser, "#diff-ranking table.diff-reranked tbody tr")
    assert reranked and all(r[1] != r[2] for r in reranked), reranked
    assert any("▲" in r[3] for r in reranked) and any("▼" in r[3] for r in reranked), reranked
    roadmap = _cells(browser, "#diff-roadmap table.diff-changed tbody tr")
    assert any(r[1] in ("Beginn", "Ende") for r in roadmap), roadmap

    # A version with bad input: both fields named, nothing stored.
    browser.get(base + VERSIONS)
    check_page(browser)
    count = len(_rows(browser))
    follow_link(browser, re.escape(f"{VERSIONS}/new"))
    assert check_page(browser).status == 200 and heading(browser) == "Version festhalten"
    set_value(browser, browser.find_element(By.ID, "name"), "")
    set_value(browser, browser.find_element(By.ID, "adoptedOn"), "31.02.2026")
    submit_form(browser, browser.find_element(By.ID, "name"))
    page = check_page(browser)
    assert page.status == 422, page.status
    assert browser.find_element(By.ID, "name-error").text and browser.find_element(By.ID, "adoptedOn-error").text
    summary = norm(browser.find_element(By.ID, "error-summary").text)
    assert "Name der Version" in summary and "Beschlossen am" in summary, summary

    # Corrected: the version is taken and its snapshot shown; markup in the name stays text.
    name = f"Zwischenstand {marker} <b>fett</b>"
    set_value(browser, browser.find_element(By.ID, "name"), name)
    set_value(browser, browser.find_element(By.ID, "adoptedOn"), "01.12.2026")
    set_value(browser, browser.find_element(By.ID, "adoptedBy"), "Verwaltungsvorstand")
    submit_form(browser, browser.find_element(By.ID, "name"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(VERSION_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    assert name in heading(browser), heading(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, "main h1 b"), "markup in the name was rendered"
    assert _cells(browser, "#version-goal tbody tr"), "the snapshot lists no goals"
    assert _cells(browser, "#version-ranking tbody tr"), "the snapshot has no ranking"
    browser.get(base + VERSIONS)
    check_page(browser)
    assert len(_rows(browser)) == count + 1

    # Since the last version: names the version just taken.
    follow_link(browser, re.escape(f"{VERSIONS}/since-last"))
    assert check_page(browser).status == 200 and heading(browser) == "Änderungen seit der letzten Version"
    assert marker in norm(browser.find_element(By.ID, "since-version").text)

    # English.
    browser.get(base + VERSIONS + "?lang=en")
    assert check_page(browser).status == 200 and heading(browser) == "Strategy versions", heading(browser)
