"""Prioritization journeys: a council reader reads the demo's closed 2026 ranking (stacked bars, explanations,
the override, the "Pandemie" scenario, the sensitivity, the decision log and its export), and the same ranking
in English. The journeys that set rounds up, rate and close them are in test_prioritization_rounds_journey.py.
Every page goes through check_page (axe-core + HTML).
"""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

from selenium.webdriver.common.by import By

from portfolio import PROJECT_PATH, norm, select_option
from prioritization import (
    DEMO_CLOSED, DEMO_OVERRIDE, ROUND_PATH, SCENARIO_PATH, decision_rows, german_number, heading, prioritization_url,
    ranking_rows, round_rows, svg_text, table_rows,
)
from support import (
    READER, SLUG, browser_login, browser_session, find_link, follow_link, html_lang, page_text, set_value, submit_form,
)

CRITERIA = ["Rechtliche Verpflichtung", "Bürgernutzen", "Entlastung der Beschäftigten", "Beitrag zur Strategie",
            "Dringlichkeit", "Umsetzungsreife", "Risiko", "Wirtschaftlichkeit", "Basiskomponente"]


def _open_closed_round(browser, check_page, base) -> str:
    """From the start page through the main navigation to the 2026 round; returns its path."""
    browser.get(f"{base}/m/{SLUG}")
    check_page(browser)
    nav = find_link(browser, rf"/m/{SLUG}/prioritization")
    assert norm(nav.text) == "Priorisierung", f"main navigation link reads {nav.text!r}"
    follow_link(browser, rf"/m/{SLUG}/prioritization")
    assert check_page(browser).status == 200
    rounds = round_rows(browser)
    closed = rounds.get(DEMO_CLOSED)
    assert closed, f"the overview lists no {DEMO_CLOSED!r}: {sorted(rounds)}"
    assert (closed["status"], closed["projects"], closed["raters"]) == ("Abgeschlossen", 23, 3), closed
    assert closed["progress"] == "3 von 3 haben abgegeben" and closed["own"] is None, closed
    assert not browser.find_elements(By.XPATH, "//a[normalize-space()='Neue Runde']"), "a reader may start rounds"
    follow_link(browser, re.escape(urlsplit(closed["url"]).path))
    page = check_page(browser)
    assert page.status == 200 and re.fullmatch(ROUND_PATH, urlsplit(page.url).path)
    assert heading(browser) == DEMO_CLOSED
    note = norm(browser.find_element(By.CSS_SELECTOR, ".prio-closed-note").text)
    assert "abgeschlossen" in note and "ändert sich nicht mehr" in note, note
    assert not browser.find_elements(By.CSS_SELECTOR, "main form input[name^='weights']"), "a reader sees weight inputs"
    return urlsplit(page.url).path


def _check_ranking(browser) -> list[dict]:
    rows = ranking_rows(browser)
    assert len(rows) == 23 and sorted(r["computed"] for r in rows) == list(range(1, 24)), [r["computed"] for r in rows]
    by_code = {r["code"]: r for r in rows}
    code, computed, decided = DEMO_OVERRIDE
    # The override shows both positions and puts the project where it was decided.
    assert [r["code"] for r in rows][:3] == ["P-0001", "P-0013", code], [r["code"] for r in rows][:5]
    assert (by_code[code]["computed"], by_code[code]["decided"]) == (computed, decided), by_code[code]
    assert "overridden" in by_code[code]["classes"]
    assert [r["code"] for r in rows if r["decided"] is not None] == [code], "only P-0015 was overridden"
    others = [r["computed"] for r in rows if r["code"] != code]
    assert others == sorted(others), f"apart from the override the rows should follow the computed rank: {others}"
    top = [r["code"] for r in rows if "top-n" in r["classes"]]
    assert top == [r["code"] for r in rows[:8]], f"the top 8 should be marked: {top}"

    # Every row's stacked bar is an image whose text alternative gives the total and its parts.
    for row in rows:
        title, desc = svg_text(browser, row["svg"])
        assert title == f"{row['code']}: {row['points']} von 100 Punkten", (title, row["points"])
        assert desc.startswith("Punkte je Kriterium: "), desc
        parts = re.findall(r"([^:;]+?) (\d+,\d)(?=[;.])", desc.split(": ", 1)[1])
        assert parts and {name.strip() for name, _ in parts} <= set(CRITERIA), desc
        total = sum(german_number(v) for _, v in parts)
        assert abs(total - german_number(row["points"])) <= 0.05 * len(parts) + 0.05, (row["code"], desc)
    legend = [norm(li.text) for li in browser.find_elements(By.CSS_SELECTOR, "ul.chart-legend li")]
    assert legend == CRITERIA, legend

    # "Why above the next one": every explanation names the project ranked next, with the real difference.
    by_computed = {r["computed"]: r for r in rows}
    assert "P-0013 darauf aufbaut" in by_code["P-0001"]["explanation"], by_code["P-0001"]["explanation"]
    for rank in range(1, 23):
        row, nxt = by_computed[rank], by_computed[rank + 1]
        assert nxt["code"] in row["explanation"], f"rank {rank} ({row['code']}) should explain why above {nxt['code']}: {row['explanation']!r}"
        lead = re.match(rf"Liegt vor {nxt['code']}: \+(\d+,\d) Punkte", row["explanation"])
        if lead:
            gap = german_number(row["points"]) - german_number(nxt["points"])
            assert abs(german_number(lead.group(1)) - gap) <= 0.11, (row["code"], row["explanation"], gap)
    assert by_computed[23]["explanation"] == "–"
    assert "Strittig bei: Risiko" in by_code["P-0014"]["head"], by_code["P-0014"]["head"]
    return rows


