"""The payroll import's pages: upload -> mapping -> preview (dry run) -> import, and who reaches them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases.models import Employee, PayrollImport
from tests.cases.test_payroll_import import CANONICAL, DUTCH, EXPECTED, state

UPLOAD = reverse("cases:employee_import")
MAPPING = reverse("cases:employee_import_mapping")
STATUS = reverse("cases:employee_import_status")


def upload(client, organisation, content: bytes, name: str = "export.csv"):
    return client.post(
        UPLOAD, {"organisation": organisation.pk, "file": SimpleUploadedFile(name, content)}
    )


def mapping_of(response) -> dict:
    form = response.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def test_upload_mapping_preview_and_import(anna_client, bakery, anna):
    response = upload(anna_client, bakery, DUTCH.encode("cp1252"))
    run = PayrollImport.objects.get()
    assert response["Location"] == f"{MAPPING}?job={run.pk}"

    page = anna_client.get(response["Location"])
    assert page.status_code == 200
    detected = mapping_of(page)
    assert detected["employee_number"] == "0" and detected["wage_period"] == "11"
    assert "Bakkerij" in page.content.decode()  # the first rows are shown

    response = anna_client.post(f"{MAPPING}?job={run.pk}", detected)
    assert response["Location"] == f"{STATUS}?job={run.pk}"
    preview = anna_client.get(response["Location"])
    run.refresh_from_db()
    assert (run.status, run.created, run.error_count) == ("checked", 2, 0)
    assert not Employee.objects.exists()  # the preview is a dry run
    assert 'value="all"' in preview.content.decode()

    anna_client.post(f"{STATUS}?job={run.pk}", {"import": "all"})
    run.refresh_from_db()
    assert (run.status, run.created, run.changed) == ("done", 2, 0)
    assert bytes(run.content) == b""  # the file is not kept once imported
    assert state(bakery) == EXPECTED
    assert AuditEntry.objects.filter(user_id=anna.pk, subject="payroll import").exists()
    # a second click imports nothing again
    anna_client.post(f"{STATUS}?job={run.pk}", {"import": "all"})
    assert Employee.objects.count() == 2


def test_the_same_file_again_reports_nothing_changed(anna_client, bakery):
    for _ in range(2):
        response = upload(anna_client, bakery, CANONICAL.encode())
        run = PayrollImport.objects.latest("pk")
        anna_client.post(response["Location"], mapping_of(anna_client.get(response["Location"])))
        anna_client.post(f"{STATUS}?job={run.pk}", {"import": "all"})
    run.refresh_from_db()
    assert (run.created, run.changed, run.unchanged) == (0, 0, 2)
    page = anna_client.get(f"{STATUS}?job={run.pk}").content.decode()
    assert "<dt>Changed</dt><dd>0</dd>" in page


def test_bad_rows_are_listed_and_only_the_good_rows_can_be_imported(anna_client, bakery):
    response = upload(
        anna_client, bakery, (CANONICAL + "1003,Ali,Bakker,31-02-1990,,,,,,,,\n").encode()
    )
    run = PayrollImport.objects.get()
    anna_client.post(response["Location"], mapping_of(anna_client.get(response["Location"])))
    page = anna_client.get(f"{STATUS}?job={run.pk}").content.decode()
    assert "<td>4</td><td>date of birth</td><td>“31-02-1990” is not an existing date.</td>" in page
    assert 'value="all"' not in page
    anna_client.post(f"{STATUS}?job={run.pk}", {"import": "all"})  # refused: the file has bad rows
    assert not Employee.objects.exists()
    anna_client.post(f"{STATUS}?job={run.pk}", {"import": "good_rows"})
    assert Employee.objects.count() == 2


def test_a_mapping_without_a_required_column_is_refused_by_name(anna_client, bakery):
    response = upload(anna_client, bakery, CANONICAL.encode())
    chosen = mapping_of(anna_client.get(response["Location"])) | {"last_name": ""}
    page = anna_client.post(response["Location"], chosen)
    assert page.status_code == 200
    assert page.context["form"].errors["last_name"] == ["This field is required."]
    chosen = chosen | {"last_name": "1"}  # the first name's column, twice
    page = anna_client.post(response["Location"], chosen)
    assert "A column of the file is chosen twice: first_name." in page.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "The submitted file is empty."),
        (b"a;b\x00\n1;2\n", "nul.csv", "The file contains NUL bytes"),
        (b"\x81\x8d\x8f\x90\x9d", "bad.csv", "neither UTF-8 nor Windows-1252"),
        (b"PK\x03\x04junk", "bad.xlsx", "cannot be read as an Excel workbook"),
    ],
)
def test_unreadable_uploads_get_a_message_not_an_error_page(
    anna_client, bakery, content, name, message
):
    response = upload(anna_client, bakery, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PayrollImport.objects.exists()


def test_an_upload_without_a_file_names_the_field(anna_client, bakery):
    response = anna_client.post(UPLOAD, {})
    assert response.context["form"].errors["file"] == ["This field is required."]


def test_a_file_over_the_size_limit_gets_a_message(anna_client, bakery, settings):
    settings.PAYROLL_IMPORT_MAX_MEGABYTES = 1
    response = upload(anna_client, bakery, CANONICAL.encode() * 30_000)
    assert "The file is larger than 1 MB." in response.content.decode()


def test_the_progress_page_follows_a_busy_run(anna_client, bakery, anna):
    run = PayrollImport.objects.create(
        organisation=bakery,
        created_by=anna,
        file_name="big.csv",
        status="importing",
        rows_total=100_000,
        rows_done=25_000,
    )
    page = anna_client.get(f"{STATUS}?job={run.pk}").content.decode()
    # polled by cases/import_progress.js; the refresh link without JavaScript
    assert f'data-url="{reverse("cases:employee_import_progress")}?job={run.pk}"' in page
    assert f'href="{STATUS}?job={run.pk}">Refresh</a>' in page
    assert 'value="25000"' in page and "25%" in page


@pytest.mark.parametrize(("persona", "own_upload_page"), [("bram", 404), ("carla", 200)])
def test_a_case_manager_or_another_employer_gets_a_404(
    client, bakery, anna, persona, own_upload_page, request
):
    """Bram (case manager) reaches no import page; Carla imports into her own employer only."""
    run = PayrollImport.objects.create(
        organisation=bakery,
        created_by=anna,
        file_name="a.csv",
        content=CANONICAL.encode(),
        mapping={},
    )
    client.force_login(request.getfixturevalue(persona))
    assert client.get(UPLOAD).status_code == own_upload_page
    for url in (f"{MAPPING}?job={run.pk}", f"{STATUS}?job={run.pk}"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{STATUS}?job={run.pk}", {"import": "all"}).status_code == 404
    assert not Employee.objects.exists()


def test_the_employer_may_not_upload_into_another_organisation(anna_client, bakery, installer):
    response = upload(anna_client, installer, CANONICAL.encode())
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not PayrollImport.objects.exists()


def test_the_row_errors_are_in_dutch_for_a_dutch_user(anna_client, bakery):
    anna_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    response = upload(anna_client, bakery, b"a;b\x00\n1;2\n")
    assert "Het bestand bevat NUL-bytes" in response.content.decode()
    response = upload(
        anna_client, bakery, (CANONICAL + "1003,Ali,Bakker,31-02-1990,,,,,,,,\n").encode()
    )
    anna_client.post(response["Location"], mapping_of(anna_client.get(response["Location"])))
    run = PayrollImport.objects.get()
    page = anna_client.get(f"{STATUS}?job={run.pk}").content.decode()
    assert "<td>4</td><td>geboortedatum</td><td>“31-02-1990” is geen bestaande datum.</td>" in page


@pytest.mark.django_db(databases=["default", "medical"])
def test_an_uploaded_file_never_imported_loses_its_content_after_a_week(anna_client, bakery):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    upload(anna_client, bakery, CANONICAL.encode())
    run = PayrollImport.objects.get()
    uploaded = timezone.localdate(run.created_at)
    call_command("retention", "--execute", "--today", str(uploaded + timedelta(days=7)))
    run.refresh_from_db()
    assert bytes(run.content) == CANONICAL.encode()  # still within the week
    call_command("retention", "--execute", "--today", str(uploaded + timedelta(days=8)))
    run.refresh_from_db()
    assert bytes(run.content) == b""
    entry = AuditEntry.objects.get(action="remove")
    assert entry.subject == "uploaded payroll file (content)"
    assert "not imported, term 7 days" in entry.fields
