"""The API's permission matrix (docs/api.md): every endpoint x every role a key may take (and the
employee's personal key) x the own and the other organisation's objects answers as the policy table
says, with a 404 for whatever lies outside the key's reach, and no response ever carries the medical
marker planted in every field of the vault (tests/privacy/test_planted_marker.py's world).

A key acts through its principal (api/models.py), so the expectation is the policy's own answer for
that principal: `can`, `visible_employees`, `organisations_for`, and for the records only an
employer's page shows, that page's declared roles (core.routes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from openverzuim.accounts.models import Assignment, Department, Membership, Organisation
from openverzuim.accounts.policies import grantable_roles, grants, organisations_for, roles_of
from openverzuim.api.models import ApiKey
from openverzuim.api.routes import RESOURCES
from openverzuim.api.services import KEY_ROLES, api_key_create, personal_key_create
from openverzuim.cases.policies import can, visible_cases, visible_employees
from openverzuim.core.routes import route_table
from openverzuim.documents.policies import parties_of, reachable_cases
from openverzuim.documents.spec import EMPLOYER
from tests.privacy.test_permission_matrix import all_routes, objects  # noqa: F401
from tests.privacy.test_planted_marker import MARKER, _texts, planted  # noqa: F401


@dataclass(frozen=True)
class Endpoint:
    route: str  # the route's name in api/routes.py
    path: Callable  # (world, variant) -> the path
    expect: Callable  # (principal, world, variant) -> 200, 403 or 404
    method: str = "get"  # a write is sent without a body (or, for a DELETE, refused in reach)


def _org(world, variant) -> Organisation:
    return (world.own_case if variant == "own" else world.other_case).organisation


def _case(world, variant):
    return world.own_case if variant == "own" else world.other_case


def _employee(world, variant):
    return world.own_employee if variant == "own" else world.other_employee


def _department(world, variant) -> Department:
    return Department.objects.get_or_create(organisation=_org(world, variant), name="Kantoor")[0]


def _orgs(user):
    return organisations_for(user, roles_of(user))


def _sees_case(user, world, variant) -> int:
    return 200 if can(user, "view", _case(world, variant)) else 404


def _sees_employee(user, world, variant) -> int:
    return (
        200
        if visible_employees(user, "view").filter(pk=_employee(world, variant).pk).exists()
        else 404
    )


def _details(user, world, variant) -> int:
    case = _case(world, variant)
    return 200 if can(user, "view_details", case) else 403 if can(user, "view", case) else 404


def _on_page(page: str) -> Callable:
    """Records only the employer's page `page` shows: as `_details`, and refused (403) to a login
    that holds none of the page's roles but sees the case (the employee's own key)."""

    def expect(user, world, variant) -> int:
        status = _details(user, world, variant)
        if status == 200 and not roles_of(user) & route_table()[page].roles:
            return 403
        return status

    return expect


def _reaches(user, world, variant) -> int:
    """The documents app's own door (documents/policies.py)."""
    return 200 if reachable_cases(user).filter(pk=_case(world, variant).pk).exists() else 404


def _employer_party(user, world, variant) -> int:
    """The files from outside: the documents app's door, and the employer side's party."""
    case = _case(world, variant)
    if not reachable_cases(user).filter(pk=case.pk).exists():
        return 404
    return 200 if EMPLOYER in parties_of(user, case) else 404


def _person(world, variant):
    """The employer administrator of each organisation."""
    return world.personas["anna" if variant == "own" else "carla"]


def _grantable(user, world, variant) -> int:
    """accounts.policies: a role the key may grant, held in the key's organisation."""
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        roles = grantable_roles(user, membership.organisation)
        target = _person(world, variant)
        if target.memberships.filter(organisation=membership.organisation, role__in=roles):
            return 200
    return 404


def _listed(user, world, variant) -> int:
    return 200


def _written(read: Callable) -> Callable:
    """A write without a body: 400 where `read` reaches (the body is judged), else as `read`."""

    def expect(user, world, variant) -> int:
        return 400 if read(user, world, variant) == 200 else read(user, world, variant)

    return expect


def _changes_case(user, world, variant) -> int:
    """A write to a case without a body: the policy's "change" decides before the body does."""
    case = _case(world, variant)
    if can(user, "change", case):
        return 400
    return 403 if can(user, "view", case) else 404


