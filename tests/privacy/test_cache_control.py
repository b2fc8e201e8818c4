"""No browser or proxy keeps a copy of a page or file about a person (issue 13 finding 8): every
route opened by every persona it lets in answers `Cache-Control: no-store, private`, PDFs and ZIPs
included; only a plain public page shown to an anonymous visitor may be cached."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from openverzuim.core.routes import declaration_for
from tests.privacy.test_permission_matrix import _value, all_routes, ask, expected
from tests.privacy.test_permission_matrix import objects as objects


def _private(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


@pytest.mark.django_db(databases=["default", "medical"])
def test_every_page_and_file_about_a_person_is_not_stored(client, objects, verified_login):
    world = objects
    client.raise_request_exception = False
    stored, kinds = [], set()
    for route in all_routes():
        declaration = declaration_for(route.name, list(route.namespaces))
        url = route.url({k: str(_value(k, world, "own")) for k in route.kwargs})
        if route.name and resolve(url).view_name != route.name:
            continue
        for persona, user in world.personas.items():
            if expected(user, declaration, route, world, "own") != "page":
                continue
            client.logout()
            if user is not None:
                (verified_login(client, user) if persona == "dirk" else client.force_login(user))
            response = ask(client, url)
            kinds.add(response.get("Content-Type", "").split(";")[0])
            cacheable = user is None and declaration.scope == "public" and not route.kwargs
            if not cacheable and not _private(response):
                stored.append(
                    f"{persona:9} {route.label} {response.status_code}: "
                    f"{response.get('Cache-Control')!r}"
                )
    assert {
        "text/html",
        "application/pdf",
        "application/zip",
        "application/json",
        "text/calendar",
    } <= kinds
    assert not stored, "\n".join(stored)


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_employees_data_pdf_carries_no_store(client, eva_user, eva_sick):
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_data_pdf"))
    assert response["Content-Type"] == "application/pdf" and _private(response)
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_public_home_page_stays_cacheable_for_an_anonymous_visitor(client):
    assert not _private(client.get(reverse("core:about")))
