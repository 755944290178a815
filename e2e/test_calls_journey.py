"""Journeys through calls for projects (Projektabfragen): the strategy team reads the demo's open call and
prepares a reminder, creates, edits, closes and reopens a call of its own, and a department lead answers a
call. Every page goes through check_page (axe-core + HTML).

Journey 1 only reads the demo's open call; the others create the calls they change (unique titles), so the
journeys stay independent of each other and of the other tests.
"""

import datetime
import re
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from calls import (
    CALL_PATH, DEMO_MISSING_UNITS, DEMO_OPEN_CALL, board_rows, call_rows, calls_url, create_call_http, fact,
    german, german_day, phase,
)
from portfolio import (
    PROJECT_PATH, described_by_text, is_invalid, norm, projects_url, result_count, select_option, token,
)
from support import (
    LEAD, SLUG, STRATEGY, browser_login, find_link, follow_link, input_values, navigation, page_text, set_value,
    submit_form, switch_user,
)

BOARD_STATES = {"Vollständig", "In Arbeit", "Fehlt"}
LEAD_UNIT = "33"


def _own_section(browser):
    """The department lead's own answer on a call page ("Ihre Meldung – 33 Bürgeramt")."""
    sections = browser.find_elements(By.XPATH, "//section[h2[starts-with(normalize-space(), 'Ihre Meldung')]]")
    assert len(sections) == 1, f"expected the lead's own answer once, found {len(sections)} on {browser.current_url}"
    return sections[0]