def _files_upload(user, world, variant) -> int:
    """A file sent without its multipart body: the employer party's door and the policy's
    "change" decide first; then the body's type is refused (415), not judged."""
    door = _employer_party(user, world, variant)
    if door != 200:
        return door
    return 415 if can(user, "change", _case(world, variant)) else 403


def _grants_any(user, world, variant) -> int:
    """An invitation without a body: 400 for a key that grants roles (GRANTABLE), else 403."""
    granting = any(
        grantable_roles(user, m.organisation)
        for m in Membership.objects.filter(user=user).select_related("organisation")
    )
    return 400 if granting else 403


def _takes_away_admin(user, world, variant) -> int:
    """DELETE of the administrator's role: 404 out of reach; in reach, the organisation's last
    administrator keeps it (400), whatever administrator's role the key's own login holds."""
    if _grantable(user, world, variant) == 404:
        return 404
    person = _person(world, variant)
    others = (
        Membership.objects.filter(
            organisation__in=person.memberships.values("organisation"),
            role="employer_admin",
        )
        .exclude(user__api_keys__personal=False)
        .exclude(user=person)
        .exists()
    )
    return 204 if others else 400


def _invites_employee(user, world, variant) -> int:
    """The portal invitation: the employee page's action ("link_login") on a visible record."""
    if _sees_employee(user, world, variant) == 404:
        return 404
    employee = _employee(world, variant)
    if not organisations_for(user, grants("link_login").keys()).filter(pk=employee.organisation_id):
        return 403
    return 201 if employee.work_email else 400


C = "/api/v1/cases/{}/"
ENDPOINTS = [
    Endpoint("organisation-list", lambda w, v: "/api/v1/organisations/", _listed),
    Endpoint(
        "organisation-detail",
        lambda w, v: f"/api/v1/organisations/{_org(w, v).pk}/",
        lambda u, w, v: 200 if _orgs(u).filter(pk=_org(w, v).pk).exists() else 404,
    ),
    Endpoint("department-list", lambda w, v: "/api/v1/departments/", _listed),
    Endpoint(
        "department-detail",
        lambda w, v: f"/api/v1/departments/{_department(w, v).pk}/",
        lambda u, w, v: 200 if _orgs(u).filter(pk=_org(w, v).pk).exists() else 404,
    ),
    Endpoint("user-list", lambda w, v: "/api/v1/users/", _listed),
    Endpoint("user-detail", lambda w, v: f"/api/v1/users/{_person(w, v).pk}/", _grantable),
    Endpoint("user-list", lambda w, v: "/api/v1/users/", _grants_any, "post"),
    Endpoint("user-roles", lambda w, v: f"/api/v1/users/{_person(w, v).pk}/roles/", _grantable),
    Endpoint(
        "user-roles",
        lambda w, v: f"/api/v1/users/{_person(w, v).pk}/roles/",
        _written(_grantable),
        "post",
    ),
    Endpoint(
        "user-role",
        lambda w, v: f"/api/v1/users/{_person(w, v).pk}/roles/employer_admin/",
        _takes_away_admin,
        "delete",
    ),
    Endpoint("employee-list", lambda w, v: "/api/v1/employees/", _listed),
    Endpoint(
        "employee-detail", lambda w, v: f"/api/v1/employees/{_employee(w, v).pk}/", _sees_employee
    ),
    Endpoint(
        "employee-employments",
        lambda w, v: f"/api/v1/employees/{_employee(w, v).pk}/employments/",
        _sees_employee,
    ),
    Endpoint(
        "employee-invitation",
        lambda w, v: f"/api/v1/employees/{_employee(w, v).pk}/invitation/",
        _invites_employee,
        "post",
    ),
    Endpoint("case-list", lambda w, v: "/api/v1/cases/", _listed),
    Endpoint("case-detail", lambda w, v: C.format(_case(w, v).pk), _sees_case),
    Endpoint("case-events", lambda w, v: C.format(_case(w, v).pk) + "events/", _details),
    Endpoint(
        "case-tasks", lambda w, v: C.format(_case(w, v).pk) + "tasks/", _on_page("cases:detail")
    ),
    Endpoint("case-leave", lambda w, v: C.format(_case(w, v).pk) + "leave/", _details),
    Endpoint("case-notes", lambda w, v: C.format(_case(w, v).pk) + "notes/", _details),
    Endpoint("case-notes", lambda w, v: C.format(_case(w, v).pk) + "notes/", _changes_case, "post"),
    Endpoint("case-resumptions", lambda w, v: C.format(_case(w, v).pk) + "resumptions/", _details),
    Endpoint(
        "case-resumptions",
        lambda w, v: C.format(_case(w, v).pk) + "resumptions/",
        _changes_case,
        "post",
    ),
    Endpoint("case-uploads", lambda w, v: C.format(_case(w, v).pk) + "uploads/", _employer_party),
    Endpoint(
        "case-uploads", lambda w, v: C.format(_case(w, v).pk) + "uploads/", _files_upload, "post"
    ),
    Endpoint(
        "case-upload-file",
        lambda w, v: C.format(_case(w, v).pk) + f"uploads/{w.uploads[v].pk}/file/",
        _employer_party,
    ),
    Endpoint("case-timeline", lambda w, v: C.format(_case(w, v).pk) + "timeline/", _sees_case),
    Endpoint("case-advice", lambda w, v: C.format(_case(w, v).pk) + "advice/", _sees_case),
    Endpoint("case-recovery", lambda w, v: C.format(_case(w, v).pk) + "recovery/", _sees_case),
    Endpoint("case-documents", lambda w, v: C.format(_case(w, v).pk) + "documents/", _reaches),
    Endpoint(
        "case-wage-measures",
        lambda w, v: C.format(_case(w, v).pk) + "wage_measures/",
        _on_page("measures:case"),
    ),
    Endpoint(
        "case-expert-opinions",
        lambda w, v: C.format(_case(w, v).pk) + "expert_opinions/",
        _on_page("measures:case"),
    ),
    Endpoint("document-detail", lambda w, v: f"/api/v1/documents/{w.documents[v].pk}/", _reaches),
    Endpoint(
        "document-pdf",
        lambda w, v: f"/api/v1/documents/{w.documents[v].pk}/versions/1/pdf/",
        _reaches,
    ),
    Endpoint("duty-list", lambda w, v: "/api/v1/duties/", _listed),
    Endpoint(
        "not-found",
        lambda w, v: f"/api/v1/cases/{_case(w, v).pk}0000000000000000000/",
        lambda u, w, v: 404,
    ),
]


