"""Helpers of the maturity and inventory journeys (issue 17): days as the server sees them, headings, clicking
radio buttons by their label as a person does, and the demo's Quick-Check rounds."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from portfolio import norm
from support import SLUG, UUID

SURVEY_PATH = rf"/m/{SLUG}/maturity/surveys/{UUID}"
ASSESSMENT_PATH = rf"/m/{SLUG}/maturity/assessments/{UUID}"
PROJECT_PATH = rf"/m/{SLUG}/projects/{UUID}"
SYSTEM_PATH = rf"/m/{SLUG}/inventory/systems/{UUID}"
SERVICE_PATH = rf"/m/{SLUG}/inventory/services/{UUID}"

# The demo's all-staff round of this year (DemoMaturityContent.thisYear) and its unit under k = 5.
DEMO_ROUND_2026 = "Quick-Check Digitalisierung 2026 – alle Beschäftigten"
DEMO_SMALL_UNIT = "Vermessung und Geoinformation"


def today() -> datetime.date:
    """The server's day is Berlin's (MunicipalCalendar); CI runs in UTC, a day behind late in the evening."""
    return datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()


def german(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def heading(browser) -> str:
    return norm(browser.find_element(By.CSS_SELECTOR, "main h1").text)


def click_label(browser, input_id: str) -> None:
    """Choose a radio button or checkbox by clicking its label, scrolled into view first (a phone screen shows
    a few statements at a time)."""
    label = browser.find_element(By.CSS_SELECTOR, f"label[for='{input_id}']")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", label)
    label.click()


def checked(browser, input_id: str) -> bool:
    return bool(browser.find_element(By.ID, input_id).is_selected())
