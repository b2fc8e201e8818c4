"""No input gives a 500 (issue 13 finding 6): every form of the project, fed NUL bytes, NaN,
Infinity, huge numbers, extreme dates and very long text in each field, answers a page.

The forms are found, not listed: every URL pattern is opened (GET) as the first persona the route
declarations let in (tests/privacy/test_permission_matrix.py), every `<form>` on the page is read,
and each of its fields is sent with each bad value (the others keep the values the page showed), to
the form's own action; and every page is asked with bad values in the query parameters pages read
(QUERY_NAMES). Django's admin is left out: it is Django's, and only the system administrator
reaches it.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import resolve, reverse

from openverzuim.core.routes import declaration_for
from openverzuim.documents.types import TYPES
from tests.privacy.test_permission_matrix import _value, all_routes, expected
from tests.privacy.test_permission_matrix import objects as objects

BAD_VALUES = (
    "a\x00b",
    "NaN",
    "Infinity",
    "1e308",
    "-1e308",
    "9" * 30,
    "9999-12-31",
    "0001-01-01",
    "x" * 10_000,
)

#: The first persona the declarations let in opens the page (the employer before the others).
PERSONAS = ("anonymous", "anna", "eva", "dirk", "bram", "lena", "rik", "finn", "carla")


class _Forms(HTMLParser):
    """The forms of a page: (method, action, fields), each field's name and the value shown."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                ((attrs.get("method") or "get").lower(), attrs.get("action") or "", {})
            )
            return
        if not self.forms or not attrs.get("name"):
            return
        fields, name = self.forms[-1][2], attrs["name"]
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                fields.setdefault(name, "")
            elif kind not in ("submit", "button", "file", "image"):
                fields[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select = name
            fields.setdefault(name, "")
        elif (
            tag == "option"
            and self._select
            and (not self.forms[-1][2][self._select] or "selected" in attrs)
        ):
            self.forms[-1][2][self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1][2][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _forms_of(page_url: str, html: str):
    parser = _Forms()
    parser.feed(html)
    for method, action, fields in parser.forms:
        url = urlsplit(urljoin(page_url, action or page_url))
        yield method, url.path, url.query, fields


def _login(client, persona, user, verified_login):
    client.logout()
    if user is None:
        return
    (verified_login(client, user) if persona == "dirk" else client.force_login(user))


#: The query parameters pages read outside a form (a prefilled field, a page number, a return address).
QUERY_NAMES = (
    "employee",
    "kind",
    "step",
    "page",
    "next",
    "q",
    "status",
    "department",
    "organisation",
    "person",
    "case",
    "date_from",
    "date_to",
)

#: The author of each document type, to open its "new document" form (one route, many types).
AUTHORS = {"employer": "anna", "employee": "eva", "physician": "dirk"}


def _pages(world):
    """(persona, url): every route as the first persona it lets in, and the form of every
    document type as its author."""
    for route in all_routes():
        if route.namespaces[:1] == ("admin",):
            continue
        declaration = declaration_for(route.name, list(route.namespaces))
        url = route.url({k: str(_value(k, world, "own")) for k in route.kwargs})
        if route.name and resolve(url).view_name != route.name:
            continue
        persona = next(
            (
                p
                for p in PERSONAS
                if expected(world.personas[p], declaration, route, world, "own") == "page"
            ),
            None,
        )
        if persona is not None:
            yield persona, url
    for spec in TYPES.values():
        yield AUTHORS[spec.author], reverse("documents:new", args=[world.own_case.pk, spec.code])


@pytest.mark.django_db(databases=["default", "medical"])
def test_no_form_field_gives_a_500_for_any_input(client, objects, verified_login):
    world = objects
    client.raise_request_exception = False  # a 500 is a finding to report, not a crash
    crashes, seen, sent = [], set(), 0
    for persona, url in _pages(world):
        user = world.personas[persona]
        _login(client, persona, user, verified_login)
        page = client.get(url)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for bad in BAD_VALUES:
            response = client.get(url, dict.fromkeys(QUERY_NAMES, bad))
            sent += 1
            if response.status_code == 500:
                crashes.append(f"{persona:6} GET {url}?…={bad[:12]!r}")
        for method, action, query, fields in _forms_of(url, page.content.decode()):
            key = (method, action, tuple(sorted(fields)))
            if key in seen or not fields or action.startswith("/accounts/logout"):
                continue
            seen.add(key)
            _login(
                client, persona, user, verified_login
            )  # a form before may have ended the session
            target = f"{action}?{query}" if query else action
            for name in fields:
                if name == "csrfmiddlewaretoken":
                    continue
                for bad in BAD_VALUES:
                    data = {**fields, name: bad}
                    response = (
                        client.post(target, data) if method == "post" else client.get(action, data)
                    )
                    sent += 1
                    if response.status_code == 500:
                        crashes.append(f"{persona:6} {method.upper()} {action} {name}={bad[:12]!r}")
    assert sent > 1000
    assert not crashes, f"{len(crashes)} answers 500:\n" + "\n".join(crashes)
