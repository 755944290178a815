"""Portfolio journeys of the strategy team: list, search and filters, a profile and its status, the profile
form with its error handling, and the English UI. Every page goes through check_page (axe-core + HTML).

The journeys share the session's server with all other tests: they change only projects they create
themselves, except for one status change of a demo project (journey 1), and find demo content by code.
"""

import re
from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.by import By

from portfolio import (
    PROJECT_PATH, described_by_text, is_invalid, list_rows, norm, option_texts, projects_url, result_count,
    select_option, token,
)
from support import (
    DISPLAY_NAMES, SLUG, STRATEGY, browser_login, find_link, form_of, html_lang, navigation, page_text,
    set_value, submit_button,
)

DEMO_CODES = {f"P-{n:04d}" for n in range(1, 46)}


def _all_codes(browser, check_page) -> set[str]:
    """Codes of every listed project, following the pagination."""
    codes = {row["code"] for row in list_rows(browser)}
    while True:
        nxt = browser.find_elements(By.CSS_SELECTOR, "nav.pagination a[rel=next]")
        if not nxt:
            return codes
        with navigation(browser):
            nxt[0].click()
        assert check_page(browser).status == 200
        codes |= {row["code"] for row in list_rows(browser)}


def _submit(browser, element):
    with navigation(browser):
        submit_button(form_of(element)).click()


