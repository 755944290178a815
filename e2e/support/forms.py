"""Reading pages' HTML without a browser: form fields, the CSRF token, the document language."""

from __future__ import annotations

import html
import html.parser
import re


class _InputFinder(html.parser.HTMLParser):
    def __init__(self, name: str):
        super().__init__()
        self.name, self.values = name, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") == self.name:
            self.values.append(a.get("value") or "")


def input_values(page_html: str, name: str) -> list[str]:
    p = _InputFinder(name)
    p.feed(page_html)
    return p.values


def csrf_token(page_html: str) -> str:
    values = input_values(page_html, "_csrf")
    assert values and values[0], "no hidden _csrf input in the form"
    return values[0]


def has_logout_form(page_html: str) -> bool:
    return re.search(r"<form[^>]*action=[\"'](?:[^\"']*)/logout[\"']", page_html) is not None


def unescape(text: str) -> str:
    return html.unescape(text)


class _FormParser(html.parser.HTMLParser):
    """Collects the fields of every <form>: [(attrs, [(name, value)])]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[dict, list[tuple[str, str]], set[str]]] = []
        self._form = None
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = (a, [], set())
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        if "id" in a:
            self._form[2].add(a["id"])
        if tag == "input" and a.get("name") and a.get("type", "text") not in ("submit", "button", "image", "reset"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self._form[1].append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None, None]  # name, first value, selected value
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "", "selected" in a]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            value = self._textarea[1][1:] if self._textarea[1].startswith("\n") else self._textarea[1]
            self._form[1].append((self._textarea[0], value))
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value = self._option[0] if self._option[0] is not None else self._option[1].strip()
            if self._select[1] is None:
                self._select[1] = value
            if self._option[2]:
                self._select[2] = value
            self._option = None
        elif tag == "select" and self._select is not None:
            value = self._select[2] if self._select[2] is not None else self._select[1]
            if value is not None:
                self._form[1].append((self._select[0], value))
            self._select = None


def parse_form(page_html: str, containing_id: str) -> tuple[dict, dict[str, str]]:
    """(form attributes, field values) of the form that contains the element with this id."""
    p = _FormParser()
    p.feed(page_html)
    for attrs, fields, ids in p.forms:
        if containing_id in ids:
            return attrs, dict(fields)
    raise AssertionError(f"no form containing #{containing_id}")


def html_lang_of(page_html: str) -> str:
    m = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z-]+)", page_html, re.IGNORECASE)
    return m.group(1) if m else ""
