"""Journey 1: the strategy team walks the strategy frame and edits a goal."""

import re
import secrets
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By

from support import (
    DISPLAY_NAMES, KINDS, MUNICIPALITY_NAME, READER, SLUG, STRATEGY, UUID, browser_login, detail_links,
    fill_login_form, find_link, form_of, links, navigation, page_text, set_value, strip_fragment, submit_button,
)

EDIT_FIELDS = ("code", "title", "description", "targetStatement", "targetYear", "parentID",
               "responsibleDepartmentID")


def _edit_link(browser, goal_path):
    for a in browser.find_elements(By.CSS_SELECTOR, "a[href]"):
        if urlsplit(a.get_attribute("href")).path == goal_path + "/edit":
            return a
    return None


def _check_edit_form(browser):
    for name in EDIT_FIELDS:
        found = browser.find_elements(By.ID, name)
        assert found, f"edit form: no element with id={name!r}"
        assert found[0].get_attribute("name") == name, f"edit form: #{name} has name={found[0].get_attribute('name')!r}"
    assert browser.find_element(By.ID, "description").tag_name == "textarea", "#description must be a <textarea>"
    assert browser.find_element(By.ID, "parentID").tag_name == "select", "#parentID must be a <select>"
    assert browser.find_element(By.ID, "responsibleDepartmentID").tag_name == "select", \
        "#responsibleDepartmentID must be a <select>"
    form = form_of(browser.find_element(By.ID, "title"))
    assert (form.get_attribute("method") or "").lower() == "post", "edit form must use method=post"
    csrf = form.find_elements(By.CSS_SELECTOR, "input[type=hidden][name=_csrf]")
    assert csrf and csrf[0].get_attribute("value"), "edit form has no hidden _csrf input with a value"
    assert form.find_elements(By.CSS_SELECTOR, "button[type=submit]"), 'edit form has no <button type="submit">'
    return form


def test_strategy_team_walks_the_frame_and_edits_a_goal(browser, check_page, server):
    base = server.base_url

    # Start page: municipalities and a login link.
    browser.get(base + "/")
    page = check_page(browser)
    assert page.status == 200
    munis = links(browser, rf"/m/{SLUG}/?")
    assert munis, f"start page has no link to /m/{SLUG}"
    assert any(MUNICIPALITY_NAME in text for _, text in munis), f"link to /m/{SLUG} should say {MUNICIPALITY_NAME!r}: {munis}"
    login_link = find_link(browser, r"/login")

    # Log in as the strategy team.
    with navigation(browser):
        login_link.click()
    page = check_page(browser)
    assert urlsplit(page.url).path == "/login"
    fill_login_form(browser, STRATEGY, server.password)
    page = check_page(browser)
    assert urlsplit(page.url).path == "/", f"after login expected a redirect to /, got {page.url}"

    # Strategy overview.
    with navigation(browser):
        find_link(browser, rf"/m/{SLUG}/?").click()
    page = check_page(browser)
    assert page.status == 200
    h1 = browser.find_elements(By.TAG_NAME, "h1")
    assert h1 and MUNICIPALITY_NAME in h1[0].text, f"overview <h1> should name {MUNICIPALITY_NAME!r}"
    for kind in KINDS:
        assert detail_links(browser, kind), f"overview has no link to /m/{SLUG}/{kind}/<uuid>"

    # A field of action …
    foa_href = detail_links(browser, "fields-of-action")[0][0]
    with navigation(browser):
        find_link(browser, re.escape(urlsplit(foa_href).path)).click()
    page = check_page(browser)
    assert page.status == 200
    assert detail_links(browser, "goals"), "field of action page links to none of its goals"

    # … one of its goals.
    goal_href = strip_fragment(detail_links(browser, "goals")[0][0])
    goal_path = urlsplit(goal_href).path
    with navigation(browser):
        find_link(browser, re.escape(goal_path)).click()
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == goal_path
    detail_before = page_text(browser)

    edit = _edit_link(browser, goal_path)
    assert edit is not None, f"goal page has no link to {goal_path}/edit for the strategy team"
    assert "Bearbeiten" in edit.text, f"edit link should read 'Bearbeiten', reads {edit.text!r}"
    with navigation(browser):
        edit.click()
    page = check_page(browser)
    assert page.status == 200
    _check_edit_form(browser)
    edit_url = page.url

    old = {n: browser.find_element(By.ID, n).get_attribute("value") for n in ("code", "title", "targetStatement")}
    for name, value in old.items():
        assert value and value in detail_before, f"goal page should show the {name} {value!r}"

    # An empty title is refused with 422 and an error summary naming the field.
    form = form_of(browser.find_element(By.ID, "title"))
    browser.execute_script("arguments[0].noValidate = true;", form)
    set_value(browser, browser.find_element(By.ID, "title"), "")
    with navigation(browser):
        submit_button(form).click()
    page = check_page(browser)
    assert page.status == 422, f"empty title: expected HTTP 422, got {page.status}"
    summaries = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summaries, "empty title: no .error-summary"
    summary = summaries[0]
    label = browser.find_elements(By.CSS_SELECTOR, "label[for=title]")
    label_text = " ".join(label[0].text.split()).rstrip(" *:") if label else "title"
    names_field = (label_text and label_text.lower() in summary.text.lower()) or \
        summary.find_elements(By.CSS_SELECTOR, "a[href='#title']")
    assert names_field, f"error summary should name the title field ({label_text!r}): {summary.text!r}"
    assert browser.find_elements(By.ID, "title"), "the form should be shown again"

    # A valid edit.
    tag = secrets.token_hex(3)
    new_title = f"Verwaltungsleistungen vollständig digital (E2E {tag})"
    new_target = f"Bis Ende 2029 sind 95 % der Leistungen online beantragbar (E2E {tag})."
    browser.get(edit_url)
    page = check_page(browser)
    assert page.status == 200
    set_value(browser, browser.find_element(By.ID, "title"), new_title)
    set_value(browser, browser.find_element(By.ID, "targetStatement"), new_target)
    with navigation(browser):
        submit_button(form_of(browser.find_element(By.ID, "title"))).click()
    page = check_page(browser)
    assert urlsplit(page.url).path == goal_path, f"after saving expected the goal page {goal_path}, got {page.url}"
    assert page.status == 200
    text = page_text(browser)
    assert new_title in text, "goal page does not show the new title"
    assert new_target in text, "goal page does not show the new target statement"

    # History of the goal.
    browser.get(f"{base}{goal_path}/history")
    page = check_page(browser)
    assert page.status == 200, f"GET {goal_path}/history: HTTP {page.status}"
    text = page_text(browser)
    for value in (old["title"], new_title, old["targetStatement"], new_target):
        assert value in text, f"history should show {value!r}"
    who = (DISPLAY_NAMES[STRATEGY], STRATEGY)
    assert any(w in text for w in who), f"history should say who changed it ({' or '.join(who)})"


