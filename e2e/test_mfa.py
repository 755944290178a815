"""Second factor: the installation admin must set it up, then logs in with a code; passwords are checked."""

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from support import (
    ADMIN, MFA_RECOVERY_CODES, MFA_SECRETS, READER, SLUG, browser_login, fill_login_form, mfa_code, page_text,
    run_cli, set_value, submit_form, switch_user, totp,
)


def _path(page) -> str:
    return urlsplit(page.url).path


def test_admin_sets_up_second_factor_and_logs_in_with_a_code(browser, check_page, server):
    # The journeys share one server, and an earlier one may already have led the admin through the set-up:
    # start from an admin without a second factor, as an installation admin would after `user mfa-reset`.
    reset = run_cli(["user", "mfa-reset", "--email", ADMIN], server.env)
    assert reset.returncode == 0, f"user mfa-reset failed: {reset.stderr}"
    MFA_SECRETS.pop((server.base_url, ADMIN), None)
    MFA_RECOVERY_CODES.pop((server.base_url, ADMIN), None)
    browser.delete_all_cookies()
    browser.get(server.url("/login"))
    check_page(browser)
    fill_login_form(browser, ADMIN, server.password)
    page = check_page(browser)
    assert _path(page) == "/account/mfa", f"an admin without a second factor should land on the set-up, not {page.url}"
    assert browser.find_elements(By.ID, "mfa-required"), "the set-up page does not say the second factor is required"
    browser.get(server.url(f"/m/{SLUG}"))
    assert _path(check_page(browser)) == "/account/mfa", "other pages must stay closed until the set-up is done"

    # Set up as a person with an authenticator app: the key as text, the otpauth URI, a code to confirm.
    browser.get(server.url("/account/mfa"))
    check_page(browser)
    secret = browser.find_element(By.ID, "mfa-secret").text.replace(" ", "")
    uri = browser.find_element(By.ID, "mfa-uri").get_attribute("href")
    assert uri.startswith(f"otpauth://totp/Fahrplan:{ADMIN}?secret={secret}&issuer=Fahrplan"), uri
    assert browser.find_elements(By.CSS_SELECTOR, "#mfa-qr svg[role=img][aria-label]"), "no QR code (inline SVG) to scan"
    field = browser.find_element(By.ID, "code")
    set_value(browser, field, "000000")
    submit_form(browser, field)
    check_page(browser)
    assert "Der Code stimmt nicht" in page_text(browser), "a wrong confirmation code must be refused with a message"
    MFA_SECRETS[(server.base_url, ADMIN)] = secret
    field = browser.find_element(By.ID, "code")
    set_value(browser, field, mfa_code(server.base_url, ADMIN))
    submit_form(browser, field)
    check_page(browser)
    codes = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    assert len(codes) == 10, f"expected 10 recovery codes after the set-up, got {codes}"
    MFA_RECOVERY_CODES[(server.base_url, ADMIN)] = codes[1:]
    browser.get(server.url(f"/m/{SLUG}"))
    assert _path(check_page(browser)) == f"/m/{SLUG}"

    # Logging in again takes the password and then a code; a wrong code keeps the person out.
    browser.delete_all_cookies()
    browser.get(server.url("/login"))
    check_page(browser)
    fill_login_form(browser, ADMIN, server.password)
    page = check_page(browser)
    assert _path(page) == "/login/code", f"after the password an account with a second factor asks for a code, not {page.url}"
    wrong = "111111" if totp(secret, 0) != "111111" else "222222"
    set_value(browser, browser.find_element(By.ID, "code"), wrong)
    submit_form(browser, browser.find_element(By.ID, "code"))
    page = check_page(browser)
    assert _path(page) == "/login/code" and page.status == 401, f"a wrong code was not refused: {page.url} {page.status}"
    assert browser.find_elements(By.CSS_SELECTOR, ".error-summary[role=alert]"), "a wrong code shows no error"
    # A recovery code works in place of the app.
    set_value(browser, browser.find_element(By.ID, "code"), codes[0])
    submit_form(browser, browser.find_element(By.ID, "code"))
    assert _path(check_page(browser)) == "/", "the recovery code did not log in"

    # The helper answers the code step like an app: a later login of the same account works too.
    page = switch_user(browser, check_page, server.base_url, ADMIN, server.password)
    assert _path(page) == "/"
    browser.get(server.url("/account/mfa"))
    check_page(browser)
    assert browser.find_elements(By.ID, "mfa-status"), "the set-up page does not show the second factor as on"
    assert browser.find_elements(By.ID, "mfa-required"), "an admin is not told the second factor cannot be switched off"


def test_password_change_refuses_common_and_overlong_passwords(browser, check_page, server):
    browser_login(browser, check_page, server.base_url, READER, server.password, next_path="/account")
    for password, message in (("qwerty123456", "häufig verwendeten"), ("x" * 73, "Höchstens 72 Byte")):
        browser.get(server.url("/account"))
        check_page(browser)
        set_value(browser, browser.find_element(By.ID, "currentPassword"), server.password)
        set_value(browser, browser.find_element(By.ID, "newPassword"), password)
        submit_form(browser, browser.find_element(By.ID, "newPassword"))
        page = check_page(browser)
        assert page.status == 422, f"new password {password[:12]}…: HTTP {page.status}"
        assert message in page_text(browser), f"new password {password[:12]}…: no message {message!r}"


def test_new_admin_from_the_command_line(browser, check_page, server):
    """`fahrplan user create` refuses a common password; the admin it creates is led through the set-up."""
    email = "zweite-admin@fahrplan.example"
    weak = run_cli(["user", "create", "--email", email, "--name", "Zweite Administration", "--password", "qwerty123456",
                    "--admin"], server.env)
    assert weak.returncode != 0, f"a common password was accepted: {weak.stdout}"
    assert "commonly used" in weak.stderr + weak.stdout, f"no reason given: {weak.stderr} {weak.stdout}"
    password = "Zweite Administration 2026"
    made = run_cli(["user", "create", "--email", email, "--name", "Zweite Administration", "--password", password,
                    "--admin"], server.env)
    assert made.returncode == 0, f"user create failed: {made.stderr}"
    # The login helper meets the set-up page, enrols like a person with an app, and then reaches the page.
    page = switch_user(browser, check_page, server.base_url, email, password)
    assert _path(page) == "/", f"the new admin did not get past the set-up: {page.url}"
    assert (server.base_url, email) in MFA_SECRETS and len(MFA_RECOVERY_CODES[(server.base_url, email)]) == 10
    browser.get(server.url("/admin/municipalities"))
    assert _path(check_page(browser)) == "/admin/municipalities"
    # The next login asks for a code, which the helper answers.
    page = switch_user(browser, check_page, server.base_url, email, password)
    assert _path(page) == "/"
