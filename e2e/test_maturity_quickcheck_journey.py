"""The Quick-Check (issue 17) in the browser, with the demo municipality Musterstadt.

The strategy team creates a survey round with a public link. A member of staff opens the link in a fresh browser
(no cookies, no login) on a phone-sized screen (390 px wide), states their unit, rates a few statements and writes a
free text. A forged answer outside the scale comes back with HTTP 422: the summary and the statement name the
problem and everything else answered is still there. Corrected, the form is accepted; the same saved form sent once
more (its answers and key restored from this device's storage) is reported as already received and counted once.
No page of the public form sets a cookie. The team's round page then counts one answer. Every page goes through
check_page (axe-core + HTML).
"""

import datetime
import re
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from maturity import SURVEY_PATH, german, heading, click_label, checked, today
from portfolio import norm, token
from support import SLUG, STRATEGY, browser_login, follow_link, set_value, submit_form

PHONE = (390, 844)
DESKTOP = (1280, 900)


def test_quick_check_round_answered_anonymously_on_a_phone(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)

    # The team creates a round with a public link.
    browser.get(f"{base}/m/{SLUG}/maturity/surveys")
    assert check_page(browser).status == 200 and heading(browser) == "Quick-Check-Umfragen", heading(browser)
    follow_link(browser, rf"/m/{SLUG}/maturity/surveys/new")
    assert check_page(browser).status == 200
    marker = token()
    title = f"Quick-Check Probelauf {marker}"
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "opensOn"), german(today()))
    set_value(browser, browser.find_element(By.ID, "closesOn"), german(today() + datetime.timedelta(days=14)))
    click_label(browser, "access-public")
    set_value(browser, browser.find_element(By.ID, "invitedCount"), "40")
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    round_path = urlsplit(page.url).path
    assert page.status == 200 and re.fullmatch(SURVEY_PATH, round_path), f"{page.url} HTTP {page.status}"
    assert heading(browser) == title
    assert norm(browser.find_element(By.ID, "survey-responses").text).startswith("0"), browser.find_element(By.ID, "survey-responses").text
    link = browser.find_element(By.ID, "public-link").get_attribute("value")
    assert re.fullmatch(r"https?://[^/]+/q/[A-Za-z0-9_-]{16,}", link), link

    # Staff: a fresh browser without any cookie, on a phone.
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    browser.set_window_size(*PHONE)
    try:
        browser.get(link)
        page = check_page(browser)
        assert page.status == 200 and heading(browser) == title, f"{page.url} HTTP {page.status}: {heading(browser)}"
        assert browser.get_cookies() == [], browser.get_cookies()
        width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        assert width[0] <= width[1], f"the form is wider than the phone's screen: {width}"
        assert "5" in norm(browser.find_element(By.ID, "survey-promise").text), "the anonymity promise names k"

        Select(browser.find_element(By.ID, "q-g-department")).select_by_visible_text("33 Bürgeramt")
        Select(browser.find_element(By.ID, "q-g-leadership")).select_by_value("nein")
        answers = {"fuehrung-strategie-1": "3", "organisation-prozesse-2": "2", "technik-infrastruktur-7": "4",
                   "smart-city-region-2": "dk"}
        for key, value in answers.items():
            click_label(browser, f"q-s-{key}-{value}")
        wish = f"Ein zweiter Bildschirm für alle {marker}"
        set_value(browser, browser.find_element(By.ID, "q-f-wunsch"), wish)
        # A forged answer: a value the scale does not have (as an old or tampered form would send).
        browser.execute_script("var r = document.getElementById('q-s-services-1-4'); r.value = '7'; r.checked = true;")
        submit_form(browser, browser.find_element(By.ID, "q-f-wunsch"))
        page = check_page(browser)
        assert page.status == 422, f"an answer outside the scale: expected HTTP 422, got {page.status}"
        summary = norm(browser.find_element(By.ID, "error-summary").text)
        assert "Aussage" in summary and "services-1" not in summary, summary
        statement_error = norm(browser.find_element(By.ID, "q-s-services-1-error").text)
        assert statement_error, "no message at the forged statement"
        # What was answered is still there.
        for key, value in answers.items():
            assert checked(browser, f"q-s-{key}-{value}"), f"{key}: the answer {value} was lost"
        assert browser.find_element(By.ID, "q-f-wunsch").get_attribute("value") == wish
        assert Select(browser.find_element(By.ID, "q-g-department")).first_selected_option.text == "33 Bürgeramt"
        assert browser.get_cookies() == [], browser.get_cookies()

        # Corrected and sent: thank you.
        click_label(browser, "q-s-services-1-2")
        form = browser.find_element(By.ID, "survey-form")
        storage_key = form.get_attribute("data-survey-storage")
        submission_key = browser.find_element(By.NAME, "submissionKey").get_attribute("value")
        saved = browser.execute_script("return window.localStorage.getItem(arguments[0]);", storage_key)
        assert saved and submission_key in saved, "the form keeps its answers on this device"
        submit_form(browser, browser.find_element(By.ID, "q-f-wunsch"))
        page = check_page(browser)
        assert page.status == 200 and heading(browser) == "Vielen Dank!", f"HTTP {page.status}: {heading(browser)}"
        assert browser.get_cookies() == [], browser.get_cookies()

        # The same saved form once more: its answers and key come back from this device's storage; sent again,
        # it is already received and not counted twice.
        browser.execute_script("window.localStorage.setItem(arguments[0], arguments[1]);", storage_key, saved)
        browser.get(link)
        assert check_page(browser).status == 200
        WebDriverWait(browser, 10).until(
            lambda d: d.find_element(By.NAME, "submissionKey").get_attribute("value") == submission_key,
            "the saved form's key was not restored")
        assert checked(browser, "q-s-technik-infrastruktur-7-4") and checked(browser, "q-s-services-1-2")
        submit_form(browser, browser.find_element(By.ID, "q-f-wunsch"))
        page = check_page(browser)
        assert page.status == 200 and heading(browser) == "Schon angekommen", f"HTTP {page.status}: {heading(browser)}"
        assert browser.get_cookies() == [], browser.get_cookies()
    finally:
        browser.set_window_size(*DESKTOP)

    # Neither the form nor its answer page sets a cookie, also without a browser.
    plain = requests.get(link, timeout=30)
    assert plain.status_code == 200 and "set-cookie" not in {k.lower() for k in plain.headers}, dict(plain.headers)

    # The team sees one answer.
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(base + round_path)
    assert check_page(browser).status == 200
    assert norm(browser.find_element(By.ID, "survey-responses").text).startswith("1"), browser.find_element(By.ID, "survey-responses").text
