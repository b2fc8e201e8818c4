"""Files from outside: the employer side adds them to a case, judged by their content, stored under
MEDIA_ROOT and sent back only through the checked view; they supply items of the re-integration
report, and recorded events stand for the documents made outside the app."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import services as case_services
from openverzuim.cases.models import Employee
from openverzuim.core.uploads import DOCX, JPEG, ODT, PDF, PNG, detect_type
from openverzuim.documents import selectors, services
from openverzuim.documents.models import UploadedFile
from openverzuim.documents.report import reintegration_report
from openverzuim.medical import services as medical_services
from openverzuim.medical.models import Correspondence

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def client(client):
    """Messages are asserted in English, the source language."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT_BYTES = _zip({"mimetype": ODT.content_type.encode(), "content.xml": b"<office/>"})


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF_BYTES, PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, PNG),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, JPEG),
        (DOCX_BYTES, DOCX),
        (ODT_BYTES, ODT),
        (b"MZ\x90\x00 an executable", None),
        (b"<html><script>alert(1)</script>", None),
        (_zip({"evil.sh": b"rm -rf /"}), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
    ],
)
def test_the_type_is_read_from_the_content(content, kind):
    assert detect_type(content) == kind


def _upload(client, case, name="brief.pdf", content=PDF_BYTES, **data):
    data = {"kind": "uwv_letter", "description": "Beslissing loonsanctie", "report_item": ""} | data
    return client.post(
        reverse("documents:upload", args=[case.pk]),
        data | {"file": SimpleUploadedFile(name, content)},
    )


