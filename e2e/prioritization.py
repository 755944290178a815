"""Helpers of the prioritization journeys: the demo's rounds, the tables of the result pages read as rows,
German numbers, and rounds set up over plain HTTP (the forms the browser would post) for journeys that need
a round of their own."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import requests
from selenium.webdriver.common.by import By

from portfolio import norm
from support import SLUG, UUID, csrf_token, requests_login

ROUND_PATH = rf"/m/{SLUG}/prioritization/rounds/{UUID}"
SCENARIO_PATH = ROUND_PATH + rf"/scenarios/{UUID}"

#: the demo's rounds: the closed one with its official ranking, and the one the raters are still at
DEMO_CLOSED = "Priorisierung 2026"
DEMO_OPEN = "Priorisierung 2027"
#: the override recorded on the 2026 ranking: P-0015 computed 7th, decided 3rd
DEMO_OVERRIDE = ("P-0015", 7, 3)


def prioritization_url(base_url: str, suffix: str = "") -> str:
    return f"{base_url}/m/{SLUG}/prioritization{suffix}"


def decisions_url(base_url: str, query: str = "") -> str:
    return f"{base_url}/m/{SLUG}/decisions" + (f"?{query}" if query else "")


def german_number(text: str) -> float:
    """'77,9' / '−2,5' / '12,5 %' → float."""
    cleaned = text.replace("%", "").replace("\u00a0", "").replace("−", "-").replace(".", "").replace(",", ".").strip()
    return float(cleaned)


def heading(browser) -> str:
    return norm(browser.find_element(By.TAG_NAME, "h1").text)


def notice(browser) -> str:
    found = browser.find_elements(By.CSS_SELECTOR, "main .notice[role=status]")
    return norm(found[0].text) if found else ""


def error_summary(browser) -> str:
    found = browser.find_elements(By.CSS_SELECTOR, ".error-summary")
    return norm(found[0].text) if found else ""


def round_rows(browser) -> dict[str, dict]:
    """The overview's table of rounds by title: link, status, projects, raters, progress, own task."""
    rows = {}
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.prio-rounds tbody tr"):
        link = tr.find_element(By.CSS_SELECTOR, "th a[href]")
        cells = [norm(td.text) for td in tr.find_elements(By.TAG_NAME, "td")]
        own = tr.find_elements(By.CSS_SELECTOR, "th .hint")
        rate = tr.find_elements(By.CSS_SELECTOR, "th a.button")
        rows[norm(link.text)] = {"url": link.get_attribute("href"), "status": cells[0], "projects": int(cells[1]),
                                 "raters": int(cells[2]), "progress": cells[3], "own": norm(own[0].text) if own else None,
                                 "rate": rate[0] if rate else None}
    return rows


def ranking_rows(browser) -> list[dict]:
    """The ranking table in the order shown: computed and decided rank, code, title, tier, points, the stacked
    bar (svg element) and the explanation; plus the row's classes (top-n, overridden)."""
    overrides = bool(browser.find_elements(By.XPATH, "//table[contains(@class,'ranking')]/thead//th[normalize-space()='Beschlossener Rang' or normalize-space()='Decided rank']"))
    rows = []
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr"):
        cells = tr.find_elements(By.TAG_NAME, "td")
        offset = 1 if overrides else 0
        decided = norm(cells[1].text) if overrides else "–"
        head = tr.find_element(By.TAG_NAME, "th")
        rows.append({
            "computed": int(norm(cells[0].text)), "decided": None if decided == "–" else int(decided),
            "code": norm(head.find_element(By.CSS_SELECTOR, ".code").text),
            "title": norm(head.find_element(By.CSS_SELECTOR, "a").text),
            "head": norm(head.text),
            "tier": norm(cells[offset + 1].text), "points": norm(cells[offset + 2].text),
            "svg": cells[offset + 3].find_element(By.TAG_NAME, "svg"),
            "explanation": norm(cells[offset + 4].text),
            "classes": (tr.get_attribute("class") or "").split(), "element": tr,
        })
    return rows


