"""Project status and milestones (issue 16) in the browser, with the demo municipality Musterstadt.

The strategy team opens a project in implementation from the portfolio list, follows the project page's link
to its status page, files a status report with a red schedule light (first without the reason: the form says
which field is missing, then with it), sees the red light as text on the page, adds a milestone that was due
last week, sees it flagged as overdue, edits it in the milestone form and sees the change and the flag; the
monitoring settings page shows the calendar address after creating one, and that address serves the
iCalendar feed without a session (a changed token: 404). Every page goes through check_page
(axe-core + HTML).
"""

import datetime
from zoneinfo import ZoneInfo
import re

import requests
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from portfolio import PROJECT_PATH, list_rows, norm, projects_url, token
from support import SLUG, STRATEGY, browser_login, navigation, set_value, submit_form


def _heading(browser) -> str:
    return norm(browser.find_element(By.CSS_SELECTOR, "main h1").text)


def _german(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def test_strategy_team_reports_status_and_tracks_a_milestone(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)

    # A project in implementation, from the portfolio list filtered by status.
    browser.get(projects_url(base, "status=inProgress"))
    assert check_page(browser).status == 200
    rows = list_rows(browser)
    assert rows, "the demo has no project in implementation"
    browser.get(rows[0]["url"])
    assert check_page(browser).status == 200
    project_path = urlsplit(browser.current_url).path
    assert re.fullmatch(PROJECT_PATH, project_path), project_path

    # The project page links its status page.
    with navigation(browser):
        browser.find_element(By.ID, "status-page-link").click()
    page = check_page(browser)
    status_path = project_path + "/status"
    assert page.status == 200 and urlsplit(page.url).path == status_path, f"{page.url} HTTP {page.status}"
    assert _heading(browser).startswith("Status und Meilensteine"), _heading(browser)

    # A red schedule light without a reason: 422, the reason field names the problem, the input stays.
    # The server's day is Berlin's (MunicipalCalendar); CI runs in UTC, a day behind after 22/23 h.
    today = datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()
    marker = token()
    set_value(browser, browser.find_element(By.ID, "reportedOn"), _german(today))
    Select(browser.find_element(By.ID, "schedule")).select_by_value("red")
    set_value(browser, browser.find_element(By.ID, "scheduleReason"), "")
    set_value(browser, browser.find_element(By.ID, "percentComplete"), "45")
    set_value(browser, browser.find_element(By.ID, "achieved"), f"Pilot gestartet {marker}")
    submit_form(browser, browser.find_element(By.ID, "percentComplete"))
    page = check_page(browser)
    assert page.status == 422, f"a red light without reason: expected HTTP 422, got {page.status}"
    reason = browser.find_element(By.ID, "scheduleReason")
    assert reason.get_attribute("aria-invalid") == "true"
    assert norm(browser.find_element(By.ID, "scheduleReason-error").text), "no message at the schedule reason"
    assert browser.find_element(By.ID, "error-summary")
    assert marker in browser.find_element(By.ID, "achieved").get_attribute("value"), "the input was lost"
    assert Select(browser.find_element(By.ID, "schedule")).first_selected_option.get_attribute("value") == "red"

    # With the reason: saved, the red light shown as words in the latest report.
    set_value(browser, browser.find_element(By.ID, "scheduleReason"), f"Lieferverzug beim Dienstleister {marker}")
    submit_form(browser, browser.find_element(By.ID, "percentComplete"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == status_path, f"{page.url} HTTP {page.status}"
    assert "Statusbericht gespeichert." in norm(browser.find_element(By.CSS_SELECTOR, "main .notice").text)
    latest = norm(browser.find_element(By.ID, "latest-report").text)
    assert "Rot – nicht im Plan" in latest and f"Lieferverzug beim Dienstleister {marker}" in latest, latest
    assert "45 %" in latest and f"Pilot gestartet {marker}" in latest, latest

    # A milestone due a week ago: listed and flagged as overdue, in words.
    title = f"Schnittstelle abgenommen {marker}"
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "dueOn"), _german(today - datetime.timedelta(days=7)))
    submit_form(browser, browser.find_element(By.ID, "dueOn"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == status_path, f"{page.url} HTTP {page.status}"
    row = browser.find_element(By.XPATH, f"//table[@id='milestone-table']//tr[th[contains(., '{marker}')]]")
    assert "milestone-overdue" in (row.get_attribute("class") or "")
    assert "überfällig (7 Tage über der Frist)" in norm(row.text), norm(row.text)

    # Edit it: a new title, still open, so still overdue.
    with navigation(browser):
        row.find_element(By.XPATH, ".//a[contains(@href, '/edit')]").click()
    assert check_page(browser).status == 200 and _heading(browser).startswith("Meilenstein bearbeiten"), _heading(browser)
    assert browser.find_element(By.NAME, "version").get_attribute("value") == "1"
    renamed = f"Schnittstelle abgenommen (Teil 1) {marker}"
    set_value(browser, browser.find_element(By.ID, "title"), renamed)
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == status_path, f"{page.url} HTTP {page.status}"
    row = browser.find_element(By.XPATH, f"//table[@id='milestone-table']//tr[th[contains(., '{marker}')]]")
    assert renamed in norm(row.text), norm(row.text)
    assert "milestone-overdue" in (row.get_attribute("class") or "") and "überfällig" in norm(row.text)

    # The same page in English says it in English.
    browser.get(base + status_path + "?lang=en")
    assert check_page(browser).status == 200
    assert "Red – off track" in norm(browser.find_element(By.ID, "latest-report").text)
    assert "overdue (7 days past due)" in norm(browser.find_element(By.ID, "milestone-table").text)
    browser.get(base + status_path + "?lang=de")
    assert check_page(browser).status == 200

    # The monitoring settings: create the calendar address, see it.
    browser.get(f"{base}/m/{SLUG}/monitoring/settings")
    assert check_page(browser).status == 200 and _heading(browser) == "Monitoring-Einstellungen"
    submit_form(browser, browser.find_element(By.CSS_SELECTOR, "#token-form button"))
    assert check_page(browser).status == 200
    address = browser.find_element(By.ID, "calendarURL").get_attribute("value")
    assert re.search(rf"/m/{SLUG}/calendar\.ics\?token=cal_", address), address
    # A calendar program has no session: the address alone opens the feed, a changed token does not.
    feed = requests.get(address, timeout=30)
    assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("text/calendar"), feed.status_code
    assert feed.text.startswith("BEGIN:VCALENDAR\r\n") and "BEGIN:VEVENT" in feed.text
    assert requests.get(address + "x", timeout=30).status_code == 404