def test_every_api_route_is_in_the_matrix():
    routes = {r.name for r in all_routes() if r.name and r.name.startswith("api:")}
    assert routes - {"api:schema", "api:docs"} == {f"api:{name}" for name in RESOURCES}
    assert {e.route for e in ENDPOINTS} == set(RESOURCES)


@pytest.fixture
def keys(planted):  # noqa: F811 - the planted marker's world, imported above
    """A key of the bakery in every role a key may take, one of the other employer, and Eva's own
    personal key (the bakery's case is hers); the case manager's key is assigned to the bakery's
    case, so that its relation has a case to reach."""
    world = planted
    made = {}
    for role in KEY_ROLES:
        api_key, key = api_key_create(
            organisation=world.own_case.organisation, name=f"own {role}", role=role, by=None
        )
        made[f"own {role}"] = (api_key, key)
    made["other employer_admin"] = api_key_create(
        organisation=world.other_case.organisation, name="other", role="employer_admin", by=None
    )
    made["own employee (personal)"] = personal_key_create(
        user=world.personas["eva"], name="Eva's spreadsheet", by=world.personas["eva"]
    )
    case_manager = made["own case_manager"][0]
    Assignment.objects.create(
        user=case_manager.principal, role="case_manager", case_id=world.own_case.pk
    )
    world.api_keys = made
    return world


def _recovery_expected(user, world, variant) -> int:
    """A POST without a body: the policy's "change" on the case decides before the body does."""
    case = _case(world, variant)
    if can(user, "change", case):
        return 400
    return 403 if can(user, "view", case) else 404


