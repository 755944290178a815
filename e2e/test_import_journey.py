"""Journeys through the spreadsheet import and export of the project list: the strategy team downloads the
template, uploads German Excel files (Windows-1252 and UTF-8 with BOM, `;`, German dates and numbers), reads
the validation report, confirms a clean file and exports the portfolio; a formula cell is refused; a reader
has no import. Every page goes through check_page (axe-core + HTML).

Each journey imports only projects with its own unique word in the title, so it depends on no other test.
"""

import csv
import io
import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from portfolio import list_rows, norm, projects_url, result_count, token
from support import (
    READER, SLUG, STRATEGY, browser_login, browser_session, find_link, follow_link, links, page_text, submit_form,
)

IMPORT_PATH = rf"/m/{SLUG}/projects/import"
STAGED_PATH = rf"/m/{SLUG}/projects/import/[0-9a-fA-F-]{{36}}"
HEADER = ["Titel", "Fachdienst", "Kurzbeschreibung", "Projektart", "Status", "Beginn", "Ende",
          "Einmalkosten 2027", "Laufende Kosten 2027", "Personal (VZÄ) 2027", "Schlagworte"]


def _excel_csv(rows: list[list[str]], encoding: str) -> bytes:
    """A file as German Excel saves it: `;` between cells, CRLF, quotes only where needed."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([HEADER, *rows])
    text = out.getvalue()
    return ("\ufeff" + text).encode("utf-8") if encoding == "utf-8-sig" else text.encode(encoding)


def _rows(tag: str, first_start: str) -> list[list[str]]:
    return [
        [f"Digitale Hundesteuer-Anmeldung {tag}", "20", "Hunde online an- und abmelden, Bescheid per Post.",
         "Neue Online-Leistung", "Idee", "01.03.2027", "31.12.2027", "12.500,00", "1.200", "0,5", f"Steuern; {tag}"],
        [f"Elektronische Akte im Sozialamt {tag}", "50", "Papierakten durch die E-Akte ersetzen.",
         "Ablösung einer Software", "Eingereicht", first_start, "30.06.2028", "48.000", "6.000,50", "1,25", tag],
        [f"Schulungsreihe Datenschutz für Beschäftigte {tag}", "10", "Jährliche Kurzschulung für alle Ämter.",
         "Qualifizierung", "Idee", "", "", "", "2.400", "", tag],
    ]


def _upload(browser, check_page, tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    browser.find_element(By.ID, "file").send_keys(str(path))
    submit_form(browser, browser.find_element(By.ID, "file"))
    return check_page(browser)


def _facts(browser) -> dict[str, str]:
    terms = browser.find_elements(By.CSS_SELECTOR, "dl.facts dt")
    return {norm(dt.text): norm(dt.find_element(By.XPATH, "following-sibling::dd[1]").text) for dt in terms}


def _report(browser) -> list[dict]:
    """The validation report's rows: row, column, value, problem."""
    out = []
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.import-report tbody tr"):
        cells = [norm(td.text) for td in tr.find_elements(By.TAG_NAME, "td")]
        out.append({"row": cells[0], "column": cells[1], "value": cells[2], "problem": cells[3]})
    return out


