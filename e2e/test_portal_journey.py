"""The public transparency portal (issue 18) in the browser, with the demo municipality Musterstadt.

The strategy team opens its portal page (published by the demo with ten public projects), filters the project list,
marks one more project "öffentlich" and saves. A citizen then opens the public portal in a fresh browser (no
cookies, no login) on a phone-sized screen (390 px wide): the start page with the vision, the goals' progress chart
(SVG with its text description and a table of the same figures), the public projects and the roadmap; the newly
marked project's page; the accessibility statement (BITV 2.0) with its feedback contact; the English version. No
public page sets a cookie, carries a script or is wider than the phone. The Atom feed is valid XML; a project that
is not public is 404 exactly like an unknown id. Every page goes through check_page (axe-core + HTML).

JavaScript stays on in the browser because axe-core runs as a script; that the pages need none is checked by
asserting they contain no script element at all.
"""

import re
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By

from maturity import heading
from support import SLUG, STRATEGY, browser_login, set_value, submit_form

PHONE = (390, 844)
DESKTOP = (1280, 900)


def _fits(browser):
    width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert width[0] <= width[1], f"the page is wider than the phone's screen: {width}"


def _public(browser, check_page, url):
    browser.get(url)
    page = check_page(browser)
    assert page.status == 200, f"{url} HTTP {page.status}"
    assert browser.get_cookies() == [], browser.get_cookies()
    assert "<script" not in browser.page_source.lower(), "a public page carries a script"
    _fits(browser)
    return page


def test_portal_published_and_read_on_a_phone(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)

    browser.get(f"{base}/m/{SLUG}/portal")
    assert check_page(browser).status == 200 and heading(browser) == "Transparenzportal", heading(browser)
    assert browser.find_element(By.ID, "published").is_selected(), "the demo publishes Musterstadt's portal"
    boxes = browser.find_elements(By.CSS_SELECTOR, "input[name='checked[]']")
    unchecked = [box for box in boxes if not box.is_selected()]
    assert unchecked, "every project on the first page is already public"
    secret = unchecked[-1].get_attribute("value")
    chosen = unchecked[0]
    chosen_id = chosen.get_attribute("value")
    row_text = chosen.find_element(By.XPATH, "./ancestor::tr").text
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", chosen)
    browser.find_element(By.CSS_SELECTOR, f"label[for='pub-{chosen_id}']").click()
    submit_form(browser, chosen)
    page = check_page(browser)
    assert page.status == 200 and "gespeichert" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    assert browser.find_element(By.ID, f"pub-{chosen_id}").is_selected()

    # A citizen: a fresh browser without any cookie, on a phone.
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    browser.set_window_size(*PHONE)
    try:
        _public(browser, check_page, f"{base}/p/{SLUG}")
        assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Digitalstrategie")
        chart = browser.find_element(By.ID, "progress-chart")
        assert chart.get_attribute("role") == "img"
        assert browser.find_element(By.ID, "progress-chart-desc").get_attribute("textContent").strip()
        assert browser.find_elements(By.CSS_SELECTOR, "table.data caption"), "the chart's figures as a table"
        links = browser.find_elements(By.CSS_SELECTOR, f"a[href^='/p/{SLUG}/projects/']")
        assert links, "no public project linked from the start page"
        issue = browser.find_elements(By.CSS_SELECTOR, f"a[href^='/p/{SLUG}/newsletter/']")
        assert issue, "the start page links no newsletter issue"
        issue_path = urlsplit(issue[0].get_attribute("href")).path

        _public(browser, check_page, f"{base}/p/{SLUG}/projects/{chosen_id}")
        assert heading(browser) and heading(browser) in row_text, (heading(browser), row_text)

        # The demo's newest published newsletter, as far as it concerns public projects.
        _public(browser, check_page, base + issue_path)
        assert browser.find_elements(By.CSS_SELECTOR, "main h2"), "the issue has no section"

        _public(browser, check_page, f"{base}/p/{SLUG}/projects")
        _public(browser, check_page, f"{base}/p/{SLUG}/barrierefreiheit")
        assert heading(browser) == "Erklärung zur Barrierefreiheit"
        assert browser.find_elements(By.CSS_SELECTOR, "a[href^='mailto:']"), "no feedback contact"
        assert "Schlichtung" in browser.find_element(By.TAG_NAME, "main").text

        _public(browser, check_page, f"{base}/p/{SLUG}?lang=en")
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Digital strategy")
    finally:
        browser.set_window_size(*DESKTOP)

    # The feed and the 404s, without a browser.
    feed = requests.get(f"{base}/p/{SLUG}/feed.atom", timeout=30)
    assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert "Set-Cookie" not in feed.headers
    tag = requests.get(f"{base}/p/{SLUG}", timeout=30).headers["ETag"]
    assert requests.get(f"{base}/p/{SLUG}", headers={"If-None-Match": tag}, timeout=30).status_code == 304
    hidden_path, unknown_path = f"/p/{SLUG}/projects/{secret}", f"/p/{SLUG}/projects/{uuid.uuid4()}"
    hidden = requests.get(base + hidden_path, timeout=30)
    unknown = requests.get(base + unknown_path, timeout=30)
    assert hidden.status_code == unknown.status_code == 404
    # Apart from its own address (the link to the page in the other language), a hidden project's 404 is any 404.
    assert hidden.text.replace(hidden_path, "{path}") == unknown.text.replace(unknown_path, "{path}")