def test_strategy_team_searches_filters_opens_a_profile_and_changes_its_status(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(f"{base}/m/{SLUG}")
    assert check_page(browser).status == 200

    # "Projekte" in the main navigation.
    nav_link = find_link(browser, rf"/m/{SLUG}/projects")
    assert norm(nav_link.text) == "Projekte", f"main navigation link to the portfolio reads {nav_link.text!r}"
    with navigation(browser):
        nav_link.click()
    page = check_page(browser)
    assert page.status == 200
    assert browser.find_element(By.TAG_NAME, "h1").text == "Projektportfolio"
    current = browser.find_elements(By.CSS_SELECTOR, f"a[href='/m/{SLUG}/projects'][aria-current=page]")
    assert current, "the main navigation should mark 'Projekte' as the current section"
    assert result_count(browser) >= 45, f"the demo has 45 projects, the list counts {result_count(browser)}"
    missing = DEMO_CODES - _all_codes(browser, check_page)
    assert not missing, f"the list lacks demo projects {sorted(missing)}"

    # Search with umlaut folding: "buergerbuero" finds "Bürgerbüro".
    browser.get(projects_url(base))
    check_page(browser)
    set_value(browser, browser.find_element(By.ID, "q"), "buergerbuero")
    _submit(browser, browser.find_element(By.ID, "q"))
    assert check_page(browser).status == 200
    rows = list_rows(browser)
    found = {row["code"] for row in rows}
    assert {"P-0005", "P-0011", "P-0035"} <= found, f"'buergerbuero' should find the Bürgerbüro projects, found {found}"

    # … narrowed to field of action HF1 and status "In Umsetzung".
    select_option(browser, "filter-element", lambda t: t.startswith("HF1"), "for field of action HF1")
    select_option(browser, "filter-status", lambda t: t == "In Umsetzung", "'In Umsetzung'")
    _submit(browser, browser.find_element(By.ID, "q"))
    page = check_page(browser)
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("q") == ["buergerbuero"] and query.get("status") == ["inProgress"], page.url
    rows = list_rows(browser)
    assert "P-0011" in {r["code"] for r in rows}, f"P-0011 (Bürgerbüro, HF1, in progress) missing: {rows}"
    for row in rows:
        assert row["status"] == "In Umsetzung", f"status filter let through {row}"
        assert "HF1" in row["fields"], f"field filter let through {row}"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "buergerbuero", "the search box should keep the query"
    assert result_count(browser) == len(rows)

    # The profile of P-0011.
    p11 = next(r for r in rows if r["code"] == "P-0011")
    with navigation(browser):
        find_link(browser, re.escape(urlsplit(p11["url"]).path)).click()
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(PROJECT_PATH, urlsplit(page.url).path)
    profile_url = page.url
    h1 = norm(browser.find_element(By.TAG_NAME, "h1").text)
    assert h1.startswith("P-0011") and "Bürgerbüro" in h1, h1
    captions = [norm(c.text) for c in browser.find_elements(By.CSS_SELECTOR, "table caption")]
    assert "Kosten je Haushaltsjahr" in captions, f"no costs table, captions: {captions}"
    costs = browser.find_element(By.XPATH, "//table[caption[normalize-space()='Kosten je Haushaltsjahr']]")
    assert costs.find_elements(By.CSS_SELECTOR, "tbody tr"), "costs table without rows"
    assert re.search(r"\d{1,3}(\.\d{3})* €", costs.text), f"costs not in German format: {costs.text!r}"
    assert "Summe" in costs.find_element(By.TAG_NAME, "tfoot").text
    history = browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")
    assert history, "profile shows no status history"
    assert "In Umsetzung" in history[0].text, f"latest status entry: {history[0].text!r}"
    similar = browser.find_element(By.XPATH, "//section[h2[normalize-space()='Ähnliche Projekte']]")
    assert "P-0034" in similar.text, f"P-0034 (online appointments, Ordnungsamt) should be similar: {similar.text!r}"

    # Deferring needs a reason: without one the page says so, next to the field.
    assert "Zurückgestellt" in option_texts(browser, "status")
    select_option(browser, "status", lambda t: t == "Zurückgestellt", "'Zurückgestellt'")
    set_value(browser, browser.find_element(By.ID, "reason"), "")
    _submit(browser, browser.find_element(By.ID, "status"))
    page = check_page(browser)
    assert page.status == 422, f"deferring without a reason: expected 422, got {page.status}"
    summary = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary and "Begründung" in summary[0].text, "the error summary should name the reason"
    assert is_invalid(browser, "reason"), "#reason should be aria-invalid"
    assert "Bitte ausfüllen" in described_by_text(browser, browser.find_element(By.ID, "reason")), \
        "#reason should point to its error message (aria-describedby)"

    # With a reason the status changes and the history says who, when and why.
    reason = f"Haushaltssperre 2027 ({token()})"
    select_option(browser, "status", lambda t: t == "Zurückgestellt", "'Zurückgestellt'")
    set_value(browser, browser.find_element(By.ID, "reason"), reason)
    _submit(browser, browser.find_element(By.ID, "status"))
    page = check_page(browser)
    assert page.status == 200 and page.url == profile_url, f"after the status change: {page.url} HTTP {page.status}"
    assert "Zurückgestellt" in browser.find_element(By.CSS_SELECTOR, "p .status").text
    latest = norm(browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")[0].text)
    assert "In Umsetzung → Zurückgestellt" in latest and reason in latest, f"latest status entry: {latest!r}"
    assert DISPLAY_NAMES[STRATEGY] in latest, f"the entry should name who changed it: {latest!r}"


def test_profile_form_refuses_a_wrong_date_and_a_negative_cost_then_saves(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(projects_url(base))
    check_page(browser)
    with navigation(browser):
        find_link(browser, rf"/m/{SLUG}/projects/new").click()
    assert check_page(browser).status == 200
    title = f"Digitale Schöffenwahl {token()}"

    def fill(deadline: str, one_off: str):
        set_value(browser, browser.find_element(By.ID, "title"), title)
        set_value(browser, browser.find_element(By.ID, "summary"), "Bewerbungen für das Schöffenamt online annehmen.")
        select_option(browser, "departmentID", lambda t: t == "32 Ordnungsamt", "'32 Ordnungsamt'")
        legal = browser.find_element(By.ID, "legalObligation")
        if not legal.is_selected():
            legal.click()
        set_value(browser, browser.find_element(By.ID, "legalReference"), "OZG")
        set_value(browser, browser.find_element(By.ID, "legalDeadline"), deadline)
        set_value(browser, browser.find_element(By.ID, "costs-0-year"), "2027")
        set_value(browser, browser.find_element(By.ID, "costs-0-oneOff"), one_off)
        set_value(browser, browser.find_element(By.ID, "costs-0-running"), "1.200")

    cost_rows = len(browser.find_elements(By.CSS_SELECTOR, "input[name='costYear[]']"))
    fill("31.02.2027", "-5.000")
    _submit(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 422, f"wrong date and negative cost: expected HTTP 422, got {page.status}"
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name='costYear[]']")) <= cost_rows + 1, \
        "the refused form should not grow by the blank rows it posted"
    summary = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary, "no .error-summary"
    text = norm(summary[0].text)
    assert "Gesetzliche Frist" in text, f"the summary should name the deadline: {text!r}"
    assert "Kosten, Zeile 1 – Einmalkosten" in text, f"the summary should name the cost cell: {text!r}"
    for field in ("legalDeadline", "costs-0-oneOff"):
        assert is_invalid(browser, field), f"#{field} should have aria-invalid=true"
        assert described_by_text(browser, browser.find_element(By.ID, field)), f"#{field} should describe its error"
    assert not is_invalid(browser, "title") and not is_invalid(browser, "costs-0-running")
    assert browser.find_element(By.ID, "legalDeadline").get_attribute("value") == "31.02.2027", "typed date lost"
    assert browser.find_element(By.ID, "title").get_attribute("value") == title, "typed title lost"

    # Nothing was stored.
    browser.get(projects_url(base, f"q={title.split()[-1]}"))
    check_page(browser)
    assert result_count(browser) == 0, "a refused profile was stored"

    # Corrected, it is saved as an idea with German number and date formats.
    browser.get(projects_url(base) + "/new")
    check_page(browser)
    fill("28.02.2027", "12.500")
    _submit(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(PROJECT_PATH, urlsplit(page.url).path), \
        f"after saving expected the profile, got {page.url} (HTTP {page.status}): {page_text(browser)[:400]}"
    text = page_text(browser)
    assert title in text
    assert browser.find_element(By.CSS_SELECTOR, "p .status").text == "Idee"
    assert "OZG" in text and "28.02.2027" in text, "legal basis and deadline missing on the profile"
    costs = norm(browser.find_element(By.XPATH, "//table[caption[normalize-space()='Kosten je Haushaltsjahr']]").text)
    assert "2027 12.500 € 1.200 €" in costs, f"costs table: {costs!r}"
    assert "Als Idee gespeichert" in text, "the profile should explain how to submit the idea"
    entries = browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")
    assert len(entries) == 1 and "Idee" in entries[0].text, [e.text for e in entries]
    profile = urlsplit(page.url).path

    # The edit form shows the values the German way again, and saving them unchanged keeps them.
    with navigation(browser):
        find_link(browser, re.escape(profile) + "/edit").click()
    assert check_page(browser).status == 200
    assert browser.find_element(By.ID, "legalDeadline").get_attribute("value") == "28.02.2027"
    assert browser.find_element(By.ID, "costs-0-year").get_attribute("value") == "2027"
    assert browser.find_element(By.ID, "costs-0-oneOff").get_attribute("value") in ("12500", "12.500", "12.500,00")
    _submit(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == profile, f"saving unchanged: {page.url} HTTP {page.status}"
    costs = norm(browser.find_element(By.XPATH, "//table[caption[normalize-space()='Kosten je Haushaltsjahr']]").text)
    assert "2027 12.500 € 1.200 €" in costs and "28.02.2027" in page_text(browser), costs


def test_english_list_and_profile(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(projects_url(base, "lang=en&q=wlan"))
    page = check_page(browser)
    assert page.status == 200 and html_lang(browser) == "en"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Project portfolio"
    text = page_text(browser)
    assert "projects found" in text and "By field of action" in text and "Likely duplicates" in text
    rows = list_rows(browser)
    p26 = next((r for r in rows if r["code"] == "P-0026"), None)
    assert p26, f"'wlan' should find P-0026: {rows}"
    assert p26["status"] == "In review", f"P-0026's status in English: {p26['status']!r}"
    with navigation(browser):
        find_link(browser, re.escape(urlsplit(p26["url"]).path)).click()
    page = check_page(browser)
    assert page.status == 200 and html_lang(browser) == "en"
    text = page_text(browser)
    for words in ("Costs per budget year", "Status history", "Similar projects", "Change status", "Basics"):
        assert words in text, f"English profile lacks {words!r}"
    costs = norm(browser.find_element(By.XPATH, "//table[caption[normalize-space()='Costs per budget year']]").text)
    assert re.search(r"€\d{1,3}(,\d{3})+", costs), f"amounts not in English format: {costs!r}"
    assert "Projektportfolio" not in text and "Statusverlauf" not in text, "German texts on the English page"
