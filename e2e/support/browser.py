"""Driving the browser: paths of URLs, waiting for the next page, finding links and forms, typing."""

from __future__ import annotations

import contextlib
import os
import re
from urllib.parse import urlsplit

import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .demo import SLUG, UUID

# The browser and its driver are Debian's, given explicitly: Selenium never downloads either.
CHROMEDRIVER = os.environ.get("FAHRPLAN_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("FAHRPLAN_CHROMIUM", "/usr/bin/chromium")


def path_of(url: str) -> str:
    """Path (and query) of a URL, without scheme/host/fragment."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]


@contextlib.contextmanager
def navigation(driver, timeout: float = 30):
    """Wait until the action in the block has loaded a new document (and it has finished loading)."""
    marker = "__e2eOldDocument"
    driver.execute_script(f"window.{marker} = true;")
    yield

    def loaded(d):
        try:
            return d.execute_script(f"return window.{marker} === undefined && document.readyState === 'complete';")
        except WebDriverException:  # the old document is going away
            return False

    WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        loaded, f"no new page loaded within {timeout:.0f} s (still at {driver.current_url})")


def links(driver, path_regex: str) -> list[tuple[str, str]]:
    """(absolute href, visible text) of all links whose path matches path_regex fully."""
    rx = re.compile(path_regex)
    pairs = driver.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(a => [a.href, a.textContent]);")
    out = []
    for href, text in pairs:
        if rx.fullmatch(urlsplit(href).path):
            out.append((href, " ".join(text.split())))
    return out


def detail_links(driver, kind: str, slug: str = SLUG) -> list[tuple[str, str]]:
    return links(driver, rf"/m/{slug}/{kind}/{UUID}")


def find_link(driver, path_regex: str):
    """The first <a> element whose path matches."""
    rx = re.compile(path_regex)
    for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        if rx.fullmatch(urlsplit(a.get_attribute("href")).path):
            return a
    raise AssertionError(f"no link matching {path_regex} on {driver.current_url}")


def submit_button(form):
    buttons = form.find_elements(By.CSS_SELECTOR, "button[type=submit], input[type=submit], button:not([type])")
    assert buttons, "form has no submit button"
    return buttons[0]


def form_of(element):
    return element.find_element(By.XPATH, "./ancestor::form")


def page_text(driver) -> str:
    return " ".join(driver.find_element(By.TAG_NAME, "body").text.split())


def html_lang(driver) -> str:
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or ""


def set_value(driver, element, value: str) -> None:
    element.clear()
    if value:
        element.send_keys(value)
    else:
        # clear() does not always fire input events; make sure the field is really empty
        driver.execute_script("arguments[0].value = '';", element)


def first_goal_url(browser, check_page, base_url: str, index: int = 0) -> str:
    """Open the goal list, return the URL of one goal (the browser stays on the list)."""
    browser.get(f"{base_url}/m/{SLUG}/goals")
    page = check_page(browser)
    assert page.status == 200, f"GET /m/{SLUG}/goals: HTTP {page.status}"
    goals = detail_links(browser, "goals")
    assert goals, f"/m/{SLUG}/goals lists no links to /m/{SLUG}/goals/<uuid>"
    unique = list(dict.fromkeys(href for href, _ in goals))
    return strip_fragment(unique[index])


def submit_form(driver, element) -> None:
    """Submit the form that contains element with its (first) submit button and wait for the next page."""
    with navigation(driver):
        submit_button(form_of(element)).click()


def follow_link(driver, path_regex: str) -> None:
    """Click the first link whose path matches path_regex and wait for the next page."""
    with navigation(driver):
        find_link(driver, path_regex).click()


def browser_session(driver, base_url: str) -> requests.Session:
    """A requests session with the browser's cookies (its login), for downloads the browser would save."""
    s = requests.Session()
    s.headers["Accept-Language"] = "de-DE,de"
    for c in driver.get_cookies():
        s.cookies.set(c["name"], c["value"], domain=urlsplit(base_url).hostname, path=c.get("path", "/"))
    return s
