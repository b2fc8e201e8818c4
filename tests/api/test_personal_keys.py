"""An employee's personal API key: made and revoked by herself on her own page (after a fresh
login) or by the server's operator (`create_api_key --user`), never by an administrator; it acts as
her own login, so the policy table gives it her own case and nothing else."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry, Membership
from openverzuim.accounts.reauth import SESSION_KEY
from openverzuim.accounts.roles import Role
from openverzuim.api.models import ApiKey
from openverzuim.api.services import (
    PERSONAL_KEYS_MAX,
    api_key_create,
    api_key_revoke,
    personal_key_create,
)
from openverzuim.cases import services as case_services
from openverzuim.cases.models import Employee

from .conftest import Api


@pytest.fixture
def eva_key(eva_user, eva_sick) -> tuple[ApiKey, Api]:
    api_key, key = personal_key_create(user=eva_user, name="My spreadsheet", by=eva_user)
    return api_key, Api(key)


@pytest.mark.django_db
def test_eva_makes_a_key_on_her_own_page_after_a_fresh_login_and_revokes_it(
    client, eva_user, eva_sick
):
    client.force_login(eva_user)
    url = reverse("ownkeys:list")
    session = client.session
    del session[SESSION_KEY]  # logged in long ago: the page asks who she is first
    session.save()
    response = client.get(url)
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    client.force_login(eva_user)  # logging in again stamps the session
    response = client.post(url, {"name": "My spreadsheet"})
    assert response.status_code == 200
    api_key = ApiKey.objects.get()
    assert (api_key.principal, api_key.personal, api_key.role) == (eva_user, True, Role.EMPLOYEE)
    assert api_key.organisation_id == eva_sick.organisation_id
    shown = response.content.decode()
    full = f"ov_{api_key.prefix}_" + shown.split(f"ov_{api_key.prefix}_", 1)[1].split("<", 1)[0]
    assert api_key.key_hash == hashlib.sha256(full.encode()).hexdigest()
    assert full not in client.get(url).content.decode()  # shown once
    assert AuditEntry.objects.filter(
        subject__startswith="API key My spreadsheet",
        fields="created, personal",
        user_id=eva_user.pk,
    ).exists()

    api = Api(full)
    assert [c["id"] for c in api.get("/api/v1/cases/").json()["results"]] == [eva_sick.pk]

    client.post(url, {"revoke": api_key.pk})
    api_key.refresh_from_db()
    eva_user.refresh_from_db()
    assert api_key.revoked_at is not None
    assert eva_user.is_active  # her login stays: only the key stops
    assert api.get("/api/v1/cases/").status_code == 401


@pytest.mark.django_db
def test_the_page_is_hers_alone(client, anna, bram, eva_user, eva_sick):
    api_key, _ = personal_key_create(user=eva_user, name="Mine", by=eva_user)
    for other in (anna, bram):
        client.force_login(other)
        assert client.get(reverse("ownkeys:list")).status_code == 404
        assert client.post(reverse("ownkeys:list"), {"revoke": api_key.pk}).status_code == 404
    client.force_login(anna)  # nor does the administrator's own keys page show or revoke it
    page = client.get(reverse("apikeys:list")).content.decode()
    assert "Mine" not in page
    assert client.post(reverse("apikeys:list"), {"revoke": api_key.pk}).status_code == 404
    api_key.refresh_from_db()
    assert api_key.active


@pytest.mark.django_db
def test_no_administrator_makes_or_revokes_a_key_acting_as_an_employee(anna, eva_user, eva_sick):
    with pytest.raises(ValidationError) as refused:
        personal_key_create(user=eva_user, name="For Eva", by=anna)
    assert "user" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        api_key_create(organisation=eva_sick.organisation, name="x", role="employee", by=anna)
    assert "role" in refused.value.message_dict
    api_key, _ = personal_key_create(user=eva_user, name="Mine", by=eva_user)
    with pytest.raises(ValidationError):
        api_key_revoke(api_key=api_key, by=anna)
    assert not ApiKey.objects.filter(name__in=["For Eva", "x"]).exists()


@pytest.mark.django_db
def test_a_login_with_another_role_beside_the_employees_gets_no_personal_key(
    client, eva_user, eva_key, bakery
):
    """A personal key acts as the whole login: an employee who is also a case manager would lend
    the key every case she manages. So she gets none, and a key she had stops working."""
    _, api = eva_key
    assert api.get("/api/v1/cases/").status_code == 200
    Membership.objects.create(user=eva_user, organisation=bakery, role=Role.CASE_MANAGER)
    assert api.get("/api/v1/cases/").status_code == 401
    with pytest.raises(ValidationError):
        personal_key_create(user=eva_user, name="Another", by=eva_user)
    client.force_login(eva_user)
    page = client.get(reverse("ownkeys:list"))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(reverse("ownkeys:list"), {"name": "x"}).status_code == 200
    assert ApiKey.objects.count() == 1


@pytest.mark.django_db
def test_at_most_a_few_active_keys_each(eva_user, eva_sick):
    for n in range(PERSONAL_KEYS_MAX):
        personal_key_create(user=eva_user, name=f"k{n}", by=eva_user)
    with pytest.raises(ValidationError) as refused:
        personal_key_create(user=eva_user, name="one too many", by=eva_user)
    assert "name" in refused.value.message_dict
    for bad in ("", "  ", "a\x00b"):
        with pytest.raises(ValidationError):
            personal_key_create(user=eva_user, name=bad, by=eva_user)


@pytest.mark.django_db
def test_the_command_makes_a_personal_key_for_an_employees_login(eva_user, eva_sick, anna):
    out = StringIO()
    call_command("create_api_key", user="eva", name="Spreadsheet", stdout=out)
    key = out.getvalue().splitlines()[1]
    api_key = ApiKey.objects.get()
    assert api_key.personal and api_key.principal == eva_user
    assert api_key.key_hash == hashlib.sha256(key.encode()).hexdigest()
    with pytest.raises(CommandError, match="--user"):
        call_command("create_api_key", user="anna", name="x")  # an administrator's login
    with pytest.raises(CommandError, match="--user"):
        call_command("create_api_key", user="nobody", name="x")
    with pytest.raises(CommandError, match="--user"):
        call_command("create_api_key", user="eva", name="x", role="employer_admin")
    with pytest.raises(CommandError, match="--organisation and --role"):
        call_command("create_api_key", name="x")


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_key_reads_her_own_case_as_she_does_and_writes_nothing(
    eva_key, eva_sick, installer, carla, anna, today
):
    api_key, api = eva_key
    colleague = Employee.objects.create(
        organisation=eva_sick.organisation, first_name="Kees", last_name="Smit", employee_number="2"
    )
    case_services.employment_create(
        employee=colleague,
        start=date(2020, 1, 1),
        contract_hours=Decimal("40"),
        wage=Decimal("3000"),
    )
    other = case_services.sick_report_create(
        employee=colleague, first_sick_day=date(2026, 10, 1), by=anna, today=today
    ).case
    own = f"/api/v1/cases/{eva_sick.pk}/"
    assert api.get(own).json()["employee"] == eva_sick.employee_id
    for tail in ("", "timeline/", "events/", "documents/", "leave/", "advice/"):
        assert api.get(own + tail).status_code == 200, tail
        assert api.get(f"/api/v1/cases/{other.pk}/{tail}").status_code == 404, tail
    assert api.get(own + "uploads/").status_code == 404  # the employer side's files
    assert api.get("/api/v1/employees/").json()["results"] == []
    assert api.get("/api/v1/users/").json()["results"] == []
    # No write: the policy gives her login no "change" (her own reports are made on her pages).
    assert api.post(own + "events/", {"kind": "note", "date": "2026-11-20"}).status_code == 403
    assert api.post(own + "recovery/", {"recovered_on": "2026-11-20"}).status_code == 403
    refused = api.post(
        "/api/v1/cases/", {"employee": eva_sick.employee_id, "first_sick_day": "2026-11-20"}
    )
    assert refused.status_code == 403
    assert (
        api.post(
            "/api/v1/employees/", {"employee_number": "9", "first_name": "A", "last_name": "B"}
        ).status_code
        == 403
    )
    assert eva_sick.periods.get().end is None
    read = AuditEntry.objects.filter(
        subject__startswith=f"API GET {own}", user_id=api_key.principal_id
    )
    assert read.exists()  # her own reads, under her own name
