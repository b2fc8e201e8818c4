"""The access request (AVG art. 15): Eva downloads everything held about her as JSON and as a
readable PDF; nothing about anyone else; the download itself is logged."""

from __future__ import annotations

import io
import json
from datetime import date

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from openverzuim.accounts.audit import record_read
from openverzuim.accounts.models import AuditEntry
from openverzuim.cases.models import Employee, LeavePeriod
from openverzuim.portal.access_request import LATEST_ENTRIES, readable

# The retention job and the access request reach the medical vault as well.
pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def test_the_json_holds_her_account_employee_record_case_and_audit_trail(
    client, eva_user, eva_sick, anna, installer
):
    Employee.objects.create(
        organisation=installer, first_name="Otto", last_name="Bakker", employee_number="7"
    )
    record_read(
        user=anna, organisation_id=eva_sick.organisation_id, case_id=eva_sick.pk, subject="case"
    )
    # Leave recorded on her employee page, outside any case, is held about her too.
    LeavePeriod.objects.create(
        employee=eva_sick.employee, start=date(2025, 3, 1), end=date(2025, 6, 20)
    )
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_data_json"))
    assert response["Content-Disposition"].startswith("attachment")
    parts = json.loads(response.content)["parts"]
    assert parts["accounts"]["data"]["account"]["username"] == "eva"
    assert "password" not in parts["accounts"]["data"]["account"]
    dossier = parts["portal"]["data"]
    assert [e["employee_number"] for e in dossier["employee_records"]] == ["1001"]
    assert dossier["employee_records"][0]["employments"][0]["wage"] == "3000.00"
    assert dossier["employee_records"][0]["leave"][0]["start"] == "2025-03-01"
    assert [c["id"] for c in dossier["cases"]] == [eva_sick.pk]
    assert dossier["cases"][0]["sickness_periods"][0]["start"] == "2026-01-05"
    assert any(e["user_name"] == "Anna" for e in dossier["who_viewed_or_changed"])
    assert "Otto" not in response.content.decode()  # the other employer's employee


def test_the_pdf_is_readable_and_names_her_data(client, eva_user, eva_sick):
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_data_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Eva" in text and "5 januari 2026" in text and "1001" in text


def test_the_pdf_reads_as_a_document_in_peoples_words(client, eva_user, eva_sick):
    """Issue 19: the PDF was a raw field dump ("account.is_superuser False")."""
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_data_pdf"))
    text = " ".join(
        "".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
        ).split()
    )
    for heading in (
        "Uw account",
        "Inlog",
        "Uw verzuimdossier",
        "Werknemersgegevens · Bakkerij De Korenschoof",
        "Dienstverband vanaf 1 januari 2020",
        "Verzuimdossier vanaf 5 januari 2026",
        "Ziekteperiodes 5 januari 2026 – nog ziek",
        "Wie uw dossier heeft bekeken of gewijzigd",
        "Medisch dossier",
    ):
        assert heading in text, heading
    assert "Brutoloon 3.000,00" in text and "Vangnet van toepassing nee" in text
    assert "Rol Medewerker" in text
    for code in ("is_superuser", "False", "True", "2026-01-05", "organisation_id", "employee"):
        assert code not in text, code


def test_the_download_is_in_the_audit_trail(client, eva_user, eva_sick):
    client.force_login(eva_user)
    client.get(reverse("portal:my_data_json"))
    entry = AuditEntry.objects.get(case_id=eva_sick.pk, user_id=eva_user.pk)
    assert entry.user_id == eva_user.pk and "access request" in entry.subject


def test_only_the_employee_reaches_the_export(client, anna, carla, eva_sick):
    for user in (anna, carla):
        client.force_login(user)
        for name in ("portal:my_data", "portal:my_data_json", "portal:my_data_pdf"):
            assert client.get(reverse(name)).status_code == 404, (user, name)


def test_the_pdf_summarises_a_long_audit_trail_and_the_json_keeps_every_entry(
    client, eva_user, eva_sick, anna
):
    """Issue 13 finding 6: 20,000 audit entries made a PDF of thousands of pages that took 52 s. The
    PDF now counts the entries per month and role and lists the latest hundred; the JSON has all."""
    for n in range(LATEST_ENTRIES + 30):
        record_read(
            user=anna,
            organisation_id=eva_sick.organisation_id,
            case_id=eva_sick.pk,
            subject=f"marker-{n:03d}",
        )
    client.force_login(eva_user)
    response = client.get(reverse("portal:my_data_pdf"))
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    newest, oldest = f"marker-{LATEST_ENTRIES + 29:03d}", "marker-000"
    assert newest in text and oldest not in text
    # Not her own downloads; with Anna's sick report and the contract made for the fixture.
    assert f"Regels in totaal {LATEST_ENTRIES + 32}" in " ".join(text.split())
    assert f"Werkgever / HR · bekeken: {LATEST_ENTRIES + 30}" in " ".join(text.split())
    assert "JSON-download" in text
    # The entries were written just now; the month as people write it, not "2026-12".
    this_month = date_format(timezone.localtime(), "YEAR_MONTH_FORMAT")
    assert this_month[0].islower() and not this_month[0].isdigit()
    audit_part = next(
        section for section in readable(eva_user) if section.heading.startswith("Wie uw dossier")
    )
    assert audit_part.parts[0].lines == [
        f"{this_month} · Open Verzuim (automatisch) · gewijzigd: 1",
        f"{this_month} · Werkgever / HR · bekeken: {LATEST_ENTRIES + 30}",
        f"{this_month} · Werkgever / HR · gewijzigd: 1",
    ]

    parts = json.loads(client.get(reverse("portal:my_data_json")).content)["parts"]
    subjects = {e["subject"] for e in parts["portal"]["data"]["who_viewed_or_changed"]}
    assert {newest, oldest} <= subjects
