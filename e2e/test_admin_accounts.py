"""/admin/accounts: an installation administrator disables an account and enables it again."""

import secrets

import requests
from selenium.webdriver.common.by import By

from support import ADMIN, SLUG, browser_login, follow_link, navigation, requests_login, run_cli, submit_button


def test_admin_disables_and_enables_an_account(browser, check_page, server):
    email = f"e2e-sperre-{secrets.token_hex(3)}@musterstadt.example"
    password = "ein-langes-e2e-Passwort-" + secrets.token_hex(4)
    made = run_cli(["user", "create", "--email", email, "--name", "Sperr Probe", "--password", password,
                    "--tenant", SLUG, "--role", "reader"], server.env)
    assert made.returncode == 0, made.stderr
    token = run_cli(["token", "create", "--email", email, "--tenant", SLUG], server.env).stdout.strip()
    person = requests_login(server.base_url, email, password)
    assert person.get(server.base_url + "/account", allow_redirects=False, timeout=30).status_code == 200

    browser_login(browser, check_page, server.base_url, ADMIN, server.password, next_path="/admin/municipalities")
    browser.get(server.url("/admin/municipalities"))
    check_page(browser)
    follow_link(browser, r"^/admin/accounts$")
    page = check_page(browser)
    assert page.status == 200, f"GET /admin/accounts: HTTP {page.status}"
    row = browser.find_element(By.XPATH, f"//tr[th[contains(., '{email}')]]")
    assert "Musterstadt" in row.text, row.text
    with navigation(browser):
        submit_button(row.find_element(By.CSS_SELECTOR, "form[action='/admin/accounts/disable']")).click()
    page = check_page(browser)
    assert page.status == 200 and "gesperrt" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text

    headers = {"Authorization": f"Bearer {token}"}
    assert requests.get(server.base_url + "/api/v1/me", headers=headers, timeout=30).status_code == 401
    assert person.get(server.base_url + "/account", allow_redirects=False, timeout=30).status_code == 303

    row = browser.find_element(By.XPATH, f"//tr[th[contains(., '{email}')]]")
    with navigation(browser):
        submit_button(row.find_element(By.CSS_SELECTOR, "form[action='/admin/accounts/enable']")).click()
    check_page(browser)
    requests_login(server.base_url, email, password)
