"""The strategy team's monitoring dashboard (issue 16) in the browser, with the demo municipality Musterstadt.

The strategy team opens "Monitoring" from the main navigation and reads the dashboard: projects by status and
field of action (chart with title and description, and its table), red lights, overdue milestones, projects
without a current report, budget planned versus spent, KPIs and who is late with updates — each section with
its figures or its sentence for "nothing to show", the figures at a glance agreeing with the lists. From there
it follows "Kennzahlen" to the KPI list, defines a KPI of its own with a measurement (so the journey does not
depend on the demo's monitoring data), opens the KPI's page with its chart, goes back to the dashboard that now
counts it, and opens "Aktualisierung" (update cycles) and the late list. The English dashboard and a reader's
view (no late list) close it. Every page goes through check_page (axe-core + HTML).
"""

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from portfolio import norm, token
from support import READER, SLUG, STRATEGY, UUID, browser_login, navigation, set_value, submit_form, switch_user

SECTIONS = {  # heading id -> the id of its "nothing to show" sentence
    "dash-status": "dash-status-empty", "dash-red": "dash-red-empty", "dash-late": "dash-late-empty",
    "dash-stale": "dash-stale-empty", "dash-budget": "dash-budget-empty", "dash-kpis": "dash-kpis-empty",
}
STATUS_LINK = rf"/m/{SLUG}/projects/{UUID}/status"


def _heading(browser) -> str:
    return norm(browser.find_element(By.CSS_SELECTOR, "main h1").text)


def _nav(browser, check_page, label: str, path: str):
    """Click the main navigation's entry and check that it leads to `path` and is marked as the current page."""
    link = browser.find_element(By.XPATH, f"//nav[contains(@class,'main-nav')]//a[normalize-space()='{label}']")
    assert urlsplit(link.get_attribute("href")).path == path, link.get_attribute("href")
    with navigation(browser):
        link.click()
    page = check_page(browser)
    assert page.status == 200, f"{label}: {page.url} HTTP {page.status}"
    current = browser.find_element(By.XPATH, f"//nav[contains(@class,'main-nav')]//a[normalize-space()='{label}']")
    assert current.get_attribute("aria-current") == "page", f"{label} is not marked as the current page"
    return page


def _count(browser, figure_id: str) -> int:
    """The figure's first number: "9 (1)" is 9 KPIs, one of them without a recent measurement."""
    return int(norm(browser.find_element(By.ID, figure_id).text).split()[0].replace(".", ""))


def _check_dashboard(browser, team: bool) -> dict:
    """Every section shows its content or says that there is none; the figures agree with the lists."""
    assert _heading(browser) == "Monitoring-Übersicht", _heading(browser)
    for heading, empty in SECTIONS.items():
        assert browser.find_elements(By.ID, heading), f"no section heading #{heading}"
        section = browser.find_element(By.ID, heading).find_element(By.XPATH, "./ancestor::section[1]")
        has_empty = bool(section.find_elements(By.ID, empty))
        has_content = bool(section.find_elements(By.CSS_SELECTOR, "table, ul.dash-list, svg, #dash-kpi-figures"))
        assert has_empty != has_content, f"#{heading}: content {has_content}, empty sentence {has_empty}"
    # The status chart: an image named by title and description, with the same figures as a table.
    svg = browser.find_element(By.CSS_SELECTOR, "figure.chart svg#dash-status-chart")
    assert svg.get_attribute("role") == "img"
    assert norm(svg.find_element(By.TAG_NAME, "title").get_attribute("textContent")) == "Projekte nach Status und Handlungsfeld"
    assert norm(svg.find_element(By.TAG_NAME, "desc").get_attribute("textContent")).startswith("Gestapelte Balken")
    assert browser.find_elements(By.CSS_SELECTOR, "#dash-status-table tbody tr"), "the status table has no rows"

    counts = {name: _count(browser, f"dash-{name}-count") for name in ("red", "late", "stale")}
    red_items = browser.find_elements(By.CSS_SELECTOR, "#dash-red-list > li")
    late_rows = browser.find_elements(By.CSS_SELECTOR, "#dash-late-table tbody tr")
    stale_rows = browser.find_elements(By.CSS_SELECTOR, "#dash-stale-table tbody tr")
    for name, shown in (("red", red_items), ("late", late_rows), ("stale", stale_rows)):
        assert len(shown) == min(counts[name], 25), f"{name}: figure {counts[name]}, list {len(shown)}"
    # Every project in the lists links to its status page.
    for selector in ("#dash-red-list > li > a", "#dash-late-table a", "#dash-stale-table a"):
        for a in browser.find_elements(By.CSS_SELECTOR, selector):
            assert re.fullmatch(STATUS_LINK, urlsplit(a.get_attribute("href")).path), a.get_attribute("href")
    if browser.find_elements(By.ID, "dash-budget-table"):
        assert browser.find_element(By.CSS_SELECTOR, "svg#dash-budget-chart").get_attribute("role") == "img"
        total = browser.find_element(By.CSS_SELECTOR, "#dash-budget-table tr.total th")
        assert norm(total.text) == "Alle Projekte in Umsetzung"
    assert bool(browser.find_elements(By.ID, "dash-updates")) == team, "the late-updates section is the strategy team's"
    return counts


