"""Portfolio journeys with more than one role: a department lead submits a profile of the own unit, the
strategy team merges likely duplicates, reads the board by field of action and bundles projects into a
program. Each journey creates the projects it changes (unique titles), so the journeys stay independent.
"""

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from portfolio import (
    PROJECT_PATH, create_project_http, list_rows, norm, option_texts, projects_url, select_option, token,
)
from support import (
    LEAD, SLUG, STRATEGY, browser_login, find_link, form_of, navigation, page_text, requests_login, set_value,
    submit_button,
)


def _submit(browser, element):
    with navigation(browser):
        submit_button(form_of(element)).click()


def _click(browser, path_regex):
    with navigation(browser):
        find_link(browser, path_regex).click()


def _paths(browser, suffix: str) -> list[str]:
    return [urlsplit(a.get_attribute("href")).path for a in browser.find_elements(By.CSS_SELECTOR, "a[href]")
            if urlsplit(a.get_attribute("href")).path.endswith(suffix)]


def test_department_lead_submits_a_profile_of_the_own_unit(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, LEAD, server.password)
    browser.get(f"{base}/m/{SLUG}")
    check_page(browser)
    _click(browser, rf"/m/{SLUG}/projects")
    assert check_page(browser).status == 200

    # No strategy-team tools: no bulk assignment, no import, no duplicate review.
    assert not browser.find_elements(By.CSS_SELECTOR, "#bulk-element, table.portfolio input[type=checkbox]"), \
        "a department lead sees the bulk-assign controls"
    assert not _paths(browser, "/projects/import") and not _paths(browser, "/projects/duplicates"), \
        "a department lead sees import or duplicate links"

    # A new profile: only the own units can be chosen.
    _click(browser, rf"/m/{SLUG}/projects/new")
    assert check_page(browser).status == 200
    units = [t for t in option_texts(browser, "departmentID") if re.match(r"^[\w.]+ ", t)]
    assert units and all(t.split()[0] in ("33", "33.1") for t in units), f"lead may choose units {units}"
    title = f"Online-Anmeldung von Wohnungsgeberbestätigungen {token()}"
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "summary"), "Vermieter bestätigen den Einzug online.")
    select_option(browser, "departmentID", lambda t: t == "33 Bürgeramt", "'33 Bürgeramt'")
    _submit(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(PROJECT_PATH, urlsplit(page.url).path), \
        f"saving the profile: {page.url} HTTP {page.status}: {page_text(browser)[:400]}"
    profile = urlsplit(page.url).path
    assert title in page_text(browser)
    assert browser.find_element(By.CSS_SELECTOR, "p .status").text == "Idee"
    assert _paths(browser, "/edit"), "the lead should be able to edit the own profile"

    # Submit it: the only step a lead may take from "Idee".
    assert option_texts(browser, "status") == ["Eingereicht"], option_texts(browser, "status")
    select_option(browser, "status", lambda t: t == "Eingereicht", "'Eingereicht'")
    _submit(browser, browser.find_element(By.ID, "status"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == profile
    assert browser.find_element(By.CSS_SELECTOR, "p .status").text == "Eingereicht"
    latest = norm(browser.find_elements(By.CSS_SELECTOR, "ol.timeline li")[0].text)
    assert "Idee → Eingereicht" in latest, latest

    # A project of another unit (P-0040, IT-Service) can be read, not edited.
    browser.get(projects_url(base, "q=Schulnetz"))
    check_page(browser)
    other = next((r for r in list_rows(browser) if r["code"] == "P-0040"), None)
    assert other and other["department"] == "IT", f"P-0040 of the IT-Service not found: {list_rows(browser)}"
    _click(browser, re.escape(urlsplit(other["url"]).path))
    page = check_page(browser)
    assert page.status == 200
    assert not _paths(browser, "/edit"), "a lead sees an edit link on another unit's project"
    assert not browser.find_elements(By.ID, "status"), "a lead may change another unit's project status"
    assert not _paths(browser, "/merge"), "a lead sees a merge link"
    browser.get(page.url + "/edit")
    assert check_page(browser).status == 403, "a lead may open the edit form of another unit's project"


def test_strategy_team_merges_a_likely_duplicate(browser, check_page, server):
    base = server.base_url
    tag = token()
    s = requests_login(base, STRATEGY, server.password)
    summary = "Bürgerinnen und Bürger melden Schäden an Spielgeräten per App mit Foto und Standort."
    first = create_project_http(base, STRATEGY, server.password, f"Schadensmeldungen für Spielplätze {tag}",
                                summary=summary, department="66", tags=f"Spielplatz, Mängelmelder, {tag}", session=s)
    second = create_project_http(base, STRATEGY, server.password, f"Spielplatz-Schadensmeldungen digital {tag}",
                                 summary=summary, department="51", tags=f"Spielplatz, Mängelmelder, {tag}", session=s)

    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(projects_url(base))
    check_page(browser)
    _click(browser, rf"/m/{SLUG}/projects/duplicates")
    page = check_page(browser)
    assert page.status == 200 and browser.find_element(By.TAG_NAME, "h1").text == "Mögliche Dubletten"
    rows = [norm(tr.text) for tr in browser.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    assert any("P-0026" in r and "P-0040" in r for r in rows), f"the demo's WLAN pair is not listed: {rows}"

    # Merge our pair via its row's link.
    row = next((tr for tr in browser.find_elements(By.CSS_SELECTOR, "table tbody tr") if tag in tr.text), None)
    assert row is not None and row.text.count(tag) == 2, f"the new pair is not listed: {rows}"
    with navigation(browser):
        row.find_element(By.XPATH, ".//a[contains(@href, '/merge')]").click()
    page = check_page(browser)
    assert page.status == 200 and browser.find_element(By.TAG_NAME, "h1").text == "Projekte zusammenführen"
    absorbed = urlsplit(page.url).path.removesuffix("/merge")
    assert absorbed in (first, second), page.url
    survivor = second if absorbed == first else first
    chosen = Select(browser.find_element(By.ID, "target")).first_selected_option
    assert survivor.endswith(chosen.get_attribute("value")), "the merge form should preselect the pair's other project"
    # Without a target the form says what is missing, at the field.
    Select(browser.find_element(By.ID, "target")).select_by_value("")
    _submit(browser, browser.find_element(By.ID, "target"))
    page = check_page(browser)
    assert page.status == 422, f"merging into nothing: expected 422, got {page.status}"
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary"), "no error summary"
    assert browser.find_element(By.ID, "target").get_attribute("aria-invalid") == "true"
    Select(browser.find_element(By.ID, "target")).select_by_value(survivor.rsplit("/", 1)[1])
    note = f"Gleiches Vorhaben, gemeinsam umsetzen ({tag})"
    set_value(browser, browser.find_element(By.ID, "note"), note)
    _submit(browser, browser.find_element(By.ID, "target"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == survivor, f"after merging: {page.url}"

    # The survivor lists what it absorbed …
    merged = browser.find_elements(By.XPATH, "//h2[normalize-space()='Enthält zusammengeführte Projekte']"
                                             "/following-sibling::ul[1]//a")
    assert [urlsplit(a.get_attribute("href")).path for a in merged] == [absorbed], "survivor does not list the merged project"
    # … the absorbed one is archived and points to the survivor.
    _click(browser, re.escape(absorbed))
    page = check_page(browser)
    assert page.status == 200
    text = page_text(browser)
    assert "Archiviert" in text and "Zusammengeführt in" in text, text[:400]
    assert _paths(browser, survivor.rsplit("/", 1)[1]) and not _paths(browser, "/edit")
    _click(browser, re.escape(survivor))
    check_page(browser)

    # The survivor's history covers both projects.
    _click(browser, re.escape(survivor) + "/history")
    page = check_page(browser)
    assert page.status == 200
    text = page_text(browser)
    assert f"Schadensmeldungen für Spielplätze {tag}" in text and f"Spielplatz-Schadensmeldungen digital {tag}" in text, \
        "the history should show both projects"
    assert "zusammengeführt" in text, "the history should show the merge"


def test_board_by_field_of_action_and_bulk_assignment_to_a_program(browser, check_page, server):
    base = server.base_url
    tag = token()
    s = requests_login(base, STRATEGY, server.password)
    created = [create_project_http(base, STRATEGY, server.password, f"{name} {tag}", department="SD", session=s)
               for name in ("Chatbot für häufige Fragen", "Videoberatung im Sozialamt")]

    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(projects_url(base))
    check_page(browser)
    _click(browser, rf"/m/{SLUG}/projects/board")
    page = check_page(browser)
    assert page.status == 200 and browser.find_element(By.TAG_NAME, "h1").text == "Nach Handlungsfeld"
    columns = {norm(c.find_element(By.TAG_NAME, "h2").text): c for c in browser.find_elements(By.CSS_SELECTOR, ".board-column")}
    for code in ("HF1", "HF6"):
        assert any(t.startswith(code) or code in t for t in columns), f"no column for {code}: {list(columns)}"
    assert "Ohne Handlungsfeld" in columns, list(columns)
    hf6 = next(c for t, c in columns.items() if "HF6" in t or t.startswith("HF6"))
    assert "P-0026" in hf6.text, "P-0026 (WLAN, schools) should be in the HF6 column"
    none = columns["Ohne Handlungsfeld"]
    assert none.text.count(tag) == 2, "new projects without links belong to 'Ohne Handlungsfeld'"

    # Bundle both new projects into a program from the list.
    browser.get(projects_url(base, f"q={tag}"))
    check_page(browser)
    rows = list_rows(browser)
    assert len(rows) == 2 and all(r["checkbox"] is not None for r in rows), rows

    # Nothing selected: the same list comes back and says what is missing.
    _submit(browser, browser.find_element(By.ID, "bulk-element"))
    page = check_page(browser)
    assert page.status == 422, f"assigning no project: expected 422, got {page.status}"
    summary = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary and "Projekte" in summary[0].text, "the error summary should name the missing projects"
    rows = list_rows(browser)
    assert len(rows) == 2, f"the refused assignment should show the filtered list again: {rows}"
    for r in rows:
        r["checkbox"].click()
    program = browser.find_element(By.XPATH, "//select[@id='bulk-element']/optgroup[@label='Programme']/option[1]")
    program_label = norm(program.text)
    Select(browser.find_element(By.ID, "bulk-element")).select_by_value(program.get_attribute("value"))
    _submit(browser, browser.find_element(By.ID, "bulk-element"))
    page = check_page(browser)
    assert page.status == 200, f"bulk assignment: HTTP {page.status}"
    assert "2 Projekte zugeordnet." in page_text(browser), page_text(browser)[:300]
    assert {r["code"] for r in list_rows(browser)} == {r["code"] for r in rows}, "the list should keep its filter"

    _click(browser, re.escape(created[0]))
    check_page(browser)
    strategy = [norm(a.text) for a in browser.find_elements(By.CSS_SELECTOR, ".element-list a")]
    assert f"Programm: {program_label}" in strategy, f"profile links {strategy}, expected the program {program_label!r}"

    # On the board (narrowed to the new projects) they moved to the program's field of action.
    browser.get(f"{projects_url(base)}/board?q={tag}")
    check_page(browser)
    filled = [norm(c.find_element(By.TAG_NAME, "h2").text) for c in browser.find_elements(By.CSS_SELECTOR, ".board-column")
              if tag in c.text]
    assert len(filled) == 1 and filled[0] != "Ohne Handlungsfeld", f"columns with the new projects: {filled}"