@pytest.mark.parametrize("kind", KINDS)
def test_list_and_detail_page_of_each_kind(browser, check_page, server, kind):
    browser_login(browser, check_page, server.base_url, READER, server.password)
    browser.get(f"{server.base_url}/m/{SLUG}/{kind}")
    page = check_page(browser)
    assert page.status == 200, f"GET /m/{SLUG}/{kind}: HTTP {page.status}"
    items = detail_links(browser, kind)
    assert items, f"/m/{SLUG}/{kind} lists no links to /m/{SLUG}/{kind}/<uuid>"
    href = strip_fragment(items[0][0])
    with navigation(browser):
        find_link(browser, re.escape(urlsplit(href).path)).click()
    page = check_page(browser)
    assert page.status == 200, f"GET {href}: HTTP {page.status}"
    assert re.fullmatch(rf"/m/{SLUG}/{kind}/{UUID}", urlsplit(page.url).path)
    assert browser.find_elements(By.TAG_NAME, "h1"), f"{href} has no <h1>"


def test_departments_and_audit_pages(browser, check_page, server):
    browser_login(browser, check_page, server.base_url, STRATEGY, server.password)
    browser.get(f"{server.base_url}/m/{SLUG}/departments")
    page = check_page(browser)
    assert page.status == 200, f"GET /m/{SLUG}/departments: HTTP {page.status}"
    text = page_text(browser)
    for name in ("Hauptamt", "Stabsstelle Digitalisierung"):
        assert name in text, f"department tree should list {name!r}"
    # The hierarchy must be there for assistive technology too, not only as indentation
    # (WCAG 1.3.1): nested lists, a tree/treegrid with aria-level, or nested <details>.
    structured = browser.find_elements(
        By.CSS_SELECTOR, "main :is(ul, ol) :is(ul, ol), main [role=tree], main [role=treegrid] [aria-level], "
                         "main details details")
    assert structured, ("the department tree's hierarchy is not exposed to assistive technology "
                        "(no nested lists, no role=tree/treegrid with aria-level, no nested <details>)")

    browser.get(f"{server.base_url}/m/{SLUG}/audit")
    page = check_page(browser)
    assert page.status == 200, f"GET /m/{SLUG}/audit: HTTP {page.status}"