def test_strategy_team_reads_the_monitoring_dashboard(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(f"{base}/m/{SLUG}")
    assert check_page(browser).status == 200

    # From the navigation to the dashboard.
    _nav(browser, check_page, "Monitoring", f"/m/{SLUG}/monitoring")
    _check_dashboard(browser, team=True)
    kpis_before = _count(browser, "dash-kpi-count") if browser.find_elements(By.ID, "dash-kpi-count") else 0

    # A project's status page from the dashboard: the demo has a red light, an overdue milestone and a stale project.
    project_links = browser.find_elements(By.CSS_SELECTOR, "#dash-red-list > li > a, #dash-late-table a, #dash-stale-table a")
    assert project_links, "the demo's red light, overdue milestone and stale project should be listed with links"
    with navigation(browser):
        project_links[0].click()
    assert check_page(browser).status == 200 and "/status" in browser.current_url, browser.current_url
    browser.back()
    check_page(browser)

    # KPIs: the list, a KPI of our own with a measurement, its page with the chart.
    _nav(browser, check_page, "Kennzahlen", f"/m/{SLUG}/kpis")
    assert _heading(browser) == "Kennzahlen"
    with navigation(browser):
        browser.find_element(By.ID, "new-kpi").click()
    assert check_page(browser).status == 200
    name = f"Online-Anträge {token()}"
    set_value(browser, browser.find_element(By.ID, "name"), name)
    set_value(browser, browser.find_element(By.ID, "unit"), "%")
    goal = Select(browser.find_element(By.ID, "goalID"))
    goal.select_by_index(1)
    Select(browser.find_element(By.ID, "direction")).select_by_value("increase")
    set_value(browser, browser.find_element(By.ID, "baselineValue"), "10")
    set_value(browser, browser.find_element(By.ID, "baselineOn"), "01.01.2025")
    set_value(browser, browser.find_element(By.ID, "targetValue"), "60")
    set_value(browser, browser.find_element(By.ID, "targetOn"), "31.12.2028")
    submit_form(browser, browser.find_element(By.ID, "name"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(rf"/m/{SLUG}/kpis/{UUID}", urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    kpi_path = urlsplit(page.url).path
    assert _heading(browser) == name
    set_value(browser, browser.find_element(By.ID, "measuredOn"), "01.06.2026")
    set_value(browser, browser.find_element(By.ID, "value"), "35")
    submit_form(browser, browser.find_element(By.ID, "measuredOn"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == kpi_path, f"{page.url} HTTP {page.status}"
    assert norm(browser.find_element(By.ID, "kpi-progress").text).startswith("50"), browser.find_element(By.ID, "kpi-progress").text
    assert browser.find_element(By.CSS_SELECTOR, "svg#kpi-chart").get_attribute("role") == "img"

    # Back on the dashboard, the KPI box counts it and links to the list and the roll-up.
    _nav(browser, check_page, "Monitoring", f"/m/{SLUG}/monitoring")
    _check_dashboard(browser, team=True)
    assert _count(browser, "dash-kpi-count") == kpis_before + 1
    figures = norm(browser.find_element(By.ID, "dash-kpi-figures").text)
    assert re.match(rf"{kpis_before + 1} Kennzahlen, \d+ mit Messwerten", figures), figures
    with navigation(browser):
        browser.find_element(By.ID, "dash-kpi-list-link").click()
    assert check_page(browser).status == 200 and _heading(browser) == "Kennzahlen"
    assert name in [norm(a.text) for a in browser.find_elements(By.CSS_SELECTOR, "#kpi-list a")]

    # Update cycles and the late list.
    _nav(browser, check_page, "Aktualisierung", f"/m/{SLUG}/monitoring/cycles")
    assert _heading(browser) == "Aktualisierungszyklen"
    with navigation(browser):
        browser.find_element(By.ID, "late-list-link").click()
    assert check_page(browser).status == 200 and _heading(browser) == "Wer ist im Verzug"

    # The dashboard in English.
    browser.get(f"{base}/m/{SLUG}/monitoring?lang=en")
    assert check_page(browser).status == 200
    assert _heading(browser) == "Monitoring dashboard"
    nav = [norm(a.text) for a in browser.find_elements(By.CSS_SELECTOR, "nav.main-nav a")]
    assert {"Monitoring", "KPIs", "Update cycles"} <= set(nav), nav
    title = browser.find_element(By.CSS_SELECTOR, "svg#dash-status-chart title").get_attribute("textContent")
    assert norm(title) == "Projects by status and field of action"


def test_reader_sees_the_dashboard_without_the_late_list(browser, check_page, server):
    base = server.base_url
    switch_user(browser, check_page, base, READER, server.password)
    browser.get(f"{base}/m/{SLUG}/monitoring")
    assert check_page(browser).status == 200
    _check_dashboard(browser, team=False)
