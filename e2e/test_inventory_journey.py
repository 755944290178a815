"""The inventory (issue 17) in the browser, with the demo municipality Musterstadt.

The strategy team opens the overview: every chart is an SVG with a title and description and the same figures as a
table, and the demo's 28 administrative services are counted. It records an IT system through the form, then an
administrative service with a rating per criterion: the overall level shown is the lowest criterion's. A CSV of
services with one bad row comes back from the import page naming the row and column, and nothing of the file is
stored; the corrected file adds its rows. Every page goes through check_page (axe-core + HTML).
"""

import csv
import io
import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from maturity import SERVICE_PATH, SYSTEM_PATH, german, heading, today
from portfolio import norm, token
from support import SLUG, STRATEGY, browser_login, browser_session, follow_link, set_value, submit_form

INVENTORY = f"/m/{SLUG}/inventory"
DEMO_SERVICES = 28


def _text(element) -> str:
    """Text of an element that may sit in a closed <details> (the chart tables): textContent, not what is shown."""
    return norm(element.get_attribute("textContent"))


def _table_rows(browser, table_id: str) -> list[list[str]]:
    table = browser.find_element(By.ID, table_id)
    return [[_text(cell) for cell in tr.find_elements(By.XPATH, "./th|./td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def _exported_services(browser, base: str) -> list[dict]:
    """The services as the export link downloads them (the browser's login), to verify what was stored."""
    r = browser_session(browser, base).get(f"{base}{INVENTORY}/services/export", timeout=30)
    assert r.status_code == 200, f"export: HTTP {r.status_code}"
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))


def _service_names(rows: list[dict]) -> set[str]:
    assert rows, "the export has no rows"
    column = next(k for k in rows[0] if k and k.strip().lower() in ("leistung", "name", "verwaltungsleistung"))
    return {norm(r[column]) for r in rows}


def test_inventory_overview_forms_and_csv_import(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    marker = token()

    # The overview: charts with their text alternatives and tables, the demo's counts.
    browser.get(base + INVENTORY)
    assert check_page(browser).status == 200 and heading(browser) == "Bestandsaufnahme", heading(browser)
    for chart_id in ("inventory-levels-chart", "inventory-departments-chart", "inventory-history-chart"):
        chart = browser.find_element(By.ID, chart_id)
        assert chart.tag_name == "svg", chart_id
        description = _text(browser.find_element(By.ID, f"{chart_id}-desc"))
        assert re.search(r"\d", description), f"{chart_id}: no text alternative with the figures ({description!r})"
    levels = _table_rows(browser, "inventory-levels-table")
    assert levels, "the levels table is empty"
    assert levels[-1][-1] == str(DEMO_SERVICES), f"services in total: {levels[-1]}"
    assert sum(int(c) for c in levels[-1][1:-1]) == DEMO_SERVICES, levels[-1]
    described = _text(browser.find_element(By.ID, "inventory-levels-chart-desc"))
    assert sum(int(n) for n in re.findall(r": (\d+)", described)) == DEMO_SERVICES, described
    departments = _table_rows(browser, "inventory-departments-table")
    # A row per department and a total row.
    assert len(departments) >= 4 and departments[-1][-1] == str(DEMO_SERVICES), departments[-1]
    assert sum(int(r[-1]) for r in departments[:-1]) == DEMO_SERVICES, departments
    assert len(_table_rows(browser, "inventory-history-table")) >= 2
    services_link = norm(browser.find_element(By.ID, "inventory-services-link").text)
    systems_link = norm(browser.find_element(By.ID, "inventory-systems-link").text)
    assert f"({DEMO_SERVICES})" in services_link, services_link
    assert "(12)" in systems_link, systems_link

    # An IT system through the form.
    follow_link(browser, re.escape(f"{INVENTORY}/systems/new"))
    assert check_page(browser).status == 200
    system = f"Ratsinformationssystem {marker}"
    set_value(browser, browser.find_element(By.ID, "name"), system)
    set_value(browser, browser.find_element(By.ID, "vendor"), "Beispiel GmbH")
    Select(browser.find_element(By.ID, "departmentIDs")).select_by_visible_text("33 Bürgeramt")
    Select(browser.find_element(By.ID, "hosting")).select_by_value("cloud")
    set_value(browser, browser.find_element(By.ID, "contractEndsOn"), "31.12.2028")
    Select(browser.find_element(By.ID, "lifecycle")).select_by_index(1)
    submit_form(browser, browser.find_element(By.ID, "name"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(SYSTEM_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    assert heading(browser) == system
    facts = norm(browser.find_element(By.ID, "item-facts").text)
    assert "Beispiel GmbH" in facts and "Bürgeramt" in facts and "31.12.2028" in facts, facts

    # An administrative service rated per criterion: the overall level is the lowest criterion's.
    browser.get(f"{base}{INVENTORY}/services/new")
    assert check_page(browser).status == 200
    service = f"Hundesteuer-Anmeldung {marker}"
    set_value(browser, browser.find_element(By.ID, "name"), service)
    Select(browser.find_element(By.ID, "departmentID")).select_by_visible_text("33 Bürgeramt")
    set_value(browser, browser.find_element(By.ID, "casesPerYear"), "1.200")
    level_selects = browser.find_elements(By.NAME, "level[]")
    assert len(level_selects) == 3, f"the OZG model has three criteria, the form shows {len(level_selects)}"
    for select, level in zip(level_selects, ("4", "2", "3")):
        Select(select).select_by_value(level)
    submit_form(browser, browser.find_element(By.ID, "name"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(SERVICE_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    assert heading(browser) == service
    overall = norm(browser.find_element(By.ID, "overall-level").text)
    assert re.search(r":\s*2\b", overall) and "Formular" in overall, f"lowest criterion is 2: {overall!r}"
    criteria = norm(browser.find_element(By.ID, "criteria-levels").text)
    for level in ("4", "2", "3"):
        assert level in criteria, criteria
    history = browser.find_elements(By.CSS_SELECTOR, "#assessment-list tbody tr")
    assert len(history) == 3 and all(german(today()) in norm(r.text) for r in history), [norm(r.text) for r in history]
    assert service in _service_names(_exported_services(browser, base))

    # A CSV with one bad row: the row and column are named, nothing of the file is stored.
    first, second = f"Wohngeld {marker}", f"Elterngeld {marker}"
    header = "Leistung;Fachdienst;Fallzahl pro Jahr;Reifegrad Antragstellung;Stand Antragstellung"
    bad = f"{header}\n{first};33;800;3;01.03.2026\n{second};33;viele;2;01.03.2026\n"
    browser.get(f"{base}{INVENTORY}/import")
    assert check_page(browser).status == 200 and heading(browser) == "CSV-Import", heading(browser)
    Select(browser.find_element(By.ID, "kind")).select_by_value("services")
    set_value(browser, browser.find_element(By.ID, "content"), bad)
    submit_form(browser, browser.find_element(By.ID, "content"))
    page = check_page(browser)
    assert page.status == 422, f"a file with a bad row: expected HTTP 422, got {page.status}"
    assert "nichts gespeichert" in norm(browser.find_element(By.ID, "import-result").text)
    problems = _table_rows(browser, "import-problems")
    assert len(problems) == 1, problems
    row, column, value, message = problems[0]
    assert row == "3" and column == "Fallzahl pro Jahr" and value == "viele" and message, problems[0]
    stored = _service_names(_exported_services(browser, base))
    assert first not in stored and second not in stored, "a row of the refused file was stored"
    assert len(stored) == DEMO_SERVICES + 1, len(stored)

    # Corrected, the file adds both rows.
    good = bad.replace(";viele;", ";1.500;")
    Select(browser.find_element(By.ID, "kind")).select_by_value("services")
    set_value(browser, browser.find_element(By.ID, "content"), good)
    submit_form(browser, browser.find_element(By.ID, "content"))
    page = check_page(browser)
    assert page.status == 200, f"the corrected file: HTTP {page.status}"
    result = norm(browser.find_element(By.ID, "import-result").text)
    assert "Import abgeschlossen" in result and "2 neu" in result, result
    assert not browser.find_elements(By.ID, "import-problems")
    stored = _service_names(_exported_services(browser, base))
    assert first in stored and second in stored and len(stored) == DEMO_SERVICES + 3, len(stored)

    # The overview counts them.
    browser.get(base + INVENTORY)
    assert check_page(browser).status == 200
    assert _table_rows(browser, "inventory-levels-table")[-1][-1] == str(DEMO_SERVICES + 3)

    # The project that raises a demo service's maturity shows the inventory panel: its systems and services,
    # each linked back to the inventory (helper K, session 25).
    browser.get(f"{base}{INVENTORY}/services")
    assert check_page(browser).status == 200
    with_service = browser.find_element(By.LINK_TEXT, "Meldebescheinigung beantragen")
    service_url = urlsplit(with_service.get_attribute("href")).path
    browser.get(base + service_url)
    assert check_page(browser).status == 200
    follow_link(browser, rf"/m/{SLUG}/projects/[0-9a-fA-F-]{{36}}$")
    assert check_page(browser).status == 200
    panel = browser.find_element(By.ID, "inventory-links")
    assert "IT-Systeme und Verwaltungsleistungen" in norm(panel.text), norm(panel.text)
    linked = {urlsplit(a.get_attribute("href")).path for a in panel.find_elements(By.CSS_SELECTOR, "tbody a")}
    assert service_url in linked, f"the project's panel does not link the service: {linked}"
    assert any(re.fullmatch(SYSTEM_PATH, path) for path in linked), f"no IT system in the panel: {linked}"