def table_rows(browser, css: str) -> list[list[str]]:
    """Texts of the header cell and the data cells of every body row of the first table matching css."""
    table = browser.find_element(By.CSS_SELECTOR, css)
    return [[norm(c.text) for c in tr.find_elements(By.XPATH, "./th|./td")] for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def svg_text(browser, svg) -> tuple[str, str]:
    """(title, description) an image-role SVG is labelled by, checked to be what aria-labelledby names."""
    assert svg.get_attribute("role") == "img", "a chart should be an image (role=img)"
    ids = (svg.get_attribute("aria-labelledby") or "").split()
    assert len(ids) == 2, f"the chart should be labelled by its title and description, not {ids}"
    texts = []
    for element_id in ids:
        found = svg.find_elements(By.CSS_SELECTOR, f"[id='{element_id}']")
        assert found, f"aria-labelledby names #{element_id}, which is not inside the chart"
        texts.append(norm(found[0].get_attribute("textContent")))
    tags = [found.tag_name for found in (svg.find_element(By.CSS_SELECTOR, f"[id='{i}']") for i in ids)]
    assert tags == ["title", "desc"], f"the chart's text alternative should be <title> and <desc>, is {tags}"
    return texts[0], texts[1]


def decision_rows(browser) -> list[dict]:
    rows = []
    for tr in browser.find_elements(By.CSS_SELECTOR, "table.decisions tbody tr"):
        date = norm(tr.find_element(By.TAG_NAME, "th").text)
        cells = [norm(td.text) for td in tr.find_elements(By.TAG_NAME, "td")]
        rows.append({"date": date, "kind": cells[0], "summary": cells[1], "decidedBy": cells[2], "rationale": cells[3],
                     "round": cells[4], "project": cells[5], "computed": cells[6], "decided": cells[7], "recordedBy": cells[8]})
    return rows


# --------------------------------------------------------------------------------------------
# Rounds set up over HTTP (setup for journeys that close or rate a round of their own)
# --------------------------------------------------------------------------------------------

class TeamSession:
    """A requests session logged in through the login form, posting the pages' own forms (with CSRF)."""

    def __init__(self, base_url: str, email: str, password: str):
        self.base = base_url
        self.session: requests.Session = requests_login(base_url, email, password)

    def get(self, path: str) -> requests.Response:
        r = self.session.get(self.base + path, timeout=60)
        assert r.status_code == 200, f"GET {path}: HTTP {r.status_code}: {r.text[:300]}"
        return r

    def post(self, path: str, data: list[tuple[str, str]], form_page: str, expect: int = 303) -> requests.Response:
        token = csrf_token(self.get(form_page).text)
        r = self.session.post(self.base + path, data=[("_csrf", token), *data], allow_redirects=False, timeout=60)
        assert r.status_code == expect, f"POST {path}: expected HTTP {expect}, got {r.status_code}: {r.text[:500]}"
        return r


def create_round_http(team: TeamSession, title: str, *, criteria: list[str], project_codes: list[str],
                      raters: list[str], top_n: int = 3) -> tuple[str, dict[str, str]]:
    """Create a round with the new-round form: criteria by name, projects by code, raters by display name.
    Returns the round's path and the projects' ids by code."""
    page = team.get(f"/m/{SLUG}/prioritization/rounds/new").text
    criterion_ids = dict((label.split(" (", 1)[0], value) for value, label in re.findall(
        r'name="criterionIDs\[\]" value="([0-9A-Fa-f-]{36})"[^>]*><label[^>]*>([^<]+)</label>', page))
    project_ids = dict((code, value) for value, code in re.findall(
        r'name="projectIDs\[\]" value="([0-9A-Fa-f-]{36})"[^>]*></td><td class="code">([^<]+)</td>', page))
    rater_ids = dict((label, value) for value, label in re.findall(
        r'name="raterIDs\[\]" value="([0-9A-Fa-f-]{36})"[^>]*><label[^>]*>([^<]+)</label>', page))
    for wanted, known, what in ((criteria, criterion_ids, "criteria"), (project_codes, project_ids, "projects"),
                                (raters, rater_ids, "raters")):
        missing = [w for w in wanted if w not in known]
        assert not missing, f"the new-round form offers no {what} {missing}; it has {sorted(known)}"
    data = [("title", title), ("description", ""), ("aggregation", "mean"), ("topN", str(top_n)),
            ("legalDeadlineFirst", "true"), ("inheritUrgency", "true")]
    data += [("criterionIDs[]", criterion_ids[c]) for c in criteria]
    data += [("projectIDs[]", project_ids[c]) for c in project_codes]
    data += [("raterIDs[]", rater_ids[r]) for r in raters]
    r = team.post(f"/m/{SLUG}/prioritization/rounds", data, f"/m/{SLUG}/prioritization/rounds/new")
    path = urlsplit(r.headers["Location"]).path
    assert re.fullmatch(ROUND_PATH, path), f"creating round {title!r} redirected to {r.headers['Location']}"
    return path, {code: project_ids[code] for code in project_codes}


def open_round_http(team: TeamSession, round_path: str) -> None:
    r = team.post(round_path + "/open", [], round_path)
    assert "opened=1" in r.headers["Location"], f"opening {round_path} redirected to {r.headers['Location']}"


def rate_http(rater: TeamSession, round_path: str, scores: list[tuple[str, str, int, str]]) -> None:
    """Save scores as a rater would on the rating form: (project id, criterion key, score, justification)."""
    data = [("page", "1"), ("filter", "all"), ("intent", "save")]
    for project_id, key, score, why in scores:
        data += [("projectID[]", project_id), ("criterionKey[]", key), ("score[]", str(score)), ("justification[]", why)]
    r = rater.post(round_path + "/rate", data, round_path + "/rate")
    assert "saved=1" in r.headers["Location"], f"saving scores redirected to {r.headers['Location']}"
