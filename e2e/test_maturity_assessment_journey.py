"""A Potenzialcheck (issue 17) in the browser, in the demo municipality Musterstadt.

The strategy team creates an assessment of the demo's questionnaire, rates three statements (one "weiß nicht") with
a note on the evidence each, saves, sees the progress ("3 von … bewertet"), the ratings and the evidence on the
assessment's page, and opens its results page. Every page goes through check_page (axe-core + HTML).
"""

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from maturity import ASSESSMENT_PATH, click_label, german, heading, today
from portfolio import norm, select_option, token
from support import SLUG, STRATEGY, browser_login, follow_link, navigation, set_value, submit_form

# The demo's copy of the shipped standard questionnaire.
DEMO_QUESTIONNAIRE = "Digitalisierung in unserer Verwaltung"


def _choose(browser, key: str, value: str) -> None:
    """Rate a statement by clicking the label of its choice, as a person does."""
    radio = browser.find_element(By.CSS_SELECTOR, f"input[type=radio][name='r.{key}'][value='{value}']")
    click_label(browser, radio.get_attribute("id"))
    assert radio.is_selected(), f"{key}: {value} not chosen"


def test_potenzialcheck_rated_with_evidence_and_results(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(f"{base}/m/{SLUG}/maturity/assessments")
    assert check_page(browser).status == 200
    follow_link(browser, rf"/m/{SLUG}/maturity/assessments/new")
    assert check_page(browser).status == 200
    marker = token()
    title = f"Potenzialcheck Klausur {marker}"
    select_option(browser, "questionnaireID", lambda text: text.startswith(DEMO_QUESTIONNAIRE),
                  "the demo questionnaire")
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "assessedOn"), german(today()))
    set_value(browser, browser.find_element(By.ID, "participants"), "Strategieteam, IT-Service, Personalrat")
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    path = urlsplit(page.url).path
    assert page.status == 200 and re.fullmatch(ASSESSMENT_PATH + r"(/ratings)?", path), \
        f"{page.url} HTTP {page.status}: {[norm(e.text) for e in browser.find_elements(By.CSS_SELECTOR, '.error-summary, .field-error')]}"
    show_path = re.sub(r"/ratings$", "", path)
    if not path.endswith("/ratings"):
        assert heading(browser) == title, heading(browser)
        assert norm(browser.find_element(By.ID, "assessment-progress").text).startswith("0 von "), \
            browser.find_element(By.ID, "assessment-progress").text
        with navigation(browser):
            browser.find_element(By.ID, "rate-assessment").click()
        assert check_page(browser).status == 200
    progress = norm(browser.find_element(By.ID, "assessment-progress").text)
    total = re.fullmatch(r"0 von (\d+) bewertet", progress)
    assert total and int(total.group(1)) > 3, progress

    ratings = {"fuehrung-strategie-2": ("3", f"Digitalstrategie vom Rat beschlossen {marker}"),
               "technik-infrastruktur-7": ("4", f"Ticketsystem mit Reaktionszeit unter einem Tag {marker}"),
               "smart-city-region-6": ("dontKnow", f"Niemand konnte es beurteilen {marker}")}
    for key, (value, evidence) in ratings.items():
        _choose(browser, key, value)
        set_value(browser, browser.find_element(By.ID, f"e-{key}"), evidence)
    submit_form(browser, browser.find_element(By.ID, "e-technik-infrastruktur-7"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == show_path, f"{page.url} HTTP {page.status}"
    assert heading(browser) == title, heading(browser)
    assert norm(browser.find_element(By.ID, "assessment-progress").text) == f"3 von {total.group(1)} bewertet"
    for key, (value, evidence) in ratings.items():
        row = norm(browser.find_element(By.ID, f"rating-{key}").text)
        assert evidence in row, row
        if value != "dontKnow":
            assert value in row, row
    assert "weiß nicht" in norm(browser.find_element(By.ID, "rating-smart-city-region-6").text)
    assert "nicht bewertet" in norm(browser.find_element(By.ID, "rating-fuehrung-strategie-1").text)

    # The ratings page keeps what was saved (partial saves: come back later).
    browser.get(base + show_path + "/ratings")
    assert check_page(browser).status == 200
    for key, (value, evidence) in ratings.items():
        assert browser.find_element(By.CSS_SELECTOR, f"input[name='r.{key}'][value='{value}']").is_selected(), key
        assert browser.find_element(By.ID, f"e-{key}").get_attribute("value") == evidence

    # Its results page.
    browser.get(base + show_path)
    assert check_page(browser).status == 200
    follow_link(browser, re.escape(show_path) + r"/results")
    page = check_page(browser)
    assert page.status == 200, f"{page.url} HTTP {page.status}"
    assert title in heading(browser), heading(browser)
