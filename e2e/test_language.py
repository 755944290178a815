"""Journey 4: German by default, English on request."""

from urllib.parse import urlsplit

import requests

from support import READER, SLUG, browser_login, html_lang, html_lang_of, page_text


def test_english_ui_with_lang_parameter(browser, check_page, server):
    browser.get(server.url("/"))
    check_page(browser)
    assert html_lang(browser) == "de", f'start page should be <html lang="de">, is {html_lang(browser)!r}'
    german = page_text(browser)

    browser.get(server.url("/?lang=en"))
    check_page(browser)
    assert html_lang(browser) == "en", f'/?lang=en should be <html lang="en">, is {html_lang(browser)!r}'
    assert page_text(browser) != german, "/?lang=en shows the same text as the German page"

    browser.get(server.url("/login?lang=en"))
    check_page(browser)
    assert html_lang(browser) == "en", f'/login?lang=en should be <html lang="en">, is {html_lang(browser)!r}'

    browser_login(browser, check_page, server.base_url, READER, server.password)
    browser.get(server.url(f"/m/{SLUG}?lang=en"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == f"/m/{SLUG}", f"/m/{SLUG}?lang=en: HTTP {page.status} at {page.url}"
    assert html_lang(browser) == "en", f'/m/{SLUG}?lang=en should be <html lang="en">, is {html_lang(browser)!r}'


def test_language_negotiation_over_http(server):
    r = requests.get(server.url("/login"), timeout=30)  # requests sends no Accept-Language
    assert html_lang_of(r.text) == "de", "without Accept-Language the UI must be German"
    r = requests.get(server.url("/login"), headers={"Accept-Language": "en"}, timeout=30)
    assert html_lang_of(r.text) == "en", "Accept-Language: en must give English"
    r = requests.get(server.url("/login"), headers={"Accept-Language": "en-GB,en;q=0.9"}, timeout=30)
    assert html_lang_of(r.text) == "en", "Accept-Language: en-GB,en;q=0.9 must give English"
    r = requests.get(server.url("/login?lang=en"), headers={"Accept-Language": "de"}, timeout=30)
    assert html_lang_of(r.text) == "en", "?lang=en must win over Accept-Language: de"
