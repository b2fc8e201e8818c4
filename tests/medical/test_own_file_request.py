"""The employee asks the vault for her own medical file (AVG art. 15): the physician is its
controller, so it is released on the vault's own page, only after a verified second factor, and
every release is in the audit trail. Nobody else reaches it."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from openverzuim.accounts.models import AuditEntry

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

PAGE, JSON = reverse("medical:own_file"), reverse("medical:own_file_json")


def letter_url(filled_vault) -> str:
    return reverse("medical:own_letter", args=[filled_vault["correspondence"].pk])


def test_without_an_authenticator_she_is_sent_to_set_one_up_first(client, eva_user, filled_vault):
    client.force_login(eva_user)
    for url in (PAGE, JSON, letter_url(filled_vault)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:two_factor_setup")), url
        assert f"next={url.replace('/', '%2F')}" in response["Location"]
        assert b"Hernia" not in response.content
    assert not AuditEntry.objects.filter(user_id=eva_user.pk).exists()


def test_with_an_authenticator_not_used_in_this_session_she_verifies_first(
    client, eva_user, filled_vault
):
    TOTPDevice.objects.create(user=eva_user, name="phone", confirmed=True)
    client.force_login(eva_user)
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))


def test_verified_she_reads_and_downloads_her_file_and_each_release_is_audited(
    client, verified_login, eva_user, eva_sick, filled_vault, plain_note
):
    verified_login(client, eva_user)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert plain_note in page.text and "Hernia nuclei pulposi L5-S1" in page.text
    assert letter_url(filled_vault) in page.text
    data = json.loads(client.get(JSON).content)
    assert data["diagnoses"][0]["text"] == "Hernia nuclei pulposi L5-S1"
    assert "%PDF-1.4 MRI" not in json.dumps(data)  # the letter itself is its own download
    letter = client.get(letter_url(filled_vault))
    assert letter.content == b"%PDF-1.4 MRI L5-S1" and "no-store" in letter["Cache-Control"]
    reads = AuditEntry.objects.filter(user_id=eva_user.pk, case_id=eva_sick.pk, action="read")
    assert {e.route for e in reads} == {
        "medical:own_file",
        "medical:own_file_json",
        "medical:own_letter",
    }


def test_someone_elses_letter_is_a_404_before_the_second_factor_is_asked(
    client, eva_user, filled_vault, installer, carla, today
):
    from openverzuim.cases import services as case_services
    from openverzuim.cases.models import Employee
    from openverzuim.medical.models import Correspondence

    otto = Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Bakker", employee_number="7"
    )
    case = case_services.sick_report_create(
        employee=otto, first_sick_day=today, by=carla, today=today
    ).case
    other = Correspondence.objects.create(
        case_id=case.pk,
        employee_id=otto.pk,
        organisation_id=installer.pk,
        author_id=0,
        author_name="Dr. Smit",
        dated=today,
        correspondent="Dr. Smit",
        file_name="x.pdf",
        file_content=b"%PDF-1.4 other",
        file_size=14,
    )
    client.force_login(eva_user)
    assert client.get(reverse("medical:own_letter", args=[other.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["anna", "bram", "carla", "finn", "dirk"])
def test_nobody_else_reaches_it_not_even_verified(
    request, client, verified_login, filled_vault, persona
):
    verified_login(client, request.getfixturevalue(persona))
    for url in (PAGE, JSON, letter_url(filled_vault)):
        response = client.get(url)
        assert response.status_code == 404, (persona, url)
        assert b"Hernia" not in response.content


def test_an_employee_without_a_linked_record_sees_an_empty_file(
    client, verified_login, eva_user, filled_vault
):
    eva = eva_user.employee_records.get()
    eva.user = None
    eva.save(update_fields=["user"])
    verified_login(client, eva_user)
    page = client.get(PAGE)
    assert page.status_code == 200 and "Hernia" not in page.text
    assert client.get(letter_url(filled_vault)).status_code == 404
