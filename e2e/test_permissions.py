"""Journey 3: a reader sees no edit link and may not edit."""

import re
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from support import (
    READER, SLUG, browser_login, csrf_token, find_link, first_goal_url, navigation, requests_login,
)


def test_reader_sees_no_edit_link_and_gets_403(browser, check_page, server):
    browser_login(browser, check_page, server.base_url, READER, server.password)
    goal_url = first_goal_url(browser, check_page, server.base_url)
    goal_path = urlsplit(goal_url).path
    with navigation(browser):
        find_link(browser, re.escape(goal_path)).click()
    page = check_page(browser)
    assert page.status == 200
    edit_links = [a for a in browser.find_elements(By.CSS_SELECTOR, "a[href]")
                  if urlsplit(a.get_attribute("href")).path.endswith("/edit")]
    assert not edit_links, f"a reader sees edit links: {[a.get_attribute('href') for a in edit_links]}"
    assert "Bearbeiten" not in [" ".join(a.text.split()) for a in browser.find_elements(By.TAG_NAME, "a")], \
        "a reader sees a 'Bearbeiten' link"

    browser.get(goal_url + "/edit")
    page = check_page(browser)
    assert page.status == 403, f"reader on {goal_path}/edit: expected HTTP 403, got {page.status}"


def test_reader_cannot_post_an_edit(server):
    s = requests_login(server.base_url, READER, server.password)
    r = s.get(f"{server.base_url}/m/{SLUG}/goals", timeout=30)
    assert r.status_code == 200
    paths = re.findall(rf'href="(/m/{SLUG}/goals/[0-9a-fA-F-]{{36}})"', r.text)
    assert paths, "goal list has no goal links"
    goal = server.base_url + paths[0]
    before = s.get(goal, timeout=30)
    assert before.status_code == 200
    token = csrf_token(before.text)  # from the logout form in the header
    for target in (goal + "/edit", goal):
        r = s.post(target, data={"_csrf": token, "title": "Von Lesenden geändert", "code": "X",
                                 "targetStatement": "x"}, allow_redirects=False, timeout=30)
        assert r.status_code in (403, 404, 405), f"reader POST {urlsplit(target).path}: HTTP {r.status_code}"
    after = s.get(goal, timeout=30)
    assert "Von Lesenden geändert" not in after.text, "a reader changed a goal"
