"""API keys: created and revoked by the organisation's administrator (page and command), shown
once, stored as a hash, audited; a key acts as one employer-side role and nothing more."""

from __future__ import annotations

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.api.models import ApiKey
from openverzuim.api.services import api_key_create


@pytest.mark.django_db
def test_the_command_prints_the_key_once_and_keeps_only_its_hash(bakery):
    out = StringIO()
    call_command(
        "create_api_key",
        organisation=str(bakery.pk),
        name="AFAS",
        role="employer_admin",
        stdout=out,
    )
    key = out.getvalue().splitlines()[1]
    api_key = ApiKey.objects.get()
    assert key.startswith(f"ov_{api_key.prefix}_")
    assert api_key.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(list(ApiKey.objects.values()))
    assert api_key.principal.has_usable_password() is False
    entry = AuditEntry.objects.get(subject__startswith="API key")
    assert (entry.action, entry.organisation_id, entry.fields) == (
        "write",
        bakery.pk,
        "created, role",
    )


@pytest.mark.django_db
def test_the_command_names_a_bad_argument(bakery, noorderlicht):
    with pytest.raises(CommandError, match="--organisation"):
        call_command("create_api_key", organisation="99999", name="x", role="employer_admin")
    with pytest.raises(CommandError, match="--role"):  # an arbodienst holds no employer role
        call_command(
            "create_api_key", organisation=str(noorderlicht.pk), name="x", role="employer_admin"
        )
    with pytest.raises(CommandError):
        call_command(
            "create_api_key", organisation=str(bakery.pk), name="x", role="occupational_physician"
        )


@pytest.mark.django_db
def test_the_administrator_creates_a_key_seen_once_and_revokes_it(client, anna, bakery):
    client.force_login(anna)
    url = reverse("apikeys:list")
    response = client.post(
        url, {"organisation": bakery.pk, "name": "Nmbrs", "role": "case_manager"}
    )
    api_key = ApiKey.objects.get(name="Nmbrs")
    shown = response.content.decode()
    key = shown.split(f"ov_{api_key.prefix}_", 1)[1].split("<", 1)[0]
    full = f"ov_{api_key.prefix}_{key}"
    assert api_key.key_hash == hashlib.sha256(full.encode()).hexdigest()
    assert full not in client.get(url).content.decode()  # shown once
    api = {"HTTP_AUTHORIZATION": f"Bearer {full}"}
    assert client.get("/api/v1/cases/", **api).status_code == 200

    client.post(url, {"revoke": api_key.pk})
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None
    assert client.get("/api/v1/cases/", **api).status_code == 401
    assert AuditEntry.objects.filter(
        subject__startswith="API key Nmbrs", fields="revoked", user_id=anna.pk
    ).exists()


@pytest.mark.django_db
def test_no_one_else_reaches_the_keys_page_or_another_organisations_key(
    client, bram, carla, bakery
):
    api_key, _ = api_key_create(organisation=bakery, name="AFAS", role="employer_admin", by=None)
    client.force_login(bram)  # a case manager
    assert client.get(reverse("apikeys:list")).status_code == 404
    client.force_login(carla)  # another employer's administrator
    assert "AFAS" not in client.get(reverse("apikeys:list")).content.decode()
    assert client.post(reverse("apikeys:list"), {"revoke": api_key.pk}).status_code == 404
    assert client.post(reverse("apikeys:list"), {"revoke": "9" * 40}).status_code == 404
    response = client.post(
        reverse("apikeys:list"), {"organisation": bakery.pk, "name": "x", "role": "employer_admin"}
    )
    assert response.status_code == 200 and not ApiKey.objects.filter(name="x").exists()
    api_key.refresh_from_db()
    assert api_key.active


@pytest.mark.django_db
def test_a_case_managers_key_may_not_create_employees(make_key, bakery):
    api = make_key(bakery, role="case_manager")
    response = api.post(
        "/api/v1/employees/", {"employee_number": "1", "first_name": "A", "last_name": "B"}
    )
    assert response.status_code == 403
    assert response.json()["status"] == 403


@pytest.mark.django_db
def test_a_key_never_writes_in_another_organisation(installer_api, eva, eva_sick, today):
    """The installer's key names the bakery's objects: none exists for it."""
    url = f"/api/v1/employees/{eva.pk}/"
    assert installer_api.patch(url, {"first_name": "X"}, **{"If-Match": "*"}).status_code == 404
    assert installer_api.post(f"{url}employments/", {}).status_code == 404
    assert (
        installer_api.post(
            f"/api/v1/cases/{eva_sick.pk}/recovery/", {"recovered_on": "2026-11-20"}
        ).status_code
        == 404
    )
    assert (
        installer_api.post(
            f"/api/v1/cases/{eva_sick.pk}/events/", {"kind": "note", "date": "2026-11-20"}
        ).status_code
        == 404
    )
    reported = installer_api.post(
        "/api/v1/cases/", {"employee": eva.pk, "first_sick_day": "2026-11-20"}
    )
    assert reported.status_code == 400
    assert reported.json()["errors"][0]["field"] == "employee"
    eva.refresh_from_db()
    assert eva.first_name == "Eva" and eva_sick.periods.get().end is None


@pytest.mark.django_db(databases=["default", "medical"])
def test_stored_idempotent_answers_go_after_a_day(bakery_api, today):
    from datetime import timedelta

    from openverzuim.accounts.retention import sweep_all
    from openverzuim.api.models import IdempotentRequest

    bakery_api.post(
        "/api/v1/employees/",
        {"employee_number": "1", "first_name": "A", "last_name": "B"},
        **{"Idempotency-Key": "once"},
    )
    assert IdempotentRequest.objects.count() == 1
    assert sweep_all(today=today, execute=True)["api"] == []
    later = sweep_all(today=today + timedelta(days=30), execute=True)["api"]
    assert [r.kind for r in later] == ["idempotent API answer"]
    assert not IdempotentRequest.objects.exists()
