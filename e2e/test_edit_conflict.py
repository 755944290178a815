"""Two people edit the same principle: the second save is refused (409) with both versions on one page, and
the person merges by hand and saves again. The refused page is checked like every other (axe, HTML)."""

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from support import (
    SLUG, STRATEGY, browser_login, csrf_token, detail_links, page_text, parse_form, requests_login, set_value,
    strip_fragment, submit_form,
)


def test_second_save_is_refused_and_merged_by_hand(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(f"{base}/m/{SLUG}/principles")
    check_page(browser)
    principles = list(dict.fromkeys(strip_fragment(href) for href, _ in detail_links(browser, "principles")))
    assert principles, "no principle to edit"
    principle = principles[-1]
    edit_url = principle + "/edit"

    # The person in the browser opens the form …
    browser.get(edit_url)
    check_page(browser)
    version = browser.find_element(By.CSS_SELECTOR, "input[type=hidden][name=version]").get_attribute("value")
    assert version and version.isdigit(), f"the edit form carries no version: {version!r}"

    # … while a colleague changes the title and saves.
    colleague = requests_login(base, STRATEGY, server.password)
    page = colleague.get(edit_url, timeout=30)
    _, fields = parse_form(page.text, "title")
    fields["title"] = "Vom Kollegen geändert"
    fields["_csrf"] = csrf_token(page.text)
    r = colleague.post(principle, data=fields, allow_redirects=False, timeout=30)
    assert r.status_code == 303, f"colleague's save: HTTP {r.status_code}"

    # The browser's save, based on the older version, is refused; the own input stays, the colleague's change shows.
    description = browser.find_element(By.ID, "description")
    set_value(browser, description, "Meine neue Beschreibung")
    submit_form(browser, description)
    refused = check_page(browser, "refused")
    assert refused.status == 409, f"stale save: HTTP {refused.status}"
    text = page_text(browser)
    assert "Inzwischen geändert" in text and "Vom Kollegen geändert" in text, text[:1500]
    assert browser.find_element(By.ID, "description").get_attribute("value") == "Meine neue Beschreibung"
    assert browser.find_element(By.ID, "title").get_attribute("value") != "Vom Kollegen geändert"
    newer = browser.find_element(By.CSS_SELECTOR, "input[type=hidden][name=version]").get_attribute("value")
    assert int(newer) == int(version) + 1, f"the refused form carries version {newer}, expected {int(version) + 1}"

    # Merged by hand: take the colleague's title, keep the own description, save again.
    set_value(browser, browser.find_element(By.ID, "title"), "Vom Kollegen geändert")
    submit_form(browser, browser.find_element(By.ID, "title"))
    saved = check_page(browser, "merged")
    assert saved.status == 200 and urlsplit(saved.url).path == urlsplit(principle).path, saved
    text = page_text(browser)
    assert "Vom Kollegen geändert" in text and "Meine neue Beschreibung" in text, text[:1500]