def test_the_employer_adds_a_file_and_downloads_it_as_an_attachment(
    client, anna, eva_sick, media_root
):
    client.force_login(anna)
    response = _upload(client, eva_sick)
    assert response.status_code == 302
    upload = UploadedFile.objects.get()
    assert (upload.original_name, upload.content_type, upload.size) == (
        "brief.pdf",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert upload.file.path.startswith(str(media_root)) and "brief" not in upload.file.name
    assert (
        AuditEntry.objects.filter(
            case_id=eva_sick.pk, subject=f"uploaded file {upload.pk}", action="write"
        ).count()
        == 1
    )
    response = client.get(reverse("documents:upload_file", args=[eva_sick.pk, upload.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    listing = client.get(reverse("documents:case", args=[eva_sick.pk])).content.decode()
    assert "Letter from UWV" in listing and "Beslissing loonsanctie" in listing


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 an executable", "its content was checked, not its name"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "its content was checked"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_by_its_field(
    client, anna, eva_sick, name, content, message
):
    client.force_login(anna)
    response = _upload(client, eva_sick, name=name, content=content)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors["file"]), (
        response.context["form"].errors
    )
    assert not UploadedFile.objects.exists()


def test_a_file_over_the_limit_is_refused(client, anna, eva_sick, monkeypatch):
    monkeypatch.setattr("openverzuim.core.uploads.MAX_FILE_SIZE", 10)
    client.force_login(anna)
    response = _upload(client, eva_sick)
    assert "larger than" in str(response.context["form"].errors["file"])
    with pytest.raises(services.ValidationError) as error:
        services.upload_create(
            case=eva_sick,
            by=anna,
            parties={"employer"},
            kind="other",
            file_name="a.pdf",
            content=PDF_BYTES,
        )
    assert "file" in error.value.message_dict
    assert not UploadedFile.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "diagnosis"}, "kind"),
        ({"report_item": "z"}, "report_item"),
        ({"description": "Bad\x00name"}, "description"),
        ({"description": "x" * 301}, "description"),
        ({"description": "Verslag over haar burn-out"}, "description"),  # the medical-word guard
    ],
)
def test_bad_input_is_named_on_its_field(client, anna, eva_sick, data, field):
    client.force_login(anna)
    response = _upload(client, eva_sick, **data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not UploadedFile.objects.exists()


@pytest.mark.django_db(databases=["default", "medical"])
def test_the_employers_file_never_enters_the_vault_and_the_vault_never_serves_it(
    client, anna, dirk, eva_sick, today, verified_login
):
    client.force_login(anna)
    _upload(client, eva_sick)
    upload = UploadedFile.objects.get()
    assert not Correspondence.objects.exists()
    letter = medical_services.correspondence_add(
        case=eva_sick,
        author=dirk,
        today=today,
        dated=today,
        correspondent="Dr. Jansen",
        file_name="mri.pdf",
        file_content=b"%PDF-1.4 MRI",
    )
    # Whatever number the employer asks the file route for, it reads only the employer's files.
    for number in (letter.pk, letter.pk + 1, upload.pk + 1000):
        response = client.get(reverse("documents:upload_file", args=[eva_sick.pk, number]))
        served = b"".join(response.streaming_content) if response.status_code == 200 else b""
        assert served in (b"", PDF_BYTES) and b"MRI" not in served
    # The physician's vault route for the upload's number serves no employer file.
    client.logout()
    verified_login(client, dirk)
    vault = client.get(reverse("medical:correspondence_file", args=[eva_sick.pk, upload.pk]))
    assert (
        vault.status_code == 404
        or b"".join(getattr(vault, "streaming_content", [vault.content])) != PDF_BYTES
    )
    assert (
        client.get(reverse("documents:upload_file", args=[eva_sick.pk, upload.pk])).status_code
        == 404
    )
    assert UploadedFile.objects.using("default").count() == 1


def test_a_file_of_one_case_is_not_reached_through_another(
    client, anna, eva_sick, installer, carla, today
):
    otto = Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Bakker", employee_number="7"
    )
    otto_sick = case_services.sick_report_create(
        employee=otto, first_sick_day=date(2026, 9, 1), by=carla, today=today
    ).case
    client.force_login(anna)
    _upload(client, eva_sick)
    upload = UploadedFile.objects.get()
    client.force_login(carla)  # the other employer's administrator, on her own case's route
    assert (
        client.get(reverse("documents:upload_file", args=[otto_sick.pk, upload.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("documents:upload_file", args=[eva_sick.pk, upload.pk])).status_code
        == 404
    )


# ── the re-integration report ──────────────────────────────────────────────────────────────────


def _report(anna, case):
    reach = selectors.case_reach_for(user=anna, case_id=case.pk)
    return reintegration_report(
        reach.case,
        selectors.case_documents(reach),
        selectors.case_uploads(reach.case),
        selectors.case_events(reach.case),
    )


def _missing_letters(report) -> set[str]:
    return {m.split(".")[0] for m in report.missing if len(m.split(".")[0]) == 1}


def test_recorded_events_satisfy_the_items_they_stand_for(anna, eva_sick, today):
    before = _missing_letters(_report(anna, eva_sick))
    assert {"f", "g", "h"} <= before
    for kind, day in (
        ("problem_analysis", date(2026, 2, 10)),
        ("action_plan", date(2026, 2, 24)),
        ("progress_review", date(2026, 6, 1)),
        ("first_year_evaluation", date(2026, 11, 2)),
    ):
        case_services.event_record(case=eva_sick, kind=kind, date=day, by=anna, today=today)
    report = _report(anna, eva_sick)
    assert before - _missing_letters(report) == {"f", "g", "h"}
    items = {i.letter: i for i in report.items}
    assert [e.kind for e in items["h"].events] == ["first_year_evaluation", "progress_review"]


def test_a_withdrawn_event_satisfies_nothing(anna, eva_sick, today):
    event = case_services.event_record(
        case=eva_sick, kind="action_plan", date=date(2026, 2, 24), by=anna, today=today
    )
    case_services.event_withdraw(event=event, reason="wrong case", by=anna, today=today)
    assert "g" in _missing_letters(_report(anna, eva_sick))


def test_an_upload_filed_as_an_item_satisfies_it_and_goes_into_the_bundle(client, anna, eva_sick):
    client.force_login(anna)
    _upload(
        client,
        eva_sick,
        kind="labour_expert_report",
        report_item="k",
        description="Rapport arbeidsdeskundige",
    )
    _upload(client, eva_sick, name="scan.pdf", kind="signed_scan", report_item="j")
    report = _report(anna, eva_sick)
    assert not {"j", "k"} & _missing_letters(report)
    assert {"b", "c", "l"} <= _missing_letters(report)  # the rest is still named
    page = client.get(reverse("documents:report", args=[eva_sick.pk])).content.decode()
    assert "Rapport arbeidsdeskundige" in page
    bundle = client.get(reverse("documents:bundle", args=[eva_sick.pk]))
    with zipfile.ZipFile(io.BytesIO(bundle.content)) as archive:
        names = archive.namelist()
        assert "01-k-labour_expert_report.pdf" in names or "02-k-labour_expert_report.pdf" in names
        assert all(archive.read(n) == PDF_BYTES for n in names if "-k-" in n or "-j-" in n)
