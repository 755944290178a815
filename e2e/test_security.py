"""CSRF protection and safe Markdown."""

import re
import secrets
from urllib.parse import urljoin, urlsplit

from selenium.webdriver.common.by import By

from support import (
    SLUG, STRATEGY, browser_login, first_goal_url, form_of, has_logout_form, navigation, parse_form,
    requests_login, set_value, submit_button,
)


def _goal_paths(session, base_url):
    r = session.get(f"{base_url}/m/{SLUG}/goals", timeout=30)
    assert r.status_code == 200
    paths = list(dict.fromkeys(re.findall(rf'href="(/m/{SLUG}/goals/[0-9a-fA-F-]{{36}})"', r.text)))
    assert paths, "goal list has no goal links"
    return paths


def test_forms_without_csrf_token_are_refused(server):
    s = requests_login(server.base_url, STRATEGY, server.password)
    goal = server.base_url + _goal_paths(s, server.base_url)[1]
    r = s.get(goal + "/edit", timeout=30)
    assert r.status_code == 200
    attrs, fields = parse_form(r.text, "title")
    action = urljoin(r.url, attrs.get("action") or r.url)
    marker = f"Ohne CSRF {secrets.token_hex(3)}"
    fields["title"] = marker
    for variant in ("missing", "wrong"):
        data = {k: v for k, v in fields.items() if k != "_csrf"}
        if variant == "wrong":
            data["_csrf"] = "x" + fields.get("_csrf", "")
        r = s.post(action, data=data, allow_redirects=False, timeout=30)
        assert r.status_code in (400, 403, 422), f"edit with {variant} _csrf: HTTP {r.status_code}"
    assert marker not in s.get(goal, timeout=30).text, "an edit without a valid CSRF token was saved"

    r = s.post(server.base_url + "/logout", data={}, allow_redirects=False, timeout=30)
    assert r.status_code in (400, 403, 422), f"logout without _csrf: HTTP {r.status_code}"
    assert has_logout_form(s.get(server.base_url + "/", timeout=30).text), "logout without _csrf logged out"


def test_description_markdown_is_rendered_and_script_free(browser, check_page, server):
    browser_login(browser, check_page, server.base_url, STRATEGY, server.password)
    goal_url = first_goal_url(browser, check_page, server.base_url, index=-1)
    browser.get(goal_url + "/edit")
    page = check_page(browser)
    assert page.status == 200
    tag = secrets.token_hex(3)
    description = (f"Ein **wichtiger{tag}** Punkt.\n\n"
                   "<script>window.__fahrplanXss = 1</script>\n\n"
                   "<img src=\"/nowhere.png\" alt=\"x\" onerror=\"window.__fahrplanXss = 2\">\n\n"
                   "[Link](javascript:window.__fahrplanXss=3)")
    textarea = browser.find_element(By.ID, "description")
    set_value(browser, textarea, "")
    browser.execute_script("arguments[0].value = arguments[1];", textarea, description)
    with navigation(browser):
        submit_button(form_of(textarea)).click()
    page = check_page(browser)
    assert urlsplit(page.url).path == urlsplit(goal_url).path, f"saving the description landed on {page.url}"
    strong = [e for e in browser.find_elements(By.CSS_SELECTOR, "strong, b") if e.text == f"wichtiger{tag}"]
    assert strong, "the description's Markdown (**…**) is not rendered as <strong>"
    assert browser.execute_script("return window.__fahrplanXss") is None, \
        "HTML/JavaScript in the Markdown description was executed"
    js_links = [a for a in browser.find_elements(By.CSS_SELECTOR, "a[href]")
                if (a.get_attribute("href") or "").lower().startswith("javascript:")]
    assert not js_links, "the description renders a javascript: link"
