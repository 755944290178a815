"""Prioritization journeys with rounds in motion: the strategy team sets a round up in the browser (direct
weights, pairwise comparisons, opening it); a rater rates the demo's 2027 round without seeing the others'
scores, then submits; the team closes a round with missing ratings and adopts a scenario as version 2.
Every page goes through check_page (axe-core + HTML).

Journeys 2 and 4 work on rounds they create (unique titles). Journey 3 hands in the staff council's scores in
the demo's open round "Priorisierung 2027" (nothing else in the e2e suite uses that round's state).
"""

import re
from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from portfolio import described_by_text, is_invalid, norm, select_option, token
from prioritization import (
    DEMO_OPEN, ROUND_PATH, SCENARIO_PATH, TeamSession, create_round_http, decision_rows, error_summary, german_number,
    heading, notice, open_round_http, prioritization_url, rate_http, ranking_rows, round_rows, table_rows,
)
from support import (
    DISPLAY_NAMES, RATER, SLUG, STAFF_COUNCIL, STRATEGY, browser_login, follow_link, navigation, page_text, set_value,
    submit_form,
)

SETUP_CRITERIA = ["Bürgernutzen", "Entlastung der Beschäftigten", "Dringlichkeit"]
SETUP_KEYS = ["citizenBenefit", "staffRelief", "urgency"]
SETUP_PROJECTS = ["P-0034", "P-0037", "P-0042"]


def _weights(browser) -> dict[str, tuple[str, str]]:
    """The round page's weights table: criterion → (points as shown or typed, share)."""
    out = {}
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.prio-weights tbody tr"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        field = cells[1].find_elements(By.TAG_NAME, "input")
        out[norm(tr.find_element(By.TAG_NAME, "th").text)] = (field[0].get_attribute("value") if field else norm(cells[1].text),
                                                              norm(cells[2].text))
    return out


