"""Roadmap planning (issue 15) in the browser, with the demo municipality Musterstadt.

The strategy team opens the plan list from the main navigation, opens the demo's solved plan and sees the
roadmap chart, the capacity chart and the schedule with its reasons; creates a scenario with 20 % less budget,
solves it, compares it with the plan and sees projects that moved, fell out or start later; then changes a
start by hand so that a budget or department is over-allocated and sees the broken rule listed. A second
journey covers the economic settings (a field error, then a saved value) and the cost-benefit table.
Every page goes through check_page (axe-core + HTML).

Only the scenario this journey creates is solved and changed, so the demo plan stays as other tests expect it.
The plan page reloads itself while the optimizer runs (static/plan-progress.js); here that script is blocked so
every page the browser shows can be checked, and the journey follows the page's own "Stand jetzt abrufen" link
like a user without JavaScript would.
"""

import re
from urllib.parse import urlsplit


from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from portfolio import norm, token
from support import SLUG, STRATEGY, browser_login, follow_link, navigation, set_value, submit_form

DEMO_PLAN = "Fahrplan Digitalisierung 2027–2030"
PLAN_PATH = rf"/m/{SLUG}/plans/[0-9A-Fa-f-]{{36}}"
SOLVE_TIMEOUT = 600  # the optimizer shares a loaded machine; only the upper bound of the wait


def _heading(browser) -> str:
    return norm(browser.find_element(By.CSS_SELECTOR, "main h1").text)


def _open_link_text(browser, check_page, text: str, within: str = "main"):
    link = browser.find_element(By.XPATH, f"//{within}//a[normalize-space()={_xpath_literal(text)}]")
    with navigation(browser):
        link.click()
    page = check_page(browser)
    assert page.status == 200, f"{text}: {page.url} HTTP {page.status}"
    return page


def _xpath_literal(text: str) -> str:
    return f'"{text}"' if '"' not in text else "concat('" + "', \"'\", '".join(text.split("'")) + "')"


def _wait_until_solved(browser, check_page) -> None:
    """Follow the progress box's refresh link until the plan page no longer shows a running optimization."""
    def settled(_):
        if not browser.find_elements(By.ID, "plan-progress"):
            return True
        with navigation(browser, timeout=120):
            browser.find_element(By.CSS_SELECTOR, "#plan-progress a").click()
        page = check_page(browser)
        assert page.status == 200, f"refreshing the running plan: HTTP {page.status}"
        return not browser.find_elements(By.ID, "plan-progress")

    WebDriverWait(browser, SOLVE_TIMEOUT, poll_frequency=1).until(
        settled, f"the optimization did not finish within {SOLVE_TIMEOUT} s")


def _use_over(browser) -> list[str]:
    return [norm(td.find_element(By.XPATH, "./ancestor::tr[1]/th").text)
            for td in browser.find_elements(By.CSS_SELECTOR, "#plan-use td.over")]


