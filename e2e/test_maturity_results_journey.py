"""Quick-Check results (issue 17) in the browser, on the demo's round of this year (138 answers).

The strategy team goes from the maturity hub to the round and its results: the radar chart of the topic fields
(SVG with a text description), the weakest fields named, the breakdown by unit with the demo's small unit
("Vermessung und Geoinformation", fewer than k = 5 answers) withheld in words while larger units show their
figures; then turns a first step of a weak statement into a project idea, sees the notice on the results page, the
step now linked to its project, and the project in the portfolio as an idea. Every page goes through check_page.
"""

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from maturity import DEMO_ROUND_2026, DEMO_SMALL_UNIT, PROJECT_PATH, SURVEY_PATH, heading
from portfolio import norm
from support import SLUG, STRATEGY, browser_login, follow_link, links, navigation, submit_form


def _row(browser, table_scope, name: str):
    return browser.find_element(By.XPATH, f"//section[@aria-labelledby='{table_scope}']//tr[th[normalize-space(.)='{name}']]")


def test_results_radar_small_group_withheld_and_first_step_to_project(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)

    browser.get(f"{base}/m/{SLUG}/maturity")
    assert check_page(browser).status == 200 and heading(browser) == "Digitaler Reifegrad", heading(browser)
    rounds = [href for href, text in links(browser, SURVEY_PATH) if text == DEMO_ROUND_2026]
    assert rounds, f"the hub does not list the demo round {DEMO_ROUND_2026!r}"
    with navigation(browser):
        browser.find_element(By.CSS_SELECTOR, f"a[href='{urlsplit(rounds[0]).path}']").click()
    page = check_page(browser)
    round_path = urlsplit(page.url).path
    assert page.status == 200 and re.fullmatch(SURVEY_PATH, round_path), page.url
    assert norm(browser.find_element(By.ID, "survey-responses").text).startswith("138")

    follow_link(browser, re.escape(round_path) + "/results")
    page = check_page(browser)
    assert page.status == 200 and heading(browser) == f"Ergebnisse: {DEMO_ROUND_2026}", heading(browser)
    assert norm(browser.find_element(By.ID, "mres-responses").text) == "138"
    # The radar chart, with its text alternative naming every field and its mean.
    radar = browser.find_element(By.ID, "mres-radar-chart")
    assert radar.tag_name == "svg" and radar.get_attribute("role") == "img"
    description = norm(browser.find_element(By.ID, "mres-radar-chart-desc").get_attribute("textContent"))
    for field in ("Führung und Strategie", "Technik und Infrastruktur", "Smart City/Region"):
        assert field in description, description

    # A first step of a weak statement becomes a project idea, led by the Stabsstelle Digitalisierung: one form
    # holds the leading unit, each step has its own button that submits it.
    buttons = browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='mres-first-steps'] li button[form='mres-step-form']")
    assert buttons, "no first step offers the project button"
    button = buttons[0]
    step_text = norm(browser.find_element(By.ID, button.get_attribute("aria-describedby")).get_attribute("textContent"))
    unit = browser.find_element(By.CSS_SELECTOR, "form#mres-step-form select[name=departmentID]")
    Select(unit).select_by_visible_text("SD Stabsstelle Digitalisierung")
    with navigation(browser):
        button.click()
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == urlsplit(base + round_path + "/results").path, page.url
    notice = norm(browser.find_element(By.CSS_SELECTOR, "main .notice").text)
    assert "P-" in notice, notice
    items = [norm(li.get_attribute("textContent")) for li in browser.find_elements(By.CSS_SELECTOR, "section[aria-labelledby='mres-first-steps'] li")]
    done = [text for text in items if text.startswith(step_text[:60]) and "Bereits als Projekt übernommen" in text]
    assert done, f"the step is not shown as taken over: {step_text[:60]!r}"
    project_links = [href for href, text in links(browser, PROJECT_PATH) if step_text[:40] in text]
    assert project_links, "the step does not link its project"

    browser.get(project_links[-1])
    assert check_page(browser).status == 200
    assert step_text[:40] in heading(browser), heading(browser)
    assert "Idee" in norm(browser.find_element(By.TAG_NAME, "main").text)

    # Back on the results, broken down by unit.
    browser.get(base + round_path + "/results")
    assert check_page(browser).status == 200
    # Broken down by unit: the small unit is withheld, in words; the Bürgeramt (19 answers) shows figures.
    Select(browser.find_element(By.ID, "mres-group")).select_by_value("department")
    submit_form(browser, browser.find_element(By.ID, "mres-group"))
    page = check_page(browser)
    assert page.status == 200 and "group=department" in page.url, page.url
    small = norm(_row(browser, "mres-breakdown", DEMO_SMALL_UNIT).text)
    assert "nicht gezeigt" in small and "5" in small and not re.search(r"\d,\d", small), small
    large = norm(_row(browser, "mres-breakdown", "Bürgeramt").text)
    assert "19" in large and re.search(r"\d,\d", large), large
