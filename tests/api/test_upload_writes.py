"""POST /cases/{id}/uploads/: a file from outside filed through the upload page's service, as
multipart/form-data: its type judged by its content, the medical guard on its description, the
Idempotency-Key, the audit entry with the key's name, and no door for those who may not change
the case."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openverzuim.accounts.models import AuditEntry
from openverzuim.accounts.roles import Role
from openverzuim.documents.models import UploadedFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _send(api, case, content=PDF, name="uwv-besluit.pdf", **fields):
    data = {"kind": "uwv_letter", "file": SimpleUploadedFile(name, content), **fields}
    headers = {k: v for k, v in fields.items() if k == "Idempotency-Key"}
    data.pop("Idempotency-Key", None)
    return api.client.post(f"/api/v1/cases/{case.pk}/uploads/", data, headers=headers)


def test_a_file_is_filed_listed_and_read_back_with_the_keys_name_in_the_trail(bakery_api, eva_sick):
    response = _send(bakery_api, eva_sick, description="Besluit loonsanctie", report_item="f")
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["kind"], made["original_name"], made["report_item"]) == (
        "uwv_letter",
        "uwv-besluit.pdf",
        "f",
    )
    upload = UploadedFile.objects.get(pk=made["id"])
    assert upload.case_id == eva_sick.pk and upload.content_type == "application/pdf"
    assert b"".join(bakery_api.get(made["file_url"]).streaming_content) == PDF
    entry = AuditEntry.objects.get(subject=f"uploaded file {upload.pk}")
    assert entry.case_id == eva_sick.pk and "Payroll" in entry.user_name


@pytest.mark.parametrize(
    ("fields", "content", "field"),
    [
        ({}, b"just text, no PDF", "file"),
        ({"kind": "no such kind"}, PDF, "kind"),
        ({"report_item": "zz"}, PDF, "report_item"),
        ({"description": "Hernia en burn-out volgens de huisarts"}, PDF, "description"),
        ({"description": "x" * 301}, PDF, "description"),
        ({"description": "nul\x00byte"}, PDF, "description"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(bakery_api, eva_sick, fields, content, field):
    response = _send(bakery_api, eva_sick, content=content, **fields)
    assert response.status_code == 400, response.content
    assert field in [e["field"] for e in response.json()["errors"]]
    assert not UploadedFile.objects.exists()


def test_a_description_that_looks_medical_goes_in_when_the_client_confirms(bakery_api, eva_sick):
    response = _send(
        bakery_api,
        eva_sick,
        description="Rapport over de burn-out-cursus",
        confirm_not_medical=True,
    )
    assert response.status_code == 201, response.content


def test_json_instead_of_a_file_is_refused_with_415(bakery_api, eva_sick):
    response = bakery_api.post(f"/api/v1/cases/{eva_sick.pk}/uploads/", {"kind": "uwv_letter"})
    assert response.status_code == 415
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_retried_upload_with_the_same_idempotency_key_files_one(bakery_api, eva_sick):
    first = _send(bakery_api, eva_sick, **{"Idempotency-Key": "scan-2026-11-22-1"})
    again = _send(bakery_api, eva_sick, **{"Idempotency-Key": "scan-2026-11-22-1"})
    assert first.status_code == 201 and again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert UploadedFile.objects.count() == 1


def test_no_door_for_another_employer_or_a_key_that_may_not_change_the_case(
    installer_api, make_key, bakery, eva_sick
):
    assert _send(installer_api, eva_sick).status_code == 404
    line_manager = make_key(bakery, Role.LINE_MANAGER, name="Team")
    assert _send(line_manager, eva_sick).status_code in (403, 404)
    assert not UploadedFile.objects.exists()