def _tick_only(browser, name: str, wanted, what: str) -> None:
    """Tick exactly the checkboxes named `name` whose label satisfies `wanted`."""
    chosen = []
    for box in browser.find_elements(By.CSS_SELECTOR, f"input[type=checkbox][name='{name}']"):
        label = norm(browser.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']").text)
        row = norm(box.find_element(By.XPATH, "(./ancestor::tr | ./ancestor::div)[last()]").text)
        keep = wanted(label, row)
        if keep != box.is_selected():
            box.click()
        if keep:
            chosen.append(label)
    assert chosen, f"no {what} to tick"


def test_strategy_team_sets_up_a_round_with_direct_and_pairwise_weights(browser, check_page, server):
    base = server.base_url
    title = f"Priorisierung Sondervermögen {token()}"
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(prioritization_url(base))
    check_page(browser)
    follow_link(browser, rf"/m/{SLUG}/prioritization/rounds/new")
    assert check_page(browser).status == 200 and heading(browser) == "Neue Runde"

    # Settings, three criteria, three projects, two raters.
    set_value(browser, browser.find_element(By.ID, "title"), title)
    set_value(browser, browser.find_element(By.ID, "topN"), "2")
    _tick_only(browser, "criterionIDs[]", lambda label, _: label.split(" (")[0] in SETUP_CRITERIA, "criteria")
    _tick_only(browser, "projectIDs[]", lambda _, row: row.split()[0] in SETUP_PROJECTS, "projects")
    _tick_only(browser, "raterIDs[]", lambda label, _: label in (DISPLAY_NAMES[RATER], DISPLAY_NAMES[STAFF_COUNCIL]), "raters")
    submit_form(browser, browser.find_element(By.ID, "title"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(ROUND_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    round_path = urlsplit(page.url).path
    assert heading(browser) == title and notice(browser) == "Die Runde wurde angelegt."
    assert norm(browser.find_element(By.CSS_SELECTOR, "main h1 + p").text) == "Entwurf"
    assert list(_weights(browser)) == SETUP_CRITERIA, _weights(browser)
    ticked = [norm(box.find_element(By.XPATH, "./ancestor::tr[1]/td[@class='code']").text)
              for box in browser.find_elements(By.CSS_SELECTOR, "input[name='projectIDs[]']:checked")]
    assert sorted(ticked) == SETUP_PROJECTS, f"the round's scope: {ticked}"

    # Weights that add up to 0 are refused, said at the weights, and what was typed stays.
    for key in SETUP_KEYS:
        set_value(browser, browser.find_element(By.ID, f"weight-{key}"), "0")
    submit_form(browser, browser.find_element(By.ID, f"weight-{SETUP_KEYS[0]}"))
    page = check_page(browser)
    assert page.status == 422, f"weights summing to 0: expected HTTP 422, got {page.status}"
    message = "Die Gewichte ergeben zusammen 0"
    assert message in error_summary(browser), error_summary(browser)
    error = browser.find_element(By.ID, "weights-error")
    assert message in error.text
    section = error.find_element(By.XPATH, "./ancestor::section[1]")
    assert section.find_elements(By.ID, f"weight-{SETUP_KEYS[0]}"), "the message should stand with the weight fields"
    for key in SETUP_KEYS:
        field = browser.find_element(By.ID, f"weight-{key}")
        assert field.get_attribute("value") == "0", "typed weights lost"
        assert message in described_by_text(browser, field), f"#weight-{key} should point to the message"
        assert is_invalid(browser, f"weight-{key}"), f"#weight-{key} should be aria-invalid"

    # Direct points 5 : 3 : 2.
    for key, points in zip(SETUP_KEYS, ("5", "3", "2")):
        set_value(browser, browser.find_element(By.ID, f"weight-{key}"), points)
    submit_form(browser, browser.find_element(By.ID, f"weight-{SETUP_KEYS[0]}"))
    assert check_page(browser).status == 200 and notice(browser) == "Die Gewichte wurden gespeichert."
    shares = {name: share for name, (_, share) in _weights(browser).items()}
    assert shares == dict(zip(SETUP_CRITERIA, ("50 %", "30 %", "20 %"))), shares

    # Pairwise comparisons: a contradictory set first (A ≫ B, B ≫ C, C ≫ A).
    follow_link(browser, re.escape(round_path) + "/ahp")
    assert check_page(browser).status == 200 and heading(browser) == f"Paarvergleiche (AHP): {title}"
    labels = {select.get_attribute("id"): norm(browser.find_element(By.CSS_SELECTOR, f"label[for='{select.get_attribute('id')}']").text)
              for select in browser.find_elements(By.CSS_SELECTOR, "select[name='value[]']")}
    assert labels == {"pair-0-1": "Bürgernutzen im Vergleich zu Entlastung der Beschäftigten",
                      "pair-0-2": "Bürgernutzen im Vergleich zu Dringlichkeit",
                      "pair-1-2": "Entlastung der Beschäftigten im Vergleich zu Dringlichkeit"}, labels

    def compare(values: dict[str, str]) -> None:
        for pair, value in values.items():
            Select(browser.find_element(By.ID, pair)).select_by_value(value)
        submit_form(browser, browser.find_element(By.ID, "pair-0-1"))
        assert check_page(browser).status == 200 and notice(browser) == "Ihre Vergleiche wurden gespeichert."

    compare({"pair-0-1": "9", "pair-1-2": "9", "pair-0-2": "1/9"})
    own = browser.find_element(By.XPATH, "//section[h2[@id='own-heading']]")
    ratio = german_number(norm(own.find_element(
        By.XPATH, ".//dt[normalize-space()='Konsistenzverhältnis (CR)']/following-sibling::dd[1]").text).split()[0])
    assert ratio > 0.10, f"the contradictory comparisons give CR {ratio}"
    warning = norm(own.find_element(By.CSS_SELECTOR, ".prio-warning").text)
    assert "Das Konsistenzverhältnis liegt über 0,10" in warning, warning
    worst = [norm(li.text) for li in own.find_elements(By.CSS_SELECTOR, ".prio-warning li")]
    assert worst, "the warning should name the comparisons that contribute most"
    named = re.match(r"(.+?) – (.+?): angegeben „(.+?)“, aus den Gewichten folgt eher „(.+?)“ \(Anteil an der Inkonsistenz [\d,]+ %\)\.$", worst[0])
    assert named, f"worst comparison in words: {worst[0]!r}"
    pair = {("Bürgernutzen", "Entlastung der Beschäftigten"): "pair-0-1", ("Bürgernutzen", "Dringlichkeit"): "pair-0-2",
            ("Entlastung der Beschäftigten", "Dringlichkeit"): "pair-1-2"}.get((named.group(1), named.group(2)))
    assert pair, f"the warning names no pair of the round's criteria: {worst[0]!r}"
    chosen = norm(Select(browser.find_element(By.ID, pair)).first_selected_option.text)
    assert named.group(3) == chosen, f"the warning should quote what was given ({chosen!r}): {worst[0]!r}"

    # A consistent set (A three times as important as B and C), adopted for the round.
    compare({"pair-0-1": "3", "pair-0-2": "3", "pair-1-2": "1"})
    group = browser.find_element(By.XPATH, "//section[h2[@id='group-heading']]")
    assert "ausreichend widerspruchsfrei" in group.text and not group.find_elements(By.CSS_SELECTOR, ".prio-warning")
    weights = {cells[0]: cells[1] for cells in ([norm(c.text) for c in tr.find_elements(By.XPATH, "./th|./td")]
                                                for tr in group.find_elements(By.CSS_SELECTOR, "table.prio-ahp-weights tbody tr"))}
    assert weights == dict(zip(SETUP_CRITERIA, ("60 %", "20 %", "20 %"))), weights
    participants = table_rows(browser, "section[aria-labelledby=group-heading] table.data")
    assert participants[0][:2] == [DISPLAY_NAMES[STRATEGY], "vollständig"], participants
    submit_form(browser, group.find_element(By.XPATH, ".//button[normalize-space()='Gruppengewichte für die Runde übernehmen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == round_path
    assert notice(browser) == "Die Gewichte aus den Paarvergleichen wurden übernommen."
    assert "Gewichtung: aus Paarvergleichen (AHP)" in page_text(browser)
    assert {name: points for name, (points, _) in _weights(browser).items()} == dict(zip(SETUP_CRITERIA, ("60", "20", "20")))

    # Open the round: the raters can rate now.
    submit_form(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Runde eröffnen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == round_path
    assert notice(browser).startswith("Die Runde ist eröffnet")
    assert norm(browser.find_element(By.CSS_SELECTOR, "main h1 + p").text) == "Bewertung läuft"
    progress = {cells[0]: cells[1:] for cells in table_rows(browser, "section[aria-labelledby=progress-heading] table")}
    assert progress == {DISPLAY_NAMES[RATER]: ["0 von 9 bewertet", "noch nicht abgegeben"],
                        DISPLAY_NAMES[STAFF_COUNCIL]: ["0 von 9 bewertet", "noch nicht abgegeben"]}, progress
    browser.get(prioritization_url(base))
    check_page(browser)
    row = round_rows(browser)[title]
    assert (row["status"], row["projects"], row["raters"], row["progress"]) == ("Bewertung läuft", 3, 2, "0 von 2 haben abgegeben"), row


def _project_block(browser, code: str | None = None):
    """A project's group of fields on the rating form (the first one when no code is given): (code, element)."""
    blocks = browser.find_elements(By.CSS_SELECTOR, "fieldset.prio-project")
    assert blocks, f"no projects on the rating form {browser.current_url}"
    for block in blocks:
        found = norm(block.find_element(By.CSS_SELECTOR, "legend .code").text)
        if code is None or found == code:
            return found, block
    raise AssertionError(f"{code} is not on the rating form")


def _progress(browser) -> str:
    return norm(browser.find_element(By.CSS_SELECTOR, "main .result-count").text)


def test_rater_sees_no_results_before_submitting_rates_and_submits(browser, check_page, server):
    base = server.base_url
    reason = f"Entlastet die Sachbearbeitung spürbar ({token()})."
    browser_login(browser, check_page, base, STAFF_COUNCIL, server.password)
    browser.get(prioritization_url(base))
    check_page(browser)
    row = round_rows(browser)[DEMO_OPEN]
    assert row["own"] == "Ihre Bewertung: 36 von 72 bewertet" and row["rate"] is not None, row
    round_path = urlsplit(row["url"]).path

    # The round page offers rating, not the ranking; the result pages answer 403 with the reason.
    follow_link(browser, re.escape(round_path))
    assert check_page(browser).status == 200
    assert not browser.find_elements(By.CSS_SELECTOR, f"a[href='{round_path}/ranking']"), "the ranking is offered before submitting"
    for suffix in ("/ranking", "/sensitivity", "/scenarios"):
        browser.get(base + round_path + suffix)
        page = check_page(browser)
        assert page.status == 403, f"{suffix} before submitting: expected HTTP 403, got {page.status}"
        assert heading(browser) == "Ergebnisse noch nicht sichtbar"
        assert "abgegeben" in error_summary(browser), error_summary(browser)

    # Rate: the projects not yet fully rated; one score with its justification.
    browser.get(base + round_path)
    check_page(browser)
    follow_link(browser, re.escape(round_path) + "/rate")
    assert check_page(browser).status == 200 and heading(browser) == f"Bewerten: {DEMO_OPEN}"
    assert _progress(browser) == "Ihr Stand: 36 von 72 bewertet"
    with_open = browser.find_element(By.XPATH, "//nav[contains(@class,'pill-nav')]//a[starts-with(normalize-space(),'Noch nicht vollständig')]")
    assert norm(with_open.text).endswith("(6)"), with_open.text
    with navigation(browser):
        with_open.click()
    page = check_page(browser)
    assert parse_qs(urlsplit(page.url).query).get("filter") == ["open"], page.url
    code, block = _project_block(browser)
    assert "0 von 6 Kriterien bewertet" in block.text
    profile = block.find_element(By.CSS_SELECTOR, "a[href*='/projects/']").get_attribute("href")
    project_id = urlsplit(profile).path.rsplit("/", 1)[1]
    scores_page = f"{base}{round_path}/projects/{project_id}"
    text = page_text(browser)
    assert DISPLAY_NAMES[RATER] not in text and "Tobias Engel" not in text, "the rating form names the other raters"
    browser.get(scores_page)
    assert check_page(browser).status == 403, f"{code}'s scores in detail should be hidden before submitting"
    browser.get(base + round_path + "/rate?filter=open")
    check_page(browser)
    code, block = _project_block(browser, code)
    relief = block.find_element(By.CSS_SELECTOR, "select[id$='-staffRelief-score']")
    Select(relief).select_by_value("3")
    set_value(browser, block.find_element(By.CSS_SELECTOR, "input[id$='-staffRelief-why']"), reason)
    submit_form(browser, relief)
    assert check_page(browser).status == 200 and notice(browser) == "Ihre Bewertungen wurden gespeichert."
    assert _progress(browser) == "Ihr Stand: 37 von 72 bewertet"
    _, block = _project_block(browser, code)
    assert Select(block.find_element(By.CSS_SELECTOR, "select[id$='-staffRelief-score']")).first_selected_option.get_attribute("value") == "3"
    assert block.find_element(By.CSS_SELECTOR, "input[id$='-staffRelief-why']").get_attribute("value") == reason

    # A score outside the scale (as a form from an older scale would send it) is refused next to its field.
    urgency = block.find_element(By.CSS_SELECTOR, "select[id$='-urgency-score']")
    browser.execute_script("const o = document.createElement('option'); o.value = '7'; o.text = '7 – alte Skala';"
                           "arguments[0].appendChild(o); arguments[0].value = '7';", urgency)
    submit_form(browser, urgency)
    page = check_page(browser)
    assert page.status == 422, f"a score of 7 on a 0–4 scale: expected HTTP 422, got {page.status}"
    assert f"{code} – Dringlichkeit" in error_summary(browser), error_summary(browser)
    _, block = _project_block(browser, code)
    urgency = block.find_element(By.CSS_SELECTOR, "select[id$='-urgency-score']")
    assert urgency.get_attribute("aria-invalid") == "true"
    assert "Bitte eine Zahl von 0 bis 4." in described_by_text(browser, urgency)
    browser.get(base + round_path + "/rate")
    check_page(browser)
    assert _progress(browser) == "Ihr Stand: 37 von 72 bewertet", "the refused form changed the scores"

    # Submit (with a confirmation that says what is missing); afterwards the results are open to the rater.
    with navigation(browser):
        browser.find_element(By.XPATH, "//button[@name='intent' and @value='submit']").click()
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == round_path + "/rate/submit", page.url
    assert heading(browser) == "Bewertungen abgeben" and "37 von 72 bewertet" in _progress(browser)
    assert "35 Bewertungen fehlen noch" in page_text(browser), page_text(browser)[:600]
    submit_form(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Jetzt verbindlich abgeben']"))
    page = check_page(browser)
    assert page.status == 200 and parse_qs(urlsplit(page.url).query).get("submitted") == ["1"], page.url
    assert notice(browser).startswith("Ihre Bewertungen sind abgegeben")
    assert "ändern sich nicht mehr" in norm(browser.find_element(By.CSS_SELECTOR, ".prio-closed-note").text)
    assert not browser.find_elements(By.CSS_SELECTOR, "select[name='score[]']"), "submitted scores are still editable"
    follow_link(browser, re.escape(round_path) + "/ranking")
    page = check_page(browser)
    assert page.status == 200 and heading(browser) == f"Reihung: {DEMO_OPEN}"
    assert "Vorläufig" in norm(browser.find_element(By.CSS_SELECTOR, ".notice.provisional").text)
    assert len(ranking_rows(browser)) == 12
    browser.get(scores_page)
    assert check_page(browser).status == 200
    relief = browser.find_element(By.XPATH, "//table[caption[starts-with(normalize-space(),'Entlastung der Beschäftigten')]]")
    given = {cells[0]: cells for cells in ([norm(c.text) for c in tr.find_elements(By.XPATH, "./th|./td")]
                                           for tr in relief.find_elements(By.CSS_SELECTOR, "tbody tr"))}
    assert given[DISPLAY_NAMES[STAFF_COUNCIL]][1] == "3" and given[DISPLAY_NAMES[STAFF_COUNCIL]][3] == reason, given
    assert DISPLAY_NAMES[RATER] in given, f"after submitting, the others' scores are visible: {given}"


def test_team_closes_a_round_with_missing_ratings_and_adopts_a_scenario(browser, check_page, server):
    base = server.base_url
    tag = token()
    title = f"Priorisierung Nachtragshaushalt {tag}"
    # Setup over HTTP: a round of four projects on two rating criteria, opened, rated by the team except for
    # one value (P-0043's staff relief); the second rater has not rated at all.
    team = TeamSession(base, STRATEGY, server.password)
    round_path, ids = create_round_http(team, title, criteria=["Bürgernutzen", "Entlastung der Beschäftigten"],
                                        project_codes=["P-0034", "P-0037", "P-0042", "P-0043"],
                                        raters=[DISPLAY_NAMES[STRATEGY], DISPLAY_NAMES[RATER]], top_n=2)
    open_round_http(team, round_path)
    rate_http(team, round_path, [
        (ids["P-0034"], "citizenBenefit", 4, "Sehr häufige Leistung."), (ids["P-0034"], "staffRelief", 3, "Weniger Telefonate."),
        (ids["P-0037"], "citizenBenefit", 3, "Viele Familien."), (ids["P-0037"], "staffRelief", 2, "Weniger Rückfragen."),
        (ids["P-0042"], "citizenBenefit", 2, "Mittelbar."), (ids["P-0042"], "staffRelief", 4, "Rechnungen ohne Papier."),
        (ids["P-0043"], "citizenBenefit", 0, "Rein intern."),
    ])

    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(base + round_path)
    assert check_page(browser).status == 200 and heading(browser) == title
    close = browser.find_element(By.XPATH, "//section[h2[@id='close-heading']]")
    assert "Es fehlen 1 Werte" in close.text or "Es fehlt 1 Wert" in close.text, close.text
    radios = close.find_elements(By.CSS_SELECTOR, "input[type=radio][name=missingPolicy]")
    assert {r.get_attribute("value"): norm(close.find_element(By.CSS_SELECTOR, f"label[for='{r.get_attribute('id')}']").text)
            for r in radios} == {"exclude": "Projekte mit fehlenden Werten ausschließen",
                                 "rankWithAvailable": "Mit den vorhandenen Werten reihen"}
    assert not any(r.is_selected() for r in radios), "no policy should be chosen for the team"

    # Closing without saying what to do with the missing value: asked again, nothing closed.
    rationale = f"Reihung für den Nachtragshaushalt, Sitzung des Verwaltungsvorstands ({tag})."
    set_value(browser, browser.find_element(By.ID, "decidedBy"), "Verwaltungsvorstand")
    set_value(browser, browser.find_element(By.ID, "rationale"), rationale)
    submit_form(browser, browser.find_element(By.ID, "rationale"))
    page = check_page(browser)
    assert page.status == 422, f"closing without a policy: expected HTTP 422, got {page.status}"
    fieldset = browser.find_element(By.XPATH, "//fieldset[legend[normalize-space()='Umgang mit fehlenden Werten']]")
    assert "bitte wählen" in described_by_text(browser, fieldset), "the policy question should carry its message"
    assert browser.find_element(By.ID, "rationale").get_attribute("value") == rationale, "typed rationale lost"
    assert norm(browser.find_element(By.CSS_SELECTOR, "main h1 + p").text) == "Bewertung läuft"

    # Rank with the values there are: the official ranking, version 1, with the gap shown.
    browser.find_element(By.ID, "missingPolicy-rankWithAvailable").click()
    submit_form(browser, browser.find_element(By.ID, "rationale"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == round_path + "/ranking", f"{page.url} HTTP {page.status}"
    version = norm(browser.find_element(By.CSS_SELECTOR, ".version-facts").text)
    assert "Offizielle Reihung, Version 1" in version and "(durch Verwaltungsvorstand)" in version and rationale in version, version
    before = ranking_rows(browser)
    assert len(before) == 4 and before[-1]["code"] == "P-0043", [r["code"] for r in before]
    assert "Ohne Wert: Entlastung der Beschäftigten" in before[-1]["head"], before[-1]["head"]
    start = {r["code"]: r["computed"] for r in before}

    # The decision log, filtered to this round, holds the decision.
    follow_link(browser, rf"/m/{SLUG}/decisions")
    check_page(browser)
    select_option(browser, "round", lambda t: t == title, title)
    submit_form(browser, browser.find_element(By.ID, "round"))
    assert check_page(browser).status == 200
    rows = decision_rows(browser)
    assert [(r["kind"], r["summary"], r["decidedBy"], r["rationale"]) for r in rows] == [
        ("Reihung beschlossen", f"{title}: Reihung beschlossen (4 Projekte)", "Verwaltungsvorstand", rationale)], rows
    log_url = browser.current_url

    # A scenario: P-0043 becomes urgent and moves up.
    browser.get(base + round_path + "/scenarios")
    check_page(browser)
    follow_link(browser, re.escape(round_path) + "/scenarios/new")
    assert check_page(browser).status == 200 and heading(browser) == "Neues Szenario"
    name = f"Personalausfall {tag}"
    set_value(browser, browser.find_element(By.ID, "name"), name)
    set_value(browser, browser.find_element(By.ID, "description"), "Viele Stellen bleiben unbesetzt; die Personalakte wird dringend.")
    browser.find_element(By.ID, f"urgent-{ids['P-0043']}").click()
    submit_form(browser, browser.find_element(By.ID, "name"))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(SCENARIO_PATH, urlsplit(page.url).path), f"{page.url} HTTP {page.status}"
    assert heading(browser) == f"Szenario {name}"
    assert [norm(li.text) for li in browser.find_elements(By.CSS_SELECTOR, "ul.scenario-changes li")] == ["Als dringlich markiert: P-0043"]
    moves = {cells[0].split()[0]: cells for cells in table_rows(browser, "table.comparison")}
    moved = moves["P-0043"]
    old, new = int(moved[1]), int(moved[2])
    assert old == start["P-0043"] and new < old, moved
    assert moved[3] == f"↑ {old - new} {'Platz' if old - new == 1 else 'Plätze'} nach oben" and "als dringlich markiert" in moved[4], moved
    passed = {code for code, rank in start.items() if new <= rank < old}
    for code in passed:
        assert int(moves[code][2]) == start[code] + 1 and "nach unten" in moves[code][3], moves[code]

    # Adopted, it becomes version 2 of the official ranking, with its decision.
    set_value(browser, browser.find_element(By.ID, "decidedBy"), "Stadtrat")
    set_value(browser, browser.find_element(By.ID, "rationale"), f"Beschluss nach dem Personalausfall ({tag}).")
    submit_form(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Szenario übernehmen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == round_path + "/ranking", f"{page.url} HTTP {page.status}"
    assert notice(browser).startswith("Das Szenario ist als neue offizielle Reihung übernommen")
    version = norm(browser.find_element(By.CSS_SELECTOR, ".version-facts").text)
    assert "Offizielle Reihung, Version 2" in version and f"aus dem Szenario {name}" in version, version
    after = ranking_rows(browser)
    assert [r["code"] for r in after].index("P-0043") + 1 == new, [r["code"] for r in after]
    versions = table_rows(browser, "section[aria-labelledby=versions-heading] table")
    assert [(v[0], v[2]) for v in versions] == [("Version 2", f"Szenario {name}"), ("Version 1", "Abschluss der Runde")], versions
    with navigation(browser):
        browser.find_element(By.XPATH, "//section[@aria-labelledby='versions-heading']//a[normalize-space()='Version 1']").click()
    page = check_page(browser)
    assert page.status == 200 and parse_qs(urlsplit(page.url).query).get("version") == ["1"], page.url
    assert "Offizielle Reihung, Version 1" in norm(browser.find_element(By.CSS_SELECTOR, ".version-facts").text)
    assert [r["code"] for r in ranking_rows(browser)][-1] == "P-0043", "version 1 should stay as it was"
    browser.get(log_url)
    check_page(browser)
    rows = decision_rows(browser)
    assert [(r["kind"], r["decidedBy"]) for r in rows] == [("Szenario übernommen", "Stadtrat"),
                                                           ("Reihung beschlossen", "Verwaltungsvorstand")], rows
    assert rows[0]["summary"] == f"{title}: Szenario „{name}“ als Reihung übernommen", rows[0]
