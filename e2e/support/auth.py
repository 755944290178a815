"""Logging in, through the form or over plain HTTP, and answering the second factor like an authenticator app."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import time
from urllib.parse import quote, urlsplit

import requests
from selenium.webdriver.common.by import By

from .browser import form_of, navigation, page_text, set_value, submit_button, submit_form
from .forms import csrf_token
from .page_checks import Page


def requests_login(base_url: str, email: str, password: str,
                   session: requests.Session | None = None) -> requests.Session:
    """Log in with plain HTTP: GET /login for the CSRF cookie/field, POST the form, and the code step for an
    account with a second factor (its secret must be in MFA_SECRETS: see enrol_mfa)."""
    s = session or requests.Session()
    s.headers.setdefault("Accept-Language", "de")
    r = s.get(base_url + "/login", timeout=30)
    assert r.status_code == 200, f"GET /login: HTTP {r.status_code}"
    token = csrf_token(r.text)
    r = s.post(base_url + "/login", data={"email": email, "password": password, "_csrf": token},
               allow_redirects=False, timeout=30)
    assert r.status_code == 303, f"POST /login as {email}: expected 303, got HTTP {r.status_code}"
    if urlsplit(r.headers.get("Location", "")).path == "/login/code":
        page = s.get(base_url + "/login/code", timeout=30)
        r = s.post(base_url + "/login/code", data={"code": mfa_code(base_url, email), "_csrf": csrf_token(page.text)},
                   allow_redirects=False, timeout=30)
        assert r.status_code == 303, f"POST /login/code as {email}: expected 303, got HTTP {r.status_code}"
    return s


# Second factor (TOTP, RFC 6238: HMAC-SHA-1, 6 digits, 30 s). What a person's authenticator app knows, per
# server and account: the secret, the recovery codes not used yet, and the last step whose code was used
# (the server accepts each code once, so a second login in the same 30 s takes the next step's code).
MFA_SECRETS: dict[tuple[str, str], str] = {}
MFA_RECOVERY_CODES: dict[tuple[str, str], list[str]] = {}
_MFA_LAST_STEP: dict[tuple[str, str], int] = {}


def totp(secret_base32: str, step: int, digits: int = 6) -> str:
    key = base64.b32decode(secret_base32.replace(" ", "").upper() + "=" * (-len(secret_base32.replace(" ", "")) % 8))
    mac = hmac.new(key, step.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = int.from_bytes(mac[offset:offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def mfa_code(base_url: str, email: str) -> str:
    """A code the server accepts now: this step's, else the next step's (the server allows one step of drift);
    when both were used already, one of the recovery codes."""
    key = (base_url, email)
    secret = MFA_SECRETS.get(key)
    assert secret, f"{email} has a second factor but its secret is unknown: enrol it with enrol_mfa"
    current = int(time.time()) // 30
    target = max(current, _MFA_LAST_STEP.get(key, current - 1) + 1)
    if target > current + 1:
        codes = MFA_RECOVERY_CODES.get(key) or []
        assert codes, f"no recovery code left for {email}"
        return codes.pop(0)
    _MFA_LAST_STEP[key] = target
    return totp(secret, target)


def enrol_mfa(base_url: str, email: str, page_html: str, post) -> str:
    """Set up the second factor from the set-up page's HTML: read the secret, confirm with a code through
    `post(path, data) -> html`, keep the recovery codes shown. Returns the page after confirming."""
    m = re.search(r'id="mfa-secret">([A-Z2-7 ]+)<', page_html)
    assert m, "the set-up page /account/mfa shows no secret (id=mfa-secret)"
    key = (base_url, email)
    MFA_SECRETS[key] = m.group(1).replace(" ", "")
    _MFA_LAST_STEP.pop(key, None)
    confirmed = post("/account/mfa/confirm", {"code": mfa_code(base_url, email)})
    codes = re.findall(r"<li><code>([a-z2-7]{5}-[a-z2-7]{5})</code></li>", confirmed)
    assert len(codes) == 10, f"confirming the second factor for {email} showed {len(codes)} recovery codes, not 10"
    MFA_RECOVERY_CODES[key] = codes
    return confirmed

def browser_login(browser, check_page, base_url: str, email: str, password: str,
                  next_path: str | None = None) -> Page:
    """Log in through the login form; returns the page after the redirect (checked)."""
    browser.get(base_url + "/login" + (f"?next={quote(next_path, safe='/')}" if next_path else ""))
    page = check_page(browser)
    assert page.status == 200, f"GET /login: HTTP {page.status}"
    fill_login_form(browser, email, password)
    page = check_page(browser)
    if urlsplit(page.url).path == "/login/code":
        set_value(browser, browser.find_element(By.ID, "code"), mfa_code(base_url, email))
        submit_form(browser, browser.find_element(By.ID, "code"))
        page = check_page(browser)
    if urlsplit(page.url).path == "/account/mfa" and browser.find_elements(By.ID, "mfa-secret"):
        # The account must have a second factor and has none: set it up as the person would.
        def post(path: str, data: dict) -> str:
            field = browser.find_element(By.ID, "code")
            set_value(browser, field, data["code"])
            submit_form(browser, field)
            return browser.page_source
        enrol_mfa(base_url, email, browser.page_source, post)
        check_page(browser)
        browser.get(base_url + (next_path or "/"))
        page = check_page(browser)
    assert urlsplit(page.url).path not in ("/login", "/login/code"), (
        f"login as {email} failed: still on {page.url}: {page_text(browser)[:500]}")
    return page


def fill_login_form(browser, email: str, password: str) -> None:
    email_input = browser.find_element(By.ID, "email")
    assert email_input.get_attribute("name") == "email"
    password_input = browser.find_element(By.ID, "password")
    assert password_input.get_attribute("name") == "password"
    assert password_input.get_attribute("type") == "password"
    form = form_of(email_input)
    csrf = form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=_csrf]")
    assert csrf and csrf[0].get_attribute("value"), "login form has no hidden _csrf input with a value"
    set_value(browser, email_input, email)
    set_value(browser, password_input, password)
    with navigation(browser):
        submit_button(form).click()


def assert_goal_list(r, where):
    assert r.status_code == 200, f"{where}: GET /api/v1/goals: HTTP {r.status_code}: {r.text[:300]}"
    assert "json" in r.headers.get("Content-Type", ""), f"{where}: Content-Type {r.headers.get('Content-Type')!r}"
    data = r.json()
    items = data if isinstance(data, list) else next((v for v in data.values() if isinstance(v, list)), None)
    assert items, f"{where}: /api/v1/goals returned no goals: {str(data)[:300]}"
    return data


def switch_user(driver, check_page, base_url: str, email: str, password: str) -> Page:
    """Forget the session (all cookies) and log in as someone else through the login form."""
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
    return browser_login(driver, check_page, base_url, email, password)
