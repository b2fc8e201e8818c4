"""The physician's work in the vault, through the pages: caseload, vault page, every form, the
download, and the audit trail of each read and write."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openverzuim.medical import services
from openverzuim.medical.models import (
    ConsultationNote,
    Correspondence,
    Diagnosis,
    ProblemAnalysisMedical,
    Release,
)

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


@pytest.fixture
def audit_log(monkeypatch):
    """The audit calls made, as (kind, keyword arguments)."""
    calls = []
    for kind in ("read", "write"):
        monkeypatch.setattr(
            f"openverzuim.accounts.audit.record_{kind}",
            lambda kind=kind, **kwargs: calls.append((kind, kwargs)),
        )
    # A page's reads reach the trail together, one call for all of them.
    monkeypatch.setattr(
        "openverzuim.accounts.audit.record_reads",
        lambda user, reads, route: calls.extend(("read", {"user": user} | read) for read in reads),
    )
    return calls


def test_caseload_shows_only_the_cases_of_the_served_employers(
    dirk_client, eva_sick, installer, zuidwest, olga, client, log_in_verified
):
    page = dirk_client.get(reverse("medical:caseload"))
    assert page.status_code == 200
    assert "Eva de Vries" in page.text
    assert "Bakkerij De Korenschoof" in page.text
    other = log_in_verified(client.__class__(), olga).get(reverse("medical:caseload"))
    assert other.status_code == 200 and "Eva de Vries" not in other.text


def test_a_physician_role_placed_on_the_employer_directly_opens_no_vault(
    client, log_in_verified, eva_sick, bakery, filled_vault
):
    """Issue 13 finding 2: a physician reaches an employer's cases only through the arbodienst
    serving it; the role held on the employer itself (as an employer could once grant it) opens
    neither the caseload nor a case."""
    from openverzuim.accounts.models import Membership, User

    house_doctor = User.objects.create_user("hanna", "h@example.nl", "secret-password-1")
    Membership.objects.create(user=house_doctor, organisation=bakery, role="occupational_physician")
    client = log_in_verified(client, house_doctor)
    assert client.get(reverse("medical:case", args=[eva_sick.pk])).status_code == 404
    caseload = client.get(reverse("medical:caseload"))
    assert caseload.status_code == 200 and "Eva de Vries" not in caseload.text


@pytest.mark.parametrize(
    "route, data, model",
    [
        (
            "medical:note_new",
            {"consulted_on": "2026-11-20", "text": "Back pain, improving."},
            ConsultationNote,
        ),
        (
            "medical:analysis_new",
            {"analysed_on": "2026-11-20", "text": "Lumbar strain."},
            ProblemAnalysisMedical,
        ),
        (
            "medical:diagnosis_new",
            {"diagnosed_on": "2026-11-20", "cas_code": "L86", "text": "Lumbar disc herniation"},
            Diagnosis,
        ),
        # "release": the button on the preview (test_release.py walks the preview step itself)
        (
            "medical:release_new",
            {
                "release": "1",
                "released_on": "2026-11-20",
                "limitations": "No lifting.",
                "possibilities": "Seated work.",
                "expected_duration": "Six weeks",
                "work_advice": "A stool at the counter.",
            },
            Release,
        ),
    ],
)
def test_the_physician_adds_each_record_and_sees_it_on_the_vault_page(
    dirk_client, eva_sick, audit_log, today, route, data, model
):
    form = dirk_client.get(reverse(route, args=[eva_sick.pk]))
    assert form.status_code == 200
    assert 'value="2026-11-22"' in form.text  # the date field starts at today
    response = dirk_client.post(reverse(route, args=[eva_sick.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("medical:case", args=[eva_sick.pk])
    assert model.objects.count() == 1
    page = dirk_client.get(response["Location"])
    assert list(data.values())[-1] in page.text
    writes = [kwargs for kind, kwargs in audit_log if kind == "write"]
    assert len(writes) == 1 and writes[0]["case_id"] == eva_sick.pk
    reads = [kwargs for kind, kwargs in audit_log if kind == "read"]
    assert reads[-1]["subject"] == "medical vault" and reads[-1]["case_id"] == eva_sick.pk


def test_the_physician_uploads_a_letter_and_downloads_it(dirk_client, eva_sick, audit_log):
    upload = SimpleUploadedFile("verslag neuroloog.pdf", b"%PDF-1.4 letter", "application/pdf")
    response = dirk_client.post(
        reverse("medical:correspondence_new", args=[eva_sick.pk]),
        {"dated": "2026-11-18", "correspondent": "Dr. Jansen", "text": "", "file": upload},
    )
    assert response.status_code == 302
    letter = Correspondence.objects.get()
    assert letter.file_size == len(b"%PDF-1.4 letter")
    page = dirk_client.get(reverse("medical:case", args=[eva_sick.pk]))
    download_url = reverse("medical:correspondence_file", args=[eva_sick.pk, letter.pk])
    assert download_url in page.text
    download = dirk_client.get(download_url)
    assert download.content == b"%PDF-1.4 letter"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/octet-stream"
    assert ("read", "file") in [(kind, kwargs["fields"]) for kind, kwargs in audit_log]


def test_a_letter_without_a_file_has_no_download(dirk_client, eva_sick, dirk, today):
    letter = services.correspondence_add(
        case=eva_sick, author=dirk, today=today, dated=today, correspondent="GP", text="Referral"
    )
    url = reverse("medical:correspondence_file", args=[eva_sick.pk, letter.pk])
    assert dirk_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "route, data, field, message",
    [
        (
            "medical:note_new",
            {"consulted_on": "2026-11-30", "text": "x"},
            "consulted_on",
            "The date cannot be in the future.",
        ),
        (
            "medical:note_new",
            {"consulted_on": "2026-11-20", "text": "   "},
            "text",
            "This field is required.",
        ),
        (
            "medical:diagnosis_new",
            {"diagnosed_on": "not a date", "text": "x"},
            "diagnosed_on",
            "Enter a valid date.",
        ),
        (
            "medical:correspondence_new",
            {"dated": "2026-11-20", "correspondent": "GP", "text": ""},
            "text",
            "Write the content or a summary, or attach a file.",
        ),
        (
            "medical:release_new",
            {
                "released_on": "2026-11-20",
                "limitations": "x",
                "possibilities": "",
                "expected_duration": "x",
                "work_advice": "x",
            },
            "possibilities",
            "This field is required.",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    dirk_client, eva_sick, today, route, data, field, message
):
    page = dirk_client.post(reverse(route, args=[eva_sick.pk]), data, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert message in page.context["form"].errors[field]
    assert not any(
        model.objects.exists() for model in (ConsultationNote, Diagnosis, Correspondence, Release)
    )


def test_a_file_over_the_limit_is_refused(eva_sick, dirk, today, monkeypatch):
    monkeypatch.setattr("openverzuim.core.uploads.MAX_FILE_SIZE", 10)
    with pytest.raises(services.ValidationError) as error:
        services.correspondence_add(
            case=eva_sick,
            author=dirk,
            today=today,
            dated=today,
            correspondent="GP",
            file_name="a.pdf",
            file_content=b"x" * 11,
        )
    assert "file" in error.value.message_dict
    assert not Correspondence.objects.exists()


def test_the_services_refuse_an_author_who_does_not_serve_the_case(eva_sick, olga, anna, today):
    for author in (olga, anna):
        with pytest.raises(services.ValidationError) as error:
            services.note_add(
                case=eva_sick, author=author, today=today, consulted_on=today, text="x"
            )
        assert "case" in error.value.message_dict
    assert not ConsultationNote.objects.exists()


def test_the_pages_are_dutch_by_default_and_english_on_request(dirk_client, eva_sick, today):
    url = reverse("medical:case", args=[eva_sick.pk])
    assert "Medisch dossier van Eva de Vries" in dirk_client.get(url).text
    assert "Medical file of Eva de Vries" in dirk_client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    form = dirk_client.get(reverse("medical:release_new", args=[eva_sick.pk])).text
    assert "Functionele beperkingen" in form
    assert today.isoformat() in form  # today is the default date
