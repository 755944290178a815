"""/account: language setting and API tokens created in the UI."""

import secrets

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import SLUG, STRATEGY, assert_goal_list, browser_login, form_of, navigation, submit_button


def _api_goals(base_url, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.get(base_url + "/api/v1/goals", headers=headers, timeout=30)


def test_create_api_token_on_account_page(browser, check_page, server):
    browser_login(browser, check_page, server.base_url, STRATEGY, server.password, next_path="/account")
    browser.get(server.url("/account"))
    page = check_page(browser)
    assert page.status == 200, f"GET /account: HTTP {page.status}"

    # Language setting: some control that offers English.
    assert browser.find_elements(By.CSS_SELECTOR, "option[value=en], input[value=en]"), \
        "/account offers no language setting with the value 'en'"

    # Token form: name + municipality select.
    names = [e for e in browser.find_elements(By.CSS_SELECTOR, "form input[name=name]")]
    assert names, "/account has no token form with an input name=name"
    form = form_of(names[0])
    selects = form.find_elements(By.CSS_SELECTOR, "select[name=municipality]")
    assert selects, "token form has no <select name=municipality>"
    select = Select(selects[0])
    options = [o for o in select.options if "Musterstadt" in o.text or o.get_attribute("value") == SLUG]
    assert options, f"municipality select offers no Musterstadt: {[o.text for o in select.options]}"
    select.select_by_value(options[0].get_attribute("value"))
    token_name = f"e2e-ui-{secrets.token_hex(3)}"
    names[0].send_keys(token_name)
    with navigation(browser):
        submit_button(form).click()
    page = check_page(browser)
    shown = browser.find_elements(By.ID, "new-token")
    assert shown, f"after creating a token, no element #new-token (HTTP {page.status} at {page.url})"
    token = (shown[0].get_attribute("value") or shown[0].text).strip()
    assert token and " " not in token, f"#new-token holds no token: {token!r}"

    assert_goal_list(_api_goals(server.base_url, token), "token from /account")
    assert _api_goals(server.base_url).status_code == 401, "/api/v1/goals without a token must be 401"
    assert _api_goals(server.base_url, token + "x").status_code == 401, "a wrong token must be 401"

    # Shown once only.
    browser.get(server.url("/account"))
    check_page(browser)
    assert token not in browser.page_source, "the token is shown again on /account"
    assert token_name in browser.page_source, "/account does not list the new token by name"


def test_read_only_token_with_lifetime(browser, check_page, server):
    """A token made read-only for 30 days: the list says so, it reads, and a write is refused with 403."""
    browser_login(browser, check_page, server.base_url, STRATEGY, server.password, next_path="/account")
    browser.get(server.url("/account"))
    check_page(browser)
    form = form_of(browser.find_element(By.CSS_SELECTOR, "form[action='/account/tokens'] input[name=name]"))
    expiry = Select(form.find_element(By.CSS_SELECTOR, "select[name=expiresInDays]"))
    assert expiry.first_selected_option.get_attribute("value") == "365", "the default lifetime is not one year"
    expiry.select_by_value("30")
    Select(form.find_element(By.CSS_SELECTOR, "select[name=scope]")).select_by_value("readOnly")
    token_name = f"e2e-read-{secrets.token_hex(3)}"
    form.find_element(By.CSS_SELECTOR, "input[name=name]").send_keys(token_name)
    with navigation(browser):
        submit_button(form).click()
    page = check_page(browser)
    token = browser.find_element(By.ID, "new-token").text.strip()
    assert token.startswith("fpt_"), f"no token shown (HTTP {page.status})"
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#tokens-heading ~ .table-wrap tbody tr") if token_name in r.text]
    assert row and "nur lesen" in row[0].text, f"the token list does not show the scope: {[r.text for r in row]}"

    assert_goal_list(_api_goals(server.base_url, token), "read-only token")
    me = requests.get(server.base_url + "/api/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
    assert me["token"]["scope"] == "readOnly" and me["token"]["expiresAt"], me
    write = requests.post(server.base_url + "/api/v1/principles", json={"title": "Darf nicht"},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert write.status_code == 403, f"a read-only token wrote: HTTP {write.status_code}"
    assert write.headers["Content-Type"].startswith("application/problem+json")
    assert "nur lesen" in write.json()["detail"] or "read-only" in write.json()["detail"], write.json()