def test_reader_reads_the_closed_ranking_scenario_sensitivity_and_decisions(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, READER, server.password)
    round_path = _open_closed_round(browser, check_page, base)

    # The official ranking.
    follow_link(browser, re.escape(round_path) + "/ranking")
    page = check_page(browser)
    assert page.status == 200 and heading(browser) == f"Reihung: {DEMO_CLOSED}"
    assert browser.find_elements(By.CSS_SELECTOR, "nav.results-tabs a[aria-current=page]")[0].text == "Reihung"
    version = norm(browser.find_element(By.CSS_SELECTOR, ".version-facts").text)
    assert "Offizielle Reihung, Version 1" in version and "(durch Verwaltungsvorstand)" in version, version
    rows = _check_ranking(browser)
    assert not browser.find_elements(By.ID, "override-heading"), "a reader is offered to override a rank"
    ranking_url = page.url

    # Narrowed to a field of action (the select beside the search): fewer rows, each with its rank in the whole
    # ranking, and a count line saying how many of how many.
    ranks = {r["code"]: r["computed"] for r in rows}
    chosen = select_option(browser, "ranking-field", lambda text: text != "Alle Handlungsfelder", "other than all")
    submit_form(browser, browser.find_element(By.ID, "ranking-field"))
    assert check_page(browser).status == 200 and "field=" in browser.current_url, browser.current_url
    narrowed = ranking_rows(browser)
    assert 0 < len(narrowed) < len(rows), (chosen, len(narrowed))
    assert all(ranks[r["code"]] == r["computed"] for r in narrowed), [(r["code"], r["computed"]) for r in narrowed]
    count = norm(browser.find_element(By.CSS_SELECTOR, "p.result-count").text)
    assert f"{len(narrowed)} von 23 Projekten im Handlungsfeld" in count, count
    browser.get(ranking_url)
    check_page(browser)
    rows = ranking_rows(browser)

    # The ranking as CSV, with both positions of the override.
    export = find_link(browser, re.escape(round_path) + "/ranking/export").get_attribute("href")
    r = browser_session(browser, base).get(export, timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv"), r.headers
    assert 'filename="reihung-musterstadt-v1.csv"' in r.headers.get("Content-Disposition", "")
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:7] == ["Berechneter Rang", "Beschlossener Rang", "Kennung", "Titel", "Stufe", "Begründung der Stufe", "Punkte"]
    assert table[0][7:16] == CRITERIA, table[0]
    p15 = next(line for line in table[1:] if line[2] == DEMO_OVERRIDE[0])
    assert p15[:2] == ["7", "3"] and p15[6].startswith("68,3"), p15
    assert len(table) == 24

    # Disputed scores lead to everybody's scores with their justifications.
    disputed = rows[[r["code"] for r in rows].index("P-0014")]["element"].find_element(By.CSS_SELECTOR, "a.disputed")
    assert norm(disputed.text) == "Strittig bei: Risiko"
    follow_link(browser, re.escape(urlsplit(disputed.get_attribute("href")).path))
    assert check_page(browser).status == 200
    assert heading(browser) == "P-0014 Anwohnerparkausweis online beantragen"
    risk = browser.find_element(By.XPATH, "//table[caption[normalize-space()='Risiko – strittig']]")
    scores = {cells[0]: cells[1] for cells in ([norm(c.text) for c in tr.find_elements(By.XPATH, "./th|./td")]
                                               for tr in risk.find_elements(By.CSS_SELECTOR, "tbody tr"))}
    assert scores == {"Frank Oltmanns": "1", "Julia Sommerfeld": "1", "Petra Jankowski": "4"}, scores

    # The scenario "Pandemie": what it changes and who moves up or down, by how much and why.
    browser.get(ranking_url)
    check_page(browser)
    follow_link(browser, re.escape(round_path) + "/scenarios")
    assert check_page(browser).status == 200 and heading(browser) == f"Szenarien: {DEMO_CLOSED}"
    listed = table_rows(browser, "main table.data")
    assert len(listed) == 1 and listed[0][0].startswith("Pandemie"), listed
    assert listed[0][1:] == ["2 Gewichte geändert, 2 Projekte dringlich", "Julia Sommerfeld", "–"], listed[0]
    assert not browser.find_elements(By.XPATH, "//a[normalize-space()='Neues Szenario']"), "a reader may create scenarios"
    follow_link(browser, SCENARIO_PATH)
    assert check_page(browser).status == 200 and heading(browser) == "Szenario Pandemie"
    changes = [norm(li.text) for li in browser.find_elements(By.CSS_SELECTOR, "ul.scenario-changes li")]
    assert changes == ["Gewicht Bürgernutzen: 20 → 30 Punkte", "Gewicht Dringlichkeit: 10 → 20 Punkte",
                       "Als dringlich markiert: P-0011, P-0013"], changes
    caption = norm(browser.find_element(By.CSS_SELECTOR, "table.comparison caption").text)
    assert caption.endswith("Offizielle Reihung (Version 1)"), caption
    moves = {}
    for cells in table_rows(browser, "table.comparison"):
        code, before, after, movement, reasons = cells[0].split()[0], int(cells[1]), int(cells[2]), cells[3], cells[4]
        delta = before - after
        expected = ("= unverändert" if delta == 0 else
                    f"↑ {delta} {'Platz' if delta == 1 else 'Plätze'} nach oben" if delta > 0 else
                    f"↓ {-delta} {'Platz' if delta == -1 else 'Plätze'} nach unten")
        assert movement == expected, f"{code}: {before} → {after} reads {movement!r}"
        assert reasons != "–" or delta == 0, f"{code} moves without a reason"
        moves[code] = (before, after, reasons)
    assert sorted(b for b, _, _ in moves.values()) == list(range(1, 24)) == sorted(a for _, a, _ in moves.values())
    assert moves["P-0011"][:2] == (10, 3) and moves["P-0011"][2].startswith("als dringlich markiert"), moves["P-0011"]
    assert moves["P-0022"][:2] == (9, 13), moves["P-0022"]
    assert not browser.find_elements(By.ID, "adopt-heading"), "a reader is offered to adopt the scenario"

    # Sensitivity: stable weight ranges and the seeded Monte-Carlo run, the same after a reload.
    follow_link(browser, re.escape(round_path) + "/sensitivity")
    assert check_page(browser).status == 200 and heading(browser) == f"Sensitivität: {DEMO_CLOSED}"
    assert "Grundlage: offizielle Reihung, Version 1." in page_text(browser)
    ranges = table_rows(browser, "table.sensitivity")
    assert [r[0] for r in ranges] == CRITERIA, ranges
    for name, points, current, lower, upper, _ in ranges:
        assert german_number(current) == german_number(points), (name, points, current)
        assert german_number(lower) <= german_number(current) <= german_number(upper), (name, lower, current, upper)
    for svg in browser.find_elements(By.CSS_SELECTOR, "table.sensitivity svg"):
        title, desc = svg_text(browser, svg)
        assert title.startswith("Gewicht ") and "die ersten 8 bleiben gleich" in desc, (title, desc)

    def monte_carlo():
        seed = browser.find_element(By.CSS_SELECTOR, ".reproducible .seed").text
        outcomes = table_rows(browser, "table.montecarlo")
        assert len(outcomes) == 23, outcomes
        for cells in outcomes:
            low, high = (int(x) for x in cells[2].split("–"))
            best, worst = (int(x) for x in cells[3].split("–"))
            assert best <= low <= int(cells[4]) <= high <= worst, cells
        share = sum(german_number(cells[1]) for cells in outcomes)
        assert abs(share - 800) <= 0.05 * 23 + 0.01, f"8 of 23 are in the top 8 in every sample: the shares sum to {share} %"
        return seed, outcomes

    seed, outcomes = monte_carlo()
    assert re.fullmatch(r"\d+", seed) and outcomes[0][0].startswith("P-0001") and outcomes[0][1] == "100,0 %", outcomes[0]
    browser.refresh()
    check_page(browser)
    assert monte_carlo() == (seed, outcomes), "the same seed should give the same figures after a reload"
    set_value(browser, browser.find_element(By.ID, "samples"), "viele")
    submit_form(browser, browser.find_element(By.ID, "samples"))
    assert check_page(browser).status == 422, "a number of samples that is no number should be refused"
    assert browser.find_element(By.ID, "samples").get_attribute("aria-invalid") == "true"
    assert "samples-error" in browser.find_element(By.ID, "samples").get_attribute("aria-describedby")
    set_value(browser, browser.find_element(By.ID, "samples"), "500")
    submit_form(browser, browser.find_element(By.ID, "samples"))
    assert check_page(browser).status == 200
    assert "Stichproben 500" in norm(browser.find_element(By.CSS_SELECTOR, ".reproducible").text)
    monte_carlo()

    # The decision log: all four demo decisions; filtered to the override; exported.
    follow_link(browser, rf"/m/{SLUG}/decisions")
    assert check_page(browser).status == 200 and heading(browser) == "Entscheidungen"
    label = norm(browser.find_element(By.CSS_SELECTOR, "label[for=kind]").text)
    assert label == "Art der Entscheidung", f"the decision log's kind filter is labelled {label!r}"
    kinds = {row["kind"] for row in decision_rows(browser)}
    assert {"Reihung beschlossen", "Rang festgelegt", "Start beschlossen", "Zurückgestellt"} <= kinds, kinds
    select_option(browser, "kind", lambda t: t == "Rang festgelegt", "'Rang festgelegt'")
    select_option(browser, "round", lambda t: t == DEMO_CLOSED, DEMO_CLOSED)
    submit_form(browser, browser.find_element(By.ID, "kind"))
    page = check_page(browser)
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("kind") == ["overrideRank"] and query.get("round"), page.url
    rows = decision_rows(browser)
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["summary"] == f"P-0015 Gewerbe online an-, um- und abmelden: Rang 3 statt 7 ({DEMO_CLOSED})", row
    assert (row["computed"], row["decided"], row["decidedBy"], row["round"]) == ("7", "3", "Verwaltungsvorstand", DEMO_CLOSED), row
    assert row["rationale"].startswith("Fördermittel des Landes laufen Ende 2026 aus"), row
    assert norm(browser.find_element(By.CSS_SELECTOR, "main .result-count").text) == "1 Entscheidungen"
    export = find_link(browser, rf"/m/{SLUG}/decisions/export").get_attribute("href")
    assert parse_qs(urlsplit(export).query).get("kind") == ["overrideRank"], f"the export should keep the filter: {export}"
    r = browser_session(browser, base).get(export, timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv"), r.headers
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:10] == ["Datum", "Art", "Entscheidung", "Entschieden von", "Begründung", "Runde", "Projekt",
                             "Berechneter Rang", "Beschlossener Rang", "Erfasst von"], table[0]
    assert len(table) == 2, table
    assert table[1][1:4] == ["Rang festgelegt", row["summary"], "Verwaltungsvorstand"] and table[1][7:9] == ["7", "3"], table[1]

    # The decision shows on the project's profile too.
    follow_link(browser, PROJECT_PATH)
    assert check_page(browser).status == 200 and heading(browser).startswith("P-0015")
    section = norm(browser.find_element(By.XPATH, "//section[h2[@id='decisions-heading']]").text)
    assert "Rang festgelegt" in section and "Rang 3 statt 7" in section, section



def test_english_ranking(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, READER, server.password)
    browser.get(prioritization_url(base))
    check_page(browser)
    round_path = urlsplit(round_rows(browser)[DEMO_CLOSED]["url"]).path
    browser.get(f"{base}{round_path}/ranking?lang=en")
    page = check_page(browser)
    assert page.status == 200 and html_lang(browser) == "en"
    assert heading(browser) == f"Ranking: {DEMO_CLOSED}"
    text = page_text(browser)
    for words in ("Official ranking, version 1", "Computed rank", "Decided rank", "Why above the next?", "Export as CSV"):
        assert words in text, f"English ranking lacks {words!r}"
    assert "Berechneter Rang" not in text and "Offizielle Reihung" not in text, "German texts on the English page"
    rows = {r["code"]: r for r in ranking_rows(browser)}
    assert rows["P-0013"]["points"] == "77.9" and rows["P-0013"]["tier"] == "Regular", rows["P-0013"]
    title, desc = svg_text(browser, rows["P-0013"]["svg"])
    assert title == "P-0013: 77.9 of 100 points" and desc.startswith("Points per criterion: "), (title, desc)
