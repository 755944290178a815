"""The committee report (issue 18) in the browser, with the demo municipality Musterstadt.

A reader (every member may read it) opens "Berichte" from the navigation, follows the hub's link to the committee
report and sees this year's report: projects grouped by field of action (implemented, in progress with traffic
lights written out, planned next), the strategy's progress as an SVG with its text alternative and the same figures
as a table, KPIs, budget, decisions, obstacles. A period that ends before it starts comes back with the problem at
the "to" field and no report; the corrected period shows its report. The print view has no navigation and links its
A4 styles; the DOCX download is a Word file named by slug and period that contains the report's text. English too.
Every page goes through check_page (axe-core + HTML).
"""

import io
import re
import zipfile

from selenium.webdriver.common.by import By

from maturity import heading, today
from portfolio import norm
from support import READER, SLUG, browser_login, browser_session, follow_link, set_value, submit_form

REPORTS = f"/m/{SLUG}/reports"
COMMITTEE = f"{REPORTS}/committee"


def _text(element) -> str:
    return norm(element.get_attribute("textContent"))


def test_committee_report_from_hub_to_print_and_docx(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, READER, server.password)

    # The navigation's "Berichte" leads to the hub, the hub to the committee report.
    browser.get(f"{base}/m/{SLUG}")
    check_page(browser)
    follow_link(browser, re.escape(REPORTS) + "$")
    assert check_page(browser).status == 200 and heading(browser) == "Berichte", heading(browser)
    current = browser.find_element(By.CSS_SELECTOR, "nav.main-nav a[aria-current='page']")
    assert norm(current.text) == "Berichte", current.text
    follow_link(browser, re.escape(COMMITTEE) + "$")
    page = check_page(browser)
    assert page.status == 200, page.status
    assert heading(browser) == "Bericht an den Digitalisierungsausschuss", heading(browser)
    year = today().year
    assert f"01.01.{year}" in browser.find_element(By.ID, "from").get_attribute("value")

    # The report: sections per field of action, lights as words, the chart with its description and table.
    sections = browser.find_elements(By.CSS_SELECTOR, "section.report-field")
    assert len(sections) >= 3, f"only {len(sections)} fields of action"
    body = norm(browser.find_element(By.TAG_NAME, "main").text)
    for words in ("Umgesetzt", "In Umsetzung", "Als Nächstes geplant", "Kennzahlen und Zielerreichung", "Budget",
                  "Entscheidungen", "Hindernisse"):
        assert words in body, f"the report lacks {words!r}"
    assert re.search(r"\b(grün|gelb|rot)\b", body), "no traffic light written out"
    chart = browser.find_element(By.ID, "committee-rollup-chart")
    assert chart.tag_name == "svg"
    description = _text(browser.find_element(By.ID, "committee-rollup-chart-desc"))
    assert re.search(r"\d", description), description
    rollup = browser.find_elements(By.CSS_SELECTOR, "#report-rollup-table tbody tr")
    assert len(rollup) >= 2, "the roll-up table is empty"
    kpis = browser.find_elements(By.CSS_SELECTOR, "#report-kpi-table tbody tr")
    assert kpis, "the demo's KPIs are missing"
    in_progress = browser.find_elements(By.CSS_SELECTOR, "table.report-progress tbody tr")
    assert in_progress, "no project in progress in the demo's report"

    # A period that ends before it starts: the problem at "Bis", no report.
    set_value(browser, browser.find_element(By.ID, "from"), f"31.12.{year}")
    set_value(browser, browser.find_element(By.ID, "to"), f"01.01.{year}")
    submit_form(browser, browser.find_element(By.ID, "from"))
    page = check_page(browser)
    assert page.status == 422, page.status
    assert "Das Ende liegt vor dem Beginn." in norm(browser.find_element(By.ID, "to-error").text)
    assert browser.find_element(By.ID, "to").get_attribute("aria-invalid") == "true"
    assert not browser.find_elements(By.ID, "report-docx-link")

    # The corrected period: last year and this one.
    set_value(browser, browser.find_element(By.ID, "from"), f"01.01.{year - 1}")
    set_value(browser, browser.find_element(By.ID, "to"), today().strftime("%d.%m.%Y"))
    submit_form(browser, browser.find_element(By.ID, "from"))
    assert check_page(browser).status == 200
    assert f"01.01.{year - 1} –" in norm(browser.find_element(By.CSS_SELECTOR, ".report-period").text)

    # The print view: no navigation, its A4 styles, the municipality and the period.
    docx_url = browser.find_element(By.ID, "report-docx-link").get_attribute("href")
    follow_link(browser, re.escape(f"{COMMITTEE}/print"))
    assert check_page(browser).status == 200
    assert not browser.find_elements(By.CSS_SELECTOR, "nav.main-nav")
    assert browser.find_elements(By.CSS_SELECTOR, "link[href='/static/report-print.css']")
    assert "Musterstadt" in norm(browser.find_element(By.TAG_NAME, "main").text)

    # The DOCX: a Word file named by slug and period, with the report's text.
    response = browser_session(browser, base).get(docx_url, timeout=60)
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    disposition = response.headers["Content-Disposition"]
    assert re.search(rf"ausschussbericht-{SLUG}-{year - 1}-01-01-bis-\d{{4}}-\d{{2}}-\d{{2}}\.docx", disposition), disposition
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Bericht an den Digitalisierungsausschuss" in document
    assert "Musterstadt" in docx_text_or(document)

    # English.
    browser.get(f"{base}{COMMITTEE}?lang=en")
    assert check_page(browser).status == 200
    assert heading(browser) == "Report to the digitalisation committee", heading(browser)
    assert "Planned next" in norm(browser.find_element(By.TAG_NAME, "main").text)


def docx_text_or(document: str) -> str:
    """The document's words without markup (the municipality sits in a run of its own)."""
    return re.sub(r"<[^>]+>", "", document)
