"""Adding a person hands out an invitation link; the person sets their own password with it (issue 13, finding 1)."""

import secrets
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By

from support import (READER, SLUG, STRATEGY, browser_login, page_text, requests_login, set_value, submit_form)


def test_strategy_team_invites_and_the_person_sets_their_own_password(browser, check_page, server):
    email = f"e2e-eingeladen-{secrets.token_hex(3)}@musterstadt.example"
    password = "Eingeladen-und-selbst-gewaehlt-" + secrets.token_hex(3)

    browser_login(browser, check_page, server.base_url, STRATEGY, server.password, next_path=f"/m/{SLUG}/members")
    browser.get(server.url(f"/m/{SLUG}/members"))
    page = check_page(browser)
    assert page.status == 200, f"GET /m/{SLUG}/members: HTTP {page.status}"
    set_value(browser, browser.find_element(By.ID, "email"), email)
    set_value(browser, browser.find_element(By.ID, "displayName"), "Erika Eingeladen")
    submit_form(browser, browser.find_element(By.ID, "email"))
    page = check_page(browser)
    assert page.status == 200, f"adding {email}: HTTP {page.status}: {page_text(browser)[:300]}"
    link = browser.find_element(By.ID, "invitation-link").text.strip()
    assert "/invitations/inv_" in link, link
    assert "passwort" not in browser.find_element(By.ID, "invitation-issued").text.lower()
    assert email in browser.find_element(By.ID, "invitations").text, "the open invitation is not listed"

    # The person, in a browser of their own, opens the link and chooses a password.
    browser.execute_cdp_cmd("Network.clearBrowserCookies", {})
    path = link[link.index("/invitations/"):]
    browser.get(server.url(path))
    page = check_page(browser)
    assert page.status == 200, f"GET {path}: HTTP {page.status}"
    assert email in page_text(browser)
    set_value(browser, browser.find_element(By.ID, "newPassword"), password)
    set_value(browser, browser.find_element(By.ID, "newPasswordRepeat"), password)
    submit_form(browser, browser.find_element(By.ID, "newPassword"))
    page = check_page(browser)
    assert urlsplit(page.url).path == f"/m/{SLUG}", f"after accepting: {page.url}: {page_text(browser)[:300]}"

    # The link is used up; the password works; a reader sees names, not addresses.
    assert requests.get(server.url(path), timeout=30).status_code == 410
    requests_login(server.base_url, email, password)
    reader = requests_login(server.base_url, READER, server.password)
    members = reader.get(server.url(f"/m/{SLUG}/members"), timeout=30)
    assert members.status_code == 200
    assert STRATEGY not in members.text and email not in members.text
