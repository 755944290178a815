"""Journeys 2 and 5: a wrong password, logging out, and where a login leads."""

import secrets
from urllib.parse import urljoin, urlsplit

import requests
from selenium.webdriver.common.by import By

from support import (
    SLUG, STRATEGY, browser_login, fill_login_form, has_logout_form, navigation, parse_form, submit_button,
)


def test_wrong_password_shows_a_generic_error(browser, check_page, server):
    messages = {}
    for email in (STRATEGY, f"niemand-{secrets.token_hex(3)}@musterstadt.example"):
        browser.get(server.url("/login"))
        check_page(browser)
        fill_login_form(browser, email, "falsch-" + secrets.token_hex(6))
        page = check_page(browser)
        assert urlsplit(page.url).path == "/login", f"wrong password for {email}: left the login page ({page.url})"
        summaries = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
        assert summaries, f"wrong password for {email}: no .error-summary"
        assert summaries[0].get_attribute("role") == "alert", ".error-summary needs role=alert"
        assert summaries[0].text.strip(), ".error-summary is empty"
        assert browser.find_element(By.ID, "password").get_attribute("value") == "", \
            "the password must not be echoed back into the form"
        assert not browser.find_elements(By.CSS_SELECTOR, "form[action$='/logout']"), "not logged in, yet a logout form"
        messages[email] = " ".join(summaries[0].text.split())
    known, unknown = messages.values()
    assert known == unknown, ("the error must not reveal whether the account exists: "
                              f"known account: {known!r}, unknown account: {unknown!r}")


def test_logout(browser, check_page, server):
    browser_login(browser, check_page, server.base_url, STRATEGY, server.password)
    forms = browser.find_elements(By.CSS_SELECTOR, "header form[action$='/logout']")
    assert forms, "no logout form (form action=/logout) in the page <header>"
    form = forms[0]
    assert (form.get_attribute("method") or "").lower() == "post", "logout form must use method=post"
    csrf = form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=_csrf]")
    assert csrf and csrf[0].get_attribute("value"), "logout form has no hidden _csrf with a value"
    with navigation(browser):
        submit_button(form).click()
    check_page(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action$='/logout']"), "still a logout form after logout"

    browser.get(server.url("/account"))
    page = check_page(browser)
    assert urlsplit(page.url).path == "/login" or page.status in (401, 403), \
        f"after logout /account should need a login again, got HTTP {page.status} at {page.url}"


def test_login_follows_next(browser, check_page, server):
    target = f"/m/{SLUG}/departments"
    page = browser_login(browser, check_page, server.base_url, STRATEGY, server.password, next_path=target)
    assert urlsplit(page.url).path == target, f"login with next={target} landed on {page.url}"


def test_login_never_redirects_off_site(server):
    s = requests.Session()
    # A browser drops tab, LF and CR anywhere and leading spaces: each of the last four means "//evil.example/".
    for evil in ("https://evil.example/", "//evil.example/", "/\\evil.example/", "/\t/evil.example/", "/\n/evil.example/",
                 " //evil.example/", "\\/evil.example/"):
        r = s.get(server.url("/login"), params={"next": evil}, timeout=30)
        assert r.status_code == 200
        attrs, fields = parse_form(r.text, "email")
        fields.update({"email": STRATEGY, "password": server.password})
        action = urljoin(r.url, attrs.get("action") or r.url)
        r = s.post(action, data=fields, allow_redirects=False, timeout=30)
        assert r.status_code == 303, f"login with next={evil!r}: HTTP {r.status_code}"
        location = r.headers.get("Location", "")
        parts = urlsplit(location)
        local = (not parts.netloc or parts.netloc == urlsplit(server.base_url).netloc)
        assert local and not parts.path.startswith(("//", "/\\")), \
            f"login with next={evil!r} redirects off-site: Location: {location!r}"
        assert has_logout_form(s.get(server.url("/"), timeout=30).text)
        s.cookies.clear()


def test_signed_in_login_link_with_a_tab_stays_on_site(browser, check_page, server):
    """The finding: signed in, /login?next=/%09/evil.example answered Location: /<TAB>/evil.example, which a
    browser reads as //evil.example. The real browser must stay on this site."""
    browser_login(browser, check_page, server.base_url, STRATEGY, server.password)
    for target in ("/%09/evil.example/", "/%0A/evil.example/", "/%5Cevil.example/"):
        browser.get(server.url("/login?next=" + target))
        page = check_page(browser)
        assert urlsplit(page.url).netloc == urlsplit(server.base_url).netloc, \
            f"/login?next={target} while signed in led the browser to {page.url}"
        assert urlsplit(page.url).path == "/", f"/login?next={target} should lead home, got {page.url}"
