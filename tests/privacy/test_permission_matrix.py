"""Every URL pattern of the project x every persona x own/other organisation's objects answers as the
route declarations (core/access.py, the apps' access.py) and the policy table (accounts.policies)
say: the page, a 404, or the login. A route without a declaration fails here.

Another app's routes with new URL kwargs need one line each in OBJECTS: how to make the kwarg's
value for the own and the other organisation, and which case (if any) the object belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern

from openverzuim.accounts.policies import roles_of
from openverzuim.cases.policies import can, visible_employees
from openverzuim.core.access import Access, declaration_for


@dataclass(frozen=True)
class Route:
    name: str | None
    namespaces: tuple[str, ...]
    parts: tuple  # the patterns from the root down to this one

    @property
    def label(self) -> str:
        return self.name or "".join(str(p) for p in self.parts)

    @property
    def kwargs(self) -> list[str]:
        names = []
        for part in self.parts:
            names += re.findall(r"<(?:\w+:)?(\w+)>", str(part)) if isinstance(part, RoutePattern) \
                else list(part.regex.groupindex)
        return names

    def url(self, values: dict[str, str]) -> str:
        path = ""
        for part in self.parts:
            if isinstance(part, RoutePattern):
                path += re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m[1]], str(part))
            else:
                text = part.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
                path += re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m[1]], text)
        return "/" + path


def all_routes(resolver: URLResolver | None = None, parts: tuple = (),
               namespaces: tuple[str, ...] = ()) -> Iterator[Route]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from all_routes(entry, parts + (entry.pattern,), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and ":".join(namespaces + (entry.name,))
            yield Route(name, namespaces, parts + (entry.pattern,))


def undeclared(routes) -> list[str]:
    return [r.label for r in routes if declaration_for(r.name, list(r.namespaces)) is None]


@dataclass(frozen=True)
class Kwarg:
    own: Callable  # world -> the value for the bakery (own organisation)
    other: Callable  # world -> the value for the other employer
    case: Callable | None = None  # (world, variant) -> the Case the object belongs to


def _case_of(world, variant):
    return world.own_case if variant == "own" else world.other_case


#: URL kwarg -> how to fill it. One line per kwarg; the object routes of other apps add theirs.
OBJECTS: dict[str, Kwarg] = {
    "case_id": Kwarg(lambda w: w.own_case.pk, lambda w: w.other_case.pk, _case_of),
    "event_id": Kwarg(lambda w: w.own_event.pk, lambda w: w.other_event.pk, _case_of),
    "employee_id": Kwarg(lambda w: w.own_employee.pk, lambda w: w.other_employee.pk),
    "uidb64": Kwarg(lambda w: "MQ", lambda w: "Mg"),
    "token": Kwarg(lambda w: "no-such-token", lambda w: "another-token"),
    # Django's admin (one group, the system administrator's)
    "object_id": Kwarg(lambda w: "1", lambda w: "999"),
    "pk": Kwarg(lambda w: "1", lambda w: "999"),
    "id": Kwarg(lambda w: "1", lambda w: "999"),
    "content_type_id": Kwarg(lambda w: "1", lambda w: "2"),
    "app_label": Kwarg(lambda w: "auth", lambda w: "otp_totp"),
    "url": Kwarg(lambda w: "no-such-page/", lambda w: "other/page/"),
}


def expected(user, declaration: Access, route: Route, world, variant: str) -> str:
    """What the table declares: "page", "404" or "login"."""
    if declaration.scope == "public":
        return "page"
    if user is None:
        return "login"
    if declaration.scope == "authenticated":
        return "page"
    if declaration.scope == "system":
        return "page" if user.is_staff else "404"
    if not roles_of(user) & declaration.roles:
        return "404"
    kwargs = route.kwargs
    if any(OBJECTS[k].case for k in kwargs) and not can(user, declaration.action,
                                                        _case_of(world, variant)):
        return "404"
    if "employee_id" in kwargs:
        employee = world.own_employee if variant == "own" else world.other_employee
        action = "change" if declaration.action == "change" else "view"
        if not visible_employees(user, action).filter(pk=employee.pk).exists():
            return "404"
    return "page"


def outcome(response) -> str:
    if response.status_code == 404:
        return "404"
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return "login"
    if response.status_code in (403, 500):
        return str(response.status_code)
    return "page"


def test_every_route_of_the_project_has_an_access_declaration(db):
    routes = list(all_routes())
    assert len(routes) > 30
    assert not undeclared(routes), f"declare in the app's access.py: {undeclared(routes)}"


def test_the_check_fails_for_a_route_without_a_declaration(settings):
    settings.ROOT_URLCONF = "tests.privacy.undeclared_urls"
    assert undeclared(all_routes(get_resolver("tests.privacy.undeclared_urls"))) == ["not_declared"]


@pytest.mark.django_db
def test_an_undeclared_route_is_refused_even_to_the_employer(client, settings, anna):
    settings.ROOT_URLCONF = "tests.privacy.undeclared_urls"
    client.force_login(anna)
    assert client.get("/not-declared/").status_code == 404


def test_every_route_answers_every_persona_as_declared(client, world, verified_login):
    client.raise_request_exception = False  # a 500 is a mismatch to report, not a crash
    mismatches, checked, shadowed = [], 0, set()
    for route in all_routes():
        declaration = declaration_for(route.name, list(route.namespaces))
        unknown = [k for k in route.kwargs if k not in OBJECTS]
        assert not unknown, f"{route.label}: add {unknown} to OBJECTS"
        for variant in ("own", "other"):
            url = route.url({k: str(getattr(OBJECTS[k], variant)(world)) for k in route.kwargs})
            if route.name and resolve(url).view_name != route.name:
                shadowed.add(route.label)  # an earlier pattern answers this URL (front_page)
                break
            for persona, user in world.personas.items():
                client.logout()
                if user is not None:
                    (verified_login(client, user) if persona == "dirk" else client.force_login(user))
                want = expected(user, declaration, route, world, variant)
                got = outcome(client.get(url))
                checked += 1
                if declaration.scope == "system" and want == "page" and got in ("403", "404"):
                    got = want  # past our door; the admin itself refuses a missing object or a
                    # read-only model (non-staff and anonymous are still checked exactly)
                if got != want:
                    mismatches.append(f"{persona:9} {variant:5} {route.label}: {got}, declared {want}")
            if not route.kwargs:
                break  # no objects: the other variant is the same request
    assert checked > 300
    assert shadowed == {"core:home", "cases:worklist"}  # both served through front_page at "/"
    assert not mismatches, "\n".join(mismatches)
