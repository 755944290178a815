"""Journey 6: two server processes on one database share sessions, data and API tokens."""

import secrets

import requests

from support import (
    MUNICIPALITY_NAME, SLUG, STRATEGY, assert_goal_list, has_logout_form, requests_login, run_cli,
)


def test_two_processes_share_sessions_and_tokens(server, start_server, check_page):
    # A second process on the same database, without --demo, migrating again on start.
    second = start_server("fahrplan serve (second process)")
    for path in ("/healthz", "/readyz"):
        r = requests.get(second.base_url + path, timeout=10)
        assert r.status_code == 200, f"second process {path}: HTTP {r.status_code}"

    # Log in through the first process …
    s = requests_login(server.base_url, STRATEGY, server.password)
    first_page = s.get(f"{server.base_url}/m/{SLUG}", timeout=30)
    assert first_page.status_code == 200 and has_logout_form(first_page.text), "not logged in on the first process"

    # … and use the same session cookie with the second.
    r = s.get(f"{second.base_url}/m/{SLUG}", timeout=30)
    assert r.status_code == 200, f"second process /m/{SLUG}: HTTP {r.status_code}"
    assert MUNICIPALITY_NAME in r.text
    assert has_logout_form(r.text), "the session from the first process is not known to the second"
    check_page.validate_html("overview from the second process", r.url, r.text)
    anonymous = requests.get(f"{second.base_url}/m/{SLUG}", timeout=30)
    assert not has_logout_form(anonymous.text), "anonymous request looks logged in"

    # A third one that does not migrate at all sees the same session.
    third = start_server("fahrplan serve --no-migrate (third process)", ["--no-migrate"])
    r = s.get(f"{third.base_url}/m/{SLUG}", timeout=30)
    assert r.status_code == 200 and has_logout_form(r.text), \
        f"third process (--no-migrate): HTTP {r.status_code}, logged in: {has_logout_form(r.text)}"

    # A token made on the command line works against both processes.
    name = f"e2e-cli-{secrets.token_hex(3)}"
    cli = run_cli(["token", "create", "--email", STRATEGY, "--tenant", SLUG, "--name", name], server.env)
    assert cli.returncode == 0, f"fahrplan token create: exit {cli.returncode}\nstdout: {cli.stdout}\nstderr: {cli.stderr}"
    lines = [line for line in cli.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"fahrplan token create should print the token alone on stdout, printed: {cli.stdout!r}"
    token = lines[0].strip()
    assert " " not in token and len(token) >= 20, f"implausible token: {token!r}"
    first_goals = assert_goal_list(requests.get(server.base_url + "/api/v1/goals",
                                                headers={"Authorization": f"Bearer {token}"}, timeout=30),
                                   "first process, CLI token")
    second_goals = assert_goal_list(requests.get(second.base_url + "/api/v1/goals",
                                                 headers={"Authorization": f"Bearer {token}"}, timeout=30),
                                    "second process, CLI token")
    assert first_goals == second_goals, "the two processes answer /api/v1/goals differently"