def test_strategy_team_plans_a_roadmap_with_a_budget_scenario(browser, check_page, server):
    base = server.base_url
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*plan-progress.js*"]})
    try:
        _journey(browser, check_page, base, server.password)
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def _journey(browser, check_page, base, password):
    browser_login(browser, check_page, base, STRATEGY, password)
    # The plan list from the municipality's main navigation.
    browser.get(f"{base}/m/{SLUG}")
    assert check_page(browser).status == 200
    nav = browser.find_element(By.XPATH, f"//nav//a[contains(@href, '/m/{SLUG}/plans')]")
    assert norm(nav.text) == "Fahrplan", nav.text
    with navigation(browser):
        nav.click()
    assert check_page(browser).status == 200 and _heading(browser) == "Umsetzungsplanung"
    names = [norm(a.text) for a in browser.find_elements(By.CSS_SELECTOR, "#plan-list a")]
    assert DEMO_PLAN in names and "Haushalt −20 %" in names, names

    # The demo plan: charts, schedule with reasons, use per period.
    _open_link_text(browser, check_page, DEMO_PLAN)
    plan_path = urlsplit(browser.current_url).path
    assert re.fullmatch(PLAN_PATH, plan_path) and _heading(browser) == DEMO_PLAN
    for chart in ("roadmap", "capacity"):
        svg = browser.find_elements(By.CSS_SELECTOR, f"figure.chart svg#{chart}")
        assert svg and svg[0].get_attribute("role") == "img", f"no <svg id={chart} role=img> on the plan page"
        assert norm(svg[0].find_element(By.TAG_NAME, "title").get_attribute("textContent")), f"#{chart} has no title"
    rows = browser.find_elements(By.CSS_SELECTOR, "#plan-schedule tbody tr[id^='plan-row-']")
    assert len(rows) >= 5, f"schedule rows: {len(rows)}"
    reasons = [norm(tr.find_elements(By.TAG_NAME, "td")[-1].text) for tr in rows]
    assert sum(1 for r in reasons if r) >= len(rows) // 2, f"most projects should say why: {reasons}"
    assert browser.find_elements(By.CSS_SELECTOR, "#plan-use tbody tr"), "no use per period"
    assert not browser.find_elements(By.ID, "plan-violations"), "the solved demo plan should break no rule"

    # A scenario with 20 % less budget, from the plan page.
    name = f"Haushalt −20 % {token()}"
    with navigation(browser):
        browser.find_element(By.ID, "new-scenario").click()
    assert check_page(browser).status == 200 and _heading(browser) == "Szenario anlegen"
    set_value(browser, browser.find_element(By.ID, "name"), name)
    set_value(browser, browser.find_element(By.ID, "budgetPercent"), "-20")
    submit_form(browser, browser.find_element(By.ID, "budgetPercent"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(PLAN_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    scenario_path = urlsplit(page.url).path
    assert scenario_path != plan_path and _heading(browser) == name

    # Solve it: progress, then the result.
    submit_form(browser, browser.find_element(By.ID, "solve-plan"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == scenario_path, f"{page.url} HTTP {page.status}"
    _wait_until_solved(browser, check_page)
    status = norm(browser.find_element(By.ID, "plan-status-value").text)
    assert status.startswith(("Optimal (bewiesen)", "Bester gefundener Plan")), status
    assert browser.find_elements(By.CSS_SELECTOR, "svg#roadmap") and browser.find_elements(By.CSS_SELECTOR, "svg#capacity")

    # Compare with the plan: with a fifth less money something moves, falls out or starts later.
    follow_link(browser, re.escape(plan_path))
    assert check_page(browser).status == 200 and _heading(browser) == DEMO_PLAN
    entry = browser.find_element(By.XPATH, f"//section[@id='plan-scenarios']//li[a[normalize-space()={_xpath_literal(name)}]]")
    with navigation(browser):
        entry.find_element(By.XPATH, ".//a[contains(@href, '/compare?with=')]").click()
    assert check_page(browser).status == 200 and _heading(browser) == "Vergleich"
    summary = [norm(th.text) for th in browser.find_elements(By.CSS_SELECTOR, "#compare-summary thead th")]
    assert summary[1:] == [DEMO_PLAN, name], summary
    changes = {norm(tr.find_element(By.TAG_NAME, "th").text): norm(tr.find_elements(By.TAG_NAME, "td")[0].text)
               for tr in browser.find_elements(By.CSS_SELECTOR, "#compare-changes tbody tr")}
    assert changes, "the comparison lists no project"
    moved = {p: c for p, c in changes.items() if c in ("fällt weg", "später", "früher", "neu im Plan")}
    assert moved, f"20 % less budget changed nothing: {changes}"

    # A start set by hand that over-allocates a budget or department: the page lists the broken rule.
    browser.get(base + scenario_path)
    assert check_page(browser).status == 200
    # With a fifth less money every candidate still fits, only later: moving a project that now starts later
    # into the first period over-allocates it. The candidates are the projects the change form offers.
    offered = {norm(o.text).split()[0]: o.get_attribute("value")
               for o in Select(browser.find_element(By.ID, "projectId")).options if o.get_attribute("value")}
    scheduled = [tr.get_attribute("id").removeprefix("plan-row-")
                 for tr in browser.find_elements(By.CSS_SELECTOR, "#plan-schedule tr[id^='plan-row-']")]
    candidates = [code for code in scheduled if code in offered]
    assert candidates, "the change form offers no project of the plan"
    for code in candidates:
        Select(browser.find_element(By.ID, "projectId")).select_by_value(offered[code])
        Select(browser.find_element(By.ID, "start")).select_by_value("0")
        submit_form(browser, browser.find_element(By.ID, "start"))
        page = check_page(browser)
        assert page.status == 200 and urlsplit(page.url).path == scenario_path, f"{page.url} HTTP {page.status}"
        badges = [norm(b.text) for b in browser.find_elements(By.CSS_SELECTOR, f"#plan-row-{code} .badge")]
        assert "von Hand" in badges, f"the start set by hand for {code} is not marked (badges {badges})"
        if _use_over(browser):
            break
    else:
        raise AssertionError(f"moving every project of the plan {candidates} into the first period over-allocated nothing")
    violations = [norm(li.text) for li in browser.find_elements(By.CSS_SELECTOR, "#plan-violations li")]
    assert violations, "an over-allocated plan should list the rules it breaks"
    over = _use_over(browser)
    assert any(any(resource in v for v in violations) or code in " ".join(violations) for resource in over), \
        f"the violations {violations} should name the over-allocated {over} or the project {code}"

    _edit_frame_and_project_settings(browser, check_page, base, scenario_path, name)


def _edit_frame_and_project_settings(browser, check_page, base, scenario_path, name):
    """The scenario's frame form (a field error, then a new name) and its per-project settings (a left-out
    project cannot be mandatory; leaving it out is saved and shown)."""
    with navigation(browser):
        browser.find_element(By.ID, "edit-frame").click()
    assert check_page(browser).status == 200 and _heading(browser).startswith("Rahmen"), _heading(browser)
    count = browser.find_element(By.ID, "periodCount")
    periods = count.get_attribute("value")
    set_value(browser, count, "0")
    submit_form(browser, count)
    page = check_page(browser)
    assert page.status == 422, f"0 periods: expected HTTP 422, got {page.status}"
    field = browser.find_element(By.ID, "periodCount")
    assert norm(browser.find_element(By.ID, "periodCount-error").text), "no message at the period count"
    assert field.get_attribute("aria-invalid") == "true" and field.get_attribute("value") == "0"
    set_value(browser, field, periods)
    renamed = f"{name} (überarbeitet)"
    set_value(browser, browser.find_element(By.ID, "name"), renamed)
    submit_form(browser, field)
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == scenario_path, f"{page.url} HTTP {page.status}"
    assert _heading(browser) == renamed, _heading(browser)
    assert browser.find_elements(By.CSS_SELECTOR, "main .notice"), "no confirmation after saving the frame"

    with navigation(browser):
        browser.find_element(By.ID, "edit-settings").click()
    assert check_page(browser).status == 200 and browser.find_elements(By.ID, "plan-settings")
    boxes = [b for b in browser.find_elements(By.CSS_SELECTOR, "#plan-settings input[type=checkbox]") if b.is_selected()]
    assert boxes, "no project of the scenario is in the plan"
    row_id = boxes[0].get_attribute("id").removeprefix("included-")
    boxes[0].click()
    Select(browser.find_element(By.ID, f"mandatory-{row_id}")).select_by_value("yes")
    submit_form(browser, browser.find_element(By.ID, f"mandatory-{row_id}"))
    page = check_page(browser)
    assert page.status == 422, f"left out and mandatory: expected HTTP 422, got {page.status}"
    assert norm(browser.find_element(By.ID, f"mandatory-{row_id}-error").text), "no message at the mandatory choice"
    assert not browser.find_element(By.ID, f"included-{row_id}").is_selected(), "the unticked box should stay unticked"
    Select(browser.find_element(By.ID, f"mandatory-{row_id}")).select_by_value("")
    submit_form(browser, browser.find_element(By.ID, f"mandatory-{row_id}"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path.startswith(scenario_path), f"{page.url} HTTP {page.status}"
    assert browser.find_elements(By.CSS_SELECTOR, "main .notice"), "no confirmation after saving the settings"
    browser.get(f"{base}{scenario_path}/projects")
    assert check_page(browser).status == 200
    assert not browser.find_element(By.ID, f"included-{row_id}").is_selected(), "leaving the project out was not saved"


def test_economic_settings_and_cost_benefit(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(f"{base}/m/{SLUG}/settings/economics")
    assert check_page(browser).status == 200
    interest = browser.find_element(By.ID, "interestRate")
    good = interest.get_attribute("value")
    set_value(browser, interest, "200")
    submit_form(browser, interest)
    page = check_page(browser)
    assert page.status == 422, f"interest 200: expected HTTP 422, got {page.status}"
    error = browser.find_element(By.ID, "interestRate-error")
    assert norm(error.text)
    field = browser.find_element(By.ID, "interestRate")
    assert field.get_attribute("aria-invalid") == "true" and "interestRate-error" in field.get_attribute("aria-describedby")
    assert field.get_attribute("value") == "200", "the typed value should stay"

    wanted = "2,5" if good != "2,5" else "3"
    set_value(browser, field, wanted)
    submit_form(browser, field)
    page = check_page(browser)
    assert page.status == 200, f"saving interest {wanted}: HTTP {page.status}"
    assert browser.find_elements(By.CSS_SELECTOR, "main .notice"), "no confirmation after saving"
    assert not browser.find_elements(By.CSS_SELECTOR, ".field-error")
    browser.get(f"{base}/m/{SLUG}/settings/economics")
    assert check_page(browser).status == 200
    assert browser.find_element(By.ID, "interestRate").get_attribute("value").replace(".", ",").startswith(wanted), \
        browser.find_element(By.ID, "interestRate").get_attribute("value")

    browser.get(f"{base}/m/{SLUG}/cost-benefit")
    assert check_page(browser).status == 200
    rows = browser.find_elements(By.CSS_SELECTOR, "main table.data tbody tr")
    assert rows, "the cost-benefit page shows no table rows"
    assert any(re.search(r"P-\d{4}", norm(tr.text)) for tr in rows), [norm(tr.text) for tr in rows[:3]]