def test_strategy_team_reads_the_open_call_and_prepares_a_reminder(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(f"{base}/m/{SLUG}")
    assert check_page(browser).status == 200

    # "Abfragen" in the main navigation.
    nav_link = find_link(browser, rf"/m/{SLUG}/calls")
    assert norm(nav_link.text) == "Abfragen", f"main navigation link to the calls reads {nav_link.text!r}"
    follow_link(browser, rf"/m/{SLUG}/calls")
    assert check_page(browser).status == 200
    assert browser.find_element(By.TAG_NAME, "h1").text == "Projektabfragen"
    assert browser.find_elements(By.CSS_SELECTOR, f"a[href='/m/{SLUG}/calls'][aria-current=page]"), \
        "the main navigation should mark 'Abfragen' as the current section"

    # Open calls first, each with its progress "x von y".
    rows = call_rows(browser)
    assert rows and rows[0]["phase"] == "Offen", f"the list should start with an open call: {rows}"
    phases = [r["phase"] for r in rows]
    assert phases.index("Geschlossen") > max(i for i, p in enumerate(phases) if p == "Offen"), \
        f"closed calls should come after the open ones: {phases}"
    demo = next((r for r in rows if r["title"] == DEMO_OPEN_CALL), None)
    assert demo and demo["phase"] == "Offen", f"the demo's open call is not listed as open: {rows}"
    progress = re.fullmatch(r"(\d+) von (\d+) Ämtern vollständig", demo["progress"])
    assert progress and int(progress.group(2)) == 13, f"progress of the demo call: {demo['progress']!r}"
    for row in rows:
        assert re.fullmatch(r"\d+ von \d+ Ämtern vollständig", row["progress"]), f"progress of {row}"
        assert re.fullmatch(r"\d\d\.\d\d\.\d{4}", row["deadline"]), f"deadline not German: {row}"

    # The call page: its facts and the completion board.
    follow_link(browser, re.escape(urlsplit(demo["url"]).path))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(CALL_PATH, urlsplit(page.url).path)
    call_path = urlsplit(page.url).path
    assert browser.find_element(By.TAG_NAME, "h1").text == DEMO_OPEN_CALL
    assert phase(browser) == "Offen"
    deadline = fact(browser, "Frist")
    assert re.match(r"\d\d\.\d\d\.\d{4} \(noch \d+ Tage?\)", deadline), f"deadline fact: {deadline!r}"
    deadline_day = deadline.split()[0]
    assert deadline_day == demo["deadline"]
    board = board_rows(browser)
    assert len(board) == 13, f"the demo call asks 13 units, the board shows {sorted(board)}"
    assert {row["state"] for row in board.values()} == BOARD_STATES, {c: r["state"] for c, r in board.items()}
    missing = {code for code, row in board.items() if row["state"] == "Fehlt"}
    assert missing == DEMO_MISSING_UNITS, f"missing units: {sorted(missing)}"
    complete = [code for code, row in board.items() if row["state"] == "Vollständig"]
    assert len(complete) == int(progress.group(1)), f"the list says {demo['progress']!r}, the board {complete}"
    for code in complete:
        assert re.search(r"\d\d\.\d\d\.\d{4}", board[code]["declared"]), f"complete without who/when: {board[code]}"
    for code in missing:
        assert board[code]["submitted"] == 0 and board[code]["drafts"] == 0, board[code]
    summary = norm(browser.find_element(By.CSS_SELECTOR, "#board-heading ~ .result-count").text)
    assert f"{len(missing)} ohne Rückmeldung" in summary, summary

    # Only the missing units.
    with navigation(browser):
        browser.find_element(By.XPATH, "//nav[contains(@class,'pill-nav')]//a[normalize-space()='Nur fehlende']").click()
    page = check_page(browser)
    assert parse_qs(urlsplit(page.url).query).get("filter") == ["missing"], page.url
    current = browser.find_elements(By.CSS_SELECTOR, "nav.pill-nav a[aria-current=page]")
    assert [norm(a.text) for a in current] == ["Nur fehlende"], "the chosen filter should be marked as current"
    board = board_rows(browser)
    assert set(board) == DEMO_MISSING_UNITS and {r["state"] for r in board.values()} == {"Fehlt"}, board

    # The reminder: a text to copy (naming the call and its deadline) and a mailto link.
    follow_link(browser, re.escape(call_path) + "/reminder")
    page = check_page(browser)
    assert page.status == 200
    text_all = browser.find_element(By.ID, "text-all")
    assert text_all.tag_name == "textarea" and text_all.get_attribute("readonly") is not None, "reminder text not readonly"
    letter = text_all.get_attribute("value")
    assert DEMO_OPEN_CALL in letter and deadline_day in letter, f"the reminder should name call and deadline: {letter!r}"
    for code in DEMO_MISSING_UNITS:
        assert re.search(rf"^- {code} ", letter, re.M), f"the reminder should list unit {code}: {letter!r}"
    assert call_path in letter, "the reminder should link to the call"
    subject = browser.find_element(By.ID, "subject-all").get_attribute("value")
    assert DEMO_OPEN_CALL in subject and deadline_day in subject, subject
    mailto = browser.find_element(By.XPATH, "//section[h2[@id='letter-all-heading']]//a[starts-with(@href,'mailto:')]")
    body = parse_qs(urlsplit(mailto.get_attribute("href")).query)["body"][0]
    assert body.replace("\r\n", "\n") == letter.replace("\r\n", "\n"), "the mailto body should be the text shown"

    # Units not yet complete include the Jugendamt, whose lead has an account: the mail goes to that lead.
    with navigation(browser):
        browser.find_element(By.XPATH, "//nav[contains(@class,'pill-nav')]//a[normalize-space()='Alle noch nicht vollständigen']").click()
    page = check_page(browser)
    assert parse_qs(urlsplit(page.url).query).get("scope") == ["incomplete"], page.url
    mailto = browser.find_element(By.XPATH, "//section[h2[@id='letter-all-heading']]//a[starts-with(@href,'mailto:')]")
    to = unquote(urlsplit(mailto.get_attribute("href")).path).split(",")
    assert "jugendamt@musterstadt.example" in to, f"mailto recipients: {to}"
    assert LEAD not in to, "the Bürgeramt has declared complete and should get no reminder"
    section = browser.find_element(By.XPATH, "//section[h2[normalize-space()='51 Jugendamt']]")
    assert "jugendamt@musterstadt.example" in section.text, "the Jugendamt's letter should name its lead"


def test_strategy_team_creates_edits_closes_and_reopens_a_call(browser, check_page, server):
    base = server.base_url
    tag = token()
    title = f"Abfrage Verwaltungsdigitalisierung {tag}"
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(calls_url(base))
    check_page(browser)
    follow_link(browser, rf"/m/{SLUG}/calls/new")
    assert check_page(browser).status == 200
    assert browser.find_element(By.TAG_NAME, "h1").text == "Neue Abfrage"
    opens = german_day(browser.find_element(By.ID, "opensOn").get_attribute("value"))
    berlin_today = datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()
    assert opens == berlin_today, f"the form should propose today (in Berlin) as opening day, not {opens}"
    checked = browser.find_elements(By.CSS_SELECTOR, "input[name='departmentIDs[]']:checked")
    labels = [norm(browser.find_element(By.CSS_SELECTOR, f"label[for='{c.get_attribute('id')}']").text) for c in checked]
    assert any(label.startswith(f"{LEAD_UNIT} ") for label in labels), f"unit {LEAD_UNIT} not preselected: {labels}"

    # A deadline before the opening day: refused, said next to the field, nothing stored.
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "message"), "Bitte melden Sie **alle** Vorhaben bis zur Frist.")
    set_value(browser, browser.find_element(By.ID, "deadline"), german(opens - datetime.timedelta(days=1)))
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 422, f"deadline before the opening day: expected HTTP 422, got {page.status}"
    summary = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary and "Frist" in summary[0].text, "the error summary should name the deadline"
    assert is_invalid(browser, "deadline"), "#deadline should be aria-invalid"
    assert "vor dem Beginn" in described_by_text(browser, browser.find_element(By.ID, "deadline")), \
        "#deadline should point to its error message (aria-describedby)"
    assert not is_invalid(browser, "title") and not is_invalid(browser, "opensOn")
    assert browser.find_element(By.ID, "title").get_attribute("value") == title, "typed title lost"
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name='departmentIDs[]']:checked")) == len(checked), \
        "the refused form should keep the chosen units"
    browser.get(calls_url(base))
    check_page(browser)
    assert not [r for r in call_rows(browser) if tag in r["title"]], "a refused call was stored"

    # Corrected: the call page.
    follow_link(browser, rf"/m/{SLUG}/calls/new")
    check_page(browser)
    set_value(browser, browser.find_element(By.ID, "title"), title)
    deadline = german(opens + datetime.timedelta(days=30))
    set_value(browser, browser.find_element(By.ID, "deadline"), deadline)
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(CALL_PATH, urlsplit(page.url).path), \
        f"after saving expected the call page, got {page.url} (HTTP {page.status}): {page_text(browser)[:400]}"
    call_path = urlsplit(page.url).path
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    assert "Abfrage angelegt" in page_text(browser)
    assert phase(browser) == "Offen" and fact(browser, "Frist").startswith(deadline)
    board = board_rows(browser)
    assert len(board) == len(checked) and {r["state"] for r in board.values()} == {"Fehlt"}, board

    # Edit: a later deadline and a new title.
    follow_link(browser, re.escape(call_path) + "/edit")
    assert check_page(browser).status == 200
    assert browser.find_element(By.ID, "deadline").get_attribute("value") == deadline
    title = f"{title} (verlängert)"
    deadline = german(opens + datetime.timedelta(days=45))
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "deadline"), deadline)
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == call_path, f"after editing: {page.url} HTTP {page.status}"
    assert browser.find_element(By.TAG_NAME, "h1").text == title and fact(browser, "Frist").startswith(deadline)
    assert "Gespeichert" in page_text(browser)

    # Close it: the page says so and offers to reopen.
    submit_form(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Abfrage schließen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == call_path
    assert phase(browser) == "Geschlossen"
    assert "keine Projekte mehr eingereicht" in page_text(browser)
    assert browser.find_elements(By.XPATH, "//button[normalize-space()='Wieder öffnen']")
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Abfrage schließen']")
    unit_33_id = board_rows(browser)[LEAD_UNIT]["element"].find_element(
        By.CSS_SELECTOR, "input[name=departmentID]").get_attribute("value")

    # The department lead can no longer submit into it: no button, and a form opened from an older link
    # (the reminder, a bookmark) says why.
    switch_user(browser, check_page, base, LEAD, server.password)
    browser.get(base + call_path)
    assert check_page(browser).status == 200
    assert phase(browser) == "Geschlossen"
    assert "keine Projekte mehr eingereicht" in page_text(browser), "the lead should be told the call is closed"
    assert not browser.find_elements(By.CSS_SELECTOR, ".toolbar"), "a lead sees an (empty) toolbar of the team"
    own = _own_section(browser)
    assert not own.find_elements(By.XPATH, ".//a[normalize-space()='Projekt einreichen']"), "closed call offers to submit"
    browser.get(projects_url(base) + f"/new?call={call_path.rsplit('/', 1)[1]}&department={unit_33_id}")
    assert check_page(browser).status == 200
    project_title = f"Digitale Fundsachen {tag}"
    set_value(browser, browser.find_element(By.ID, "title"), project_title)
    set_value(browser, browser.find_element(By.ID, "summary"), "Fundsachen online melden und abholen.")
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 422, f"submitting into a closed call: expected HTTP 422, got {page.status}"
    summary = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary and "Diese Abfrage ist geschlossen" in summary[0].text, \
        f"the form should say the call is closed: {summary[0].text if summary else page_text(browser)[:400]}"
    assert browser.find_element(By.ID, "title").get_attribute("value") == project_title, "typed title lost"
    browser.get(projects_url(base, f"q={tag}"))
    check_page(browser)
    assert result_count(browser) == 0, "a project was stored in a closed call"

    # The strategy team reopens it.
    switch_user(browser, check_page, base, STRATEGY, server.password)
    browser.get(base + call_path)
    check_page(browser)
    submit_form(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Wieder öffnen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == call_path
    assert phase(browser) == "Offen"
    assert browser.find_elements(By.XPATH, "//button[normalize-space()='Abfrage schließen']")


def test_department_lead_submits_a_project_and_declares_the_answer_complete(browser, check_page, server):
    base = server.base_url
    tag = token()
    call_title = f"Abfrage Bürgerdienste {tag}"
    call_path = create_call_http(base, STRATEGY, server.password, call_title)
    call_id = call_path.rsplit("/", 1)[1]

    browser_login(browser, check_page, base, LEAD, server.password)
    browser.get(f"{base}/m/{SLUG}")
    check_page(browser)
    follow_link(browser, rf"/m/{SLUG}/calls")
    assert check_page(browser).status == 200
    assert not browser.find_elements(By.CSS_SELECTOR, f"a[href='/m/{SLUG}/calls/new']"), "a lead may create calls"
    row = next((r for r in call_rows(browser) if r["title"] == call_title), None)
    assert row and row["phase"] == "Offen" and row["own"] == "Fehlt", f"the lead's list row of the new call: {row}"

    follow_link(browser, re.escape(call_path))
    assert check_page(browser).status == 200
    assert not browser.find_elements(By.XPATH, "//a[normalize-space()='Erinnerung'] | //button[normalize-space()='Abfrage schließen']"), \
        "a lead sees the team's tools"
    own = _own_section(browser)
    assert norm(own.find_element(By.TAG_NAME, "h2").text) == "Ihre Meldung – 33 Bürgeramt"
    assert "Fehlt" in own.text and "Noch keine Projekte in dieser Abfrage" in own.text, own.text

    # "Projekt einreichen" opens the profile form for this call and the own unit.
    with navigation(browser):
        own.find_element(By.XPATH, ".//a[normalize-space()='Projekt einreichen']").click()
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == f"/m/{SLUG}/projects/new"
    assert input_values(browser.page_source, "callID") == [call_id], "the profile form does not carry the call"
    chosen = norm(browser.find_element(By.CSS_SELECTOR, "#departmentID option:checked").text)
    assert chosen == "33 Bürgeramt", f"the form should preselect the lead's unit, not {chosen!r}"
    title = f"Online-Terminvergabe Standesamt {tag}"
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "summary"), "Trautermine online buchen und bezahlen.")
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(PROJECT_PATH, urlsplit(page.url).path), \
        f"saving the profile: {page.url} HTTP {page.status}: {page_text(browser)[:400]}"
    profile = urlsplit(page.url).path
    assert browser.find_element(By.CSS_SELECTOR, "p .status").text == "Idee"
    assert fact(browser, "Abfrage") == call_title, "the profile should name its call"

    # Submit it on the project page.
    select_option(browser, "status", lambda t: t == "Eingereicht", "'Eingereicht'")
    submit_form(browser, browser.find_element(By.ID, "status"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == profile
    assert browser.find_element(By.CSS_SELECTOR, "p .status").text == "Eingereicht"

    # Back on the call page the unit shows the project and is in progress.
    follow_link(browser, re.escape(call_path))
    assert check_page(browser).status == 200
    own = _own_section(browser)
    projects = [norm(li.text) for li in own.find_elements(By.CSS_SELECTOR, "ul li")]
    assert len(projects) == 1 and title in projects[0] and "Eingereicht" in projects[0], projects
    assert "In Arbeit" in own.find_element(By.CSS_SELECTOR, ".status").text
    board = board_rows(browser)
    assert board[LEAD_UNIT]["state"] == "In Arbeit" and board[LEAD_UNIT]["submitted"] == 1, board[LEAD_UNIT]

    # Declare the answer complete, with a note.
    note = f"Weitere Vorhaben folgen 2028 ({tag})."
    note_field = own.find_element(By.CSS_SELECTOR, "textarea[name=note]")
    assert note_field.get_attribute("id"), "the note has no id for its label"
    set_value(browser, note_field, note)
    submit_form(browser, own.find_element(By.XPATH, ".//button[normalize-space()='Meldung vollständig']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == call_path
    own = _own_section(browser)
    assert "Vollständig" in own.find_element(By.CSS_SELECTOR, ".status").text
    assert "Markus Weißenborn" in own.text and note in own.text, own.text
    board = board_rows(browser)
    assert board[LEAD_UNIT]["state"] == "Vollständig", board[LEAD_UNIT]
    assert "Markus Weißenborn" in board[LEAD_UNIT]["declared"] and note in board[LEAD_UNIT]["declared"], board[LEAD_UNIT]
    assert norm(browser.find_element(By.CSS_SELECTOR, "table.call-board tfoot").text).endswith(
        f"1 von {len(board)} Ämtern vollständig")

    # … and withdraw the declaration again.
    submit_form(browser, own.find_element(By.XPATH, ".//button[normalize-space()='Erklärung zurücknehmen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == call_path
    own = _own_section(browser)
    assert "In Arbeit" in own.find_element(By.CSS_SELECTOR, ".status").text
    assert own.find_elements(By.XPATH, ".//button[normalize-space()='Meldung vollständig']")
    assert board_rows(browser)[LEAD_UNIT]["state"] == "In Arbeit"