def test_strategy_team_imports_a_german_excel_file_and_exports_the_portfolio(browser, check_page, server, tmp_path):
    base = server.base_url
    tag = token()
    browser_login(browser, check_page, base, STRATEGY, server.password)
    browser.get(projects_url(base))
    check_page(browser)
    follow_link(browser, IMPORT_PATH)
    page = check_page(browser)
    assert page.status == 200 and browser.find_element(By.TAG_NAME, "h1").text == "Projekte importieren"

    # The template: CSV with the German headers, as Excel opens it (BOM, `;`).
    http = browser_session(browser, base)
    template = find_link(browser, IMPORT_PATH + "/template.csv")
    r = http.get(template.get_attribute("href"), timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv"), (r.status_code, r.headers)
    assert "attachment" in r.headers.get("Content-Disposition", ""), r.headers
    header = r.content.decode("utf-8-sig").splitlines()[0].split(";")
    for column in ("Kennung", "Titel", "Fachdienst", "Kurzbeschreibung", "Status", "Beginn", "Einmalkosten",
                   "Personal (VZÄ)", "Abhängigkeiten"):
        assert column in header, f"the template lacks the column {column!r}: {header}"

    # Nothing chosen: the form says so at the file field.
    submit_form(browser, browser.find_element(By.ID, "file"))
    page = check_page(browser)
    assert page.status == 422, f"uploading nothing: expected HTTP 422, got {page.status}"
    summary = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary and "Bitte eine Datei auswählen" in summary[0].text, page_text(browser)[:400]
    assert browser.find_element(By.ID, "file").get_attribute("aria-invalid") == "true"

    # A Windows-1252 file with an impossible date: the report names row, column and reason; nothing is stored.
    page = _upload(browser, check_page, tmp_path, "projekte-fehler.csv", _excel_csv(_rows(tag, "31.02.2027"), "cp1252"))
    assert page.status == 200 and re.fullmatch(STAGED_PATH, urlsplit(page.url).path), \
        f"after the upload expected the preview, got {page.url} (HTTP {page.status}): {page_text(browser)[:400]}"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Vorschau des Imports"
    facts = _facts(browser)
    assert facts["Zeilen"] == "3" and facts["Fehler"] == "1", facts
    report = _report(browser)
    bad = [p for p in report if p["column"] == "Beginn"]
    assert bad and bad[0]["row"] == "3" and bad[0]["value"] == "31.02.2027", report
    assert "kein gültiges Datum" in bad[0]["problem"], bad[0]
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Import bestätigen']"), \
        "a file with errors can be confirmed"
    assert "Die Datei enthält Fehler" in page_text(browser)
    assert facts["Hinweise"] == "0", f"'Personal (VZÄ) 2027' of the Windows-1252 file not recognised: {report}"
    browser.get(projects_url(base, f"q={tag}"))
    check_page(browser)
    assert result_count(browser) == 0, "a file with errors stored projects"

    # The corrected file: three new projects in the preview, then in the list.
    browser.get(base + f"/m/{SLUG}/projects/import")
    check_page(browser)
    page = _upload(browser, check_page, tmp_path, "projekte.csv", _excel_csv(_rows(tag, "01.02.2027"), "cp1252"))
    assert page.status == 200 and re.fullmatch(STAGED_PATH, urlsplit(page.url).path), page.url
    facts = _facts(browser)
    assert (facts["Zeilen"], facts["neu"], facts["geändert"], facts["Fehler"]) == ("3", "3", "0", "0"), facts
    assert "projekte.csv" in page_text(browser)
    submit_form(browser, browser.find_element(By.XPATH, "//button[normalize-space()='Import bestätigen']"))
    page = check_page(browser)
    assert page.status == 200 and urlsplit(page.url).path == f"/m/{SLUG}/projects/import", page.url
    notice = norm(browser.find_element(By.CSS_SELECTOR, ".notice").text)
    assert notice.startswith("Import abgeschlossen") and "3 neu" in notice, notice

    browser.get(projects_url(base, f"q={tag}"))
    check_page(browser)
    rows = {row["title"]: row for row in list_rows(browser)}
    assert len(rows) == 3, f"the list should show the three imported projects: {list(rows)}"
    social = rows[f"Elektronische Akte im Sozialamt {tag}"]
    assert social["status"] == "Eingereicht" and social["department"].startswith("50"), social
    follow_link(browser, re.escape(urlsplit(social["url"]).path))
    assert check_page(browser).status == 200
    costs = norm(browser.find_element(By.XPATH, "//table[caption[normalize-space()='Kosten je Haushaltsjahr']]").text)
    assert "2027 48.000 € 6.001 €" in costs, f"German numbers misread: {costs!r}"  # shown in whole euros
    assert "01.02.2027" in page_text(browser), "the start date is missing on the profile"

    # A formula cell (UTF-8 with BOM this time) is refused with its own message.
    browser.get(base + f"/m/{SLUG}/projects/import")
    check_page(browser)
    formula = _rows(token(), "01.02.2027")[:1]
    formula[0][2] = '=HYPERLINK("http://x";"y")'
    page = _upload(browser, check_page, tmp_path, "formel.csv", _excel_csv(formula, "utf-8-sig"))
    assert page.status in (200, 422), f"formula file: HTTP {page.status}"
    text = page_text(browser)
    assert "Tabellenformel" in text and "nicht importiert" in text, f"no formula message: {text[:600]}"
    assert "=HYPERLINK" in text, "the report should show the refused cell"
    assert not browser.find_elements(By.XPATH, "//button[normalize-space()='Import bestätigen']")

    # Export as CSV and JSON, with the browser's login.
    browser.get(projects_url(base))
    check_page(browser)
    exports = {text: href for href, text in links(browser, rf"/m/{SLUG}/projects/export")}
    assert set(exports) == {"Export (CSV)", "Export (JSON)"}, exports
    r = http.get(exports["Export (CSV)"], timeout=60)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv"), (r.status_code, r.headers)
    assert "attachment" in r.headers.get("Content-Disposition", "")
    exported = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert exported[0][:3] == ["Kennung", "Titel", "Fachdienst"], exported[0]
    titles = {line[1] for line in exported[1:]}
    assert f"Digitale Hundesteuer-Anmeldung {tag}" in titles and len(exported) - 1 >= 48, len(exported)
    r = http.get(exports["Export (JSON)"], timeout=60)
    assert r.status_code == 200 and "json" in r.headers["Content-Type"], (r.status_code, r.headers)
    data = r.json()
    items = data if isinstance(data, list) else next(v for v in data.values() if isinstance(v, list))
    social = next((item for item in items if item.get("title") == f"Elektronische Akte im Sozialamt {tag}"), None)
    assert social, "the JSON export lacks the imported projects"
    assert social["costs"] == [{"year": 2027, "oneOffCents": 4_800_000, "runningCents": 600_050}], social["costs"]
    assert social["effort"] == [{"department": "50", "year": 2027, "fteHundredths": 125}], social["effort"]
    assert (social["department"], social["status"], social["startOn"]) == ("50", "submitted", "2027-02-01"), social


def test_reader_has_no_import(browser, check_page, server):
    base = server.base_url
    browser_login(browser, check_page, base, READER, server.password)
    browser.get(projects_url(base))
    assert check_page(browser).status == 200
    assert not links(browser, rf"{IMPORT_PATH}(/.*)?"), "a reader sees an import link"
    assert links(browser, rf"/m/{SLUG}/projects/export"), "every member may export"
    browser.get(base + f"/m/{SLUG}/projects/import")
    page = check_page(browser)
    assert page.status == 403, f"a reader opened the import page: HTTP {page.status}"
