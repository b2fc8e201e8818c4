"""No link leads nowhere (issue 19): as every persona, start at the front page, follow every
internal link each page shows and fail on a 404 or a 500.

Two worlds: the privacy tests' (tests/privacy/conftest.py: every role once at the bakery, and a
stranger employer), and the demo a newcomer sees (`load_demo`: three employers, fifteen cases in
every stage, every demo login). A page a link points at must open for the user who sees the link;
file downloads are asked for but not read; logging out and switching the language are not followed.
"""

from __future__ import annotations

from collections import deque
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from openverzuim.accounts.models import User
from openverzuim.accounts.roles import MEDICAL_ROLES

#: Links a crawl does not follow: they end the session or only switch the language.
SKIPPED = ("logout", "set_language")
MAX_PAGES = 300


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        target = urldefrag(urljoin(url, href)).url
        parts = urlsplit(target)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # another site, mailto:, tel:
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client, limit: int = MAX_PAGES) -> tuple[dict[str, list[str]], int]:
    """Every dead link the user is shown, as {target: [pages showing it]}, and the pages opened."""
    skipped = {reverse(name) for name in SKIPPED}
    seen, queue, dead, opened = {"/"}, deque([("/", "start")]), {}, 0
    while queue and opened < limit:
        url, source = queue.popleft()
        response = client.get(url, follow=True)
        opened += 1
        if response.status_code in (404, 500):
            dead.setdefault(url, []).append(source)
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue  # a PDF, a calendar or a download: asked for, not read
        page = response.request["PATH_INFO"]
        for target in links_of(page, response.content.decode()):
            if target in seen or urlsplit(target).path in skipped:
                continue
            seen.add(target)
            queue.append((target, page))
    return dead, opened


PERSONAS = ("anna", "bram", "lena", "rik", "eva", "dirk", "finn", "carla")


@pytest.mark.django_db(databases=["default", "medical"])
def test_no_persona_is_shown_a_link_that_leads_nowhere(client, world, verified_login):
    client.raise_request_exception = False  # a 500 is a dead link to report, not a crash
    report, pages = [], {}
    for persona in PERSONAS:
        client.logout()
        user = world.personas[persona]
        verified_login(client, user) if persona == "dirk" else client.force_login(user)
        dead, pages[persona] = crawl(client)
        report += [
            f"{persona:6} {target}  (shown on {', '.join(sorted(set(sources))[:3])})"
            for target, sources in sorted(dead.items())
        ]
    assert all(opened > 3 for opened in pages.values()), pages
    assert not report, f"{len(report)} dead links:\n" + "\n".join(report)


#: Pages a crawl of one demo login opens at most: every page type many times over (a demo employer
#: has thirty employees and a handful of cases; each case page links a dozen more).
DEMO_PAGES = 150


@pytest.mark.django_db(databases=["default", "medical"])
def test_no_demo_login_is_shown_a_link_that_leads_nowhere(client, verified_login, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 11, 22))
    call_command("load_demo", "--allow-in-production")
    client.raise_request_exception = False
    report, pages = [], {}
    users = User.objects.filter(is_superuser=False).prefetch_related("memberships")
    assert users.count() >= 9
    for user in users.order_by("username"):
        client.logout()
        if {m.role for m in user.memberships.all()} & set(MEDICAL_ROLES):
            verified_login(client, user)
        else:
            client.force_login(user)
        dead, pages[user.username] = crawl(client, DEMO_PAGES)
        report += [
            f"{user.username:6} {target}  (shown on {', '.join(sorted(set(sources))[:3])})"
            for target, sources in sorted(dead.items())
        ]
    assert all(opened > 3 for opened in pages.values()), pages
    assert not report, f"{len(report)} dead links:\n" + "\n".join(report)