@pytest.mark.django_db(databases=["default", "medical"])
def test_every_endpoint_answers_every_key_as_the_policy_says(keys, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 10_000
    world = keys
    mismatches, leaks, checked = [], [], 0
    for name, (api_key, key) in world.api_keys.items():
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)
        principal = api_key.principal
        for endpoint in ENDPOINTS:
            for variant in ("own", "other"):
                path = endpoint.path(world, variant)
                if endpoint.route == "case-recovery":
                    response = client.post(path, {}, content_type="application/json")
                    want = _recovery_expected(principal, world, variant)
                elif endpoint.method != "get":
                    send = getattr(client, endpoint.method)
                    response = send(path, {}, content_type="application/json")
                    want = endpoint.expect(principal, world, variant)
                else:
                    response = client.get(path)
                    want = endpoint.expect(principal, world, variant)
                checked += 1
                if response.status_code != want:
                    mismatches.append(
                        f"{name:32} {variant:5} {path}: {response.status_code}, "
                        f"the policy says {want}"
                    )
                body = (
                    b"".join(response.streaming_content)  # a file (an upload's download)
                    if response.streaming
                    else response.content
                )
                if any(MARKER.encode() in text for text in _texts(body)):
                    leaks.append(f"{name} {variant} {path}: MEDICAL MARKER")
                if endpoint.path(world, "own") == endpoint.path(world, "other"):
                    break  # a list: the same request
    assert checked > 100
    assert {e.method for e in ENDPOINTS} == {"get", "post", "delete"}
    assert not leaks, "\n".join(leaks)
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db(databases=["default", "medical"])
def test_lists_hold_only_what_the_policy_lets_the_key_see(keys, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 10_000
    world = keys
    for name, (api_key, key) in world.api_keys.items():
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        principal = api_key.principal
        cases = {c["id"] for c in client.get("/api/v1/cases/").json()["results"]}
        assert cases == set(visible_cases(principal, "view").values_list("pk", flat=True)), name
        employees = {e["id"] for e in client.get("/api/v1/employees/").json()["results"]}
        assert employees == set(visible_employees(principal, "view").values_list("pk", flat=True))
        duties = {d["case"] for d in client.get("/api/v1/duties/").json()["results"]}
        assert duties <= cases, name
        organisations = {o["id"] for o in client.get("/api/v1/organisations/").json()["results"]}
        assert organisations == {api_key.organisation_id}, name
    own = world.api_keys["own employer_admin"][1]
    body = Client(HTTP_AUTHORIZATION=f"Bearer {own}").get("/api/v1/cases/").json()
    assert [c["id"] for c in body["results"]] == [world.own_case.pk]


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_released_advice_reaches_the_employer_and_the_vault_never(keys):
    own = keys.api_keys["own employer_admin"][1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {own}")
    response = client.get(f"/api/v1/cases/{keys.own_case.pk}/advice/")
    assert response.status_code == 200
    assert response.json()[0]["work_advice"] == "A high stool at the counter"
    assert MARKER not in response.content.decode()


def test_no_key_may_act_as_a_role_with_medical_access():
    assert "occupational_physician" not in KEY_ROLES
    assert "employee" not in KEY_ROLES
    assert not any(name.startswith("medical") for name in RESOURCES)
    assert ApiKey._meta.get_field("role").max_length >= max(len(r) for r in KEY_ROLES)


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_employees_own_key_reads_her_case_and_no_colleagues(keys, anna, today):
    """Said plainly, beside the matrix: Eva's key reads her own case, a colleague's at the same
    employer and the other employer's are not there for it, and no answer holds the vault."""
    from datetime import date
    from decimal import Decimal

    from openverzuim.cases import services
    from openverzuim.cases.models import Employee

    colleague = Employee.objects.create(
        organisation=keys.own_case.organisation, first_name="Kees", employee_number="77"
    )
    services.employment_create(
        employee=colleague, start=date(2020, 1, 1), contract_hours=Decimal(40), wage=Decimal(3000)
    )
    colleagues = services.sick_report_create(
        employee=colleague, first_sick_day=date(2026, 10, 1), by=anna, today=today
    ).case
    client = Client(HTTP_AUTHORIZATION=f"Bearer {keys.api_keys['own employee (personal)'][1]}")
    listed = client.get("/api/v1/cases/").json()["results"]
    assert [c["id"] for c in listed] == [keys.own_case.pk]
    assert client.get(f"/api/v1/cases/{keys.own_case.pk}/").status_code == 200
    for case in (colleagues, keys.other_case):
        for tail in ("", "timeline/", "events/", "advice/", "documents/", "leave/", "tasks/"):
            assert client.get(f"/api/v1/cases/{case.pk}/{tail}").status_code == 404, tail
    assert client.get(f"/api/v1/employees/{colleague.pk}/").status_code == 404
    duties = client.get("/api/v1/duties/").json()["results"]
    assert {d["case"] for d in duties} <= {keys.own_case.pk}
    for tail in ("", "timeline/", "events/", "advice/", "documents/", "leave/"):
        response = client.get(f"/api/v1/cases/{keys.own_case.pk}/{tail}")
        assert response.status_code == 200, tail
        assert MARKER not in response.content.decode(), tail
