"""The reports to UWV prefilled from the dossier (cases/uwv/reports.py): the 42nd-week report (ZW art.
38 lid 1), the safety-net report (ZW art. 38a lid 3) and the report of an employee sick at the end of
the contract (ZW art. 38 lid 2): their fields against a hand-built dossier, the fields still missing
named with where to fill them, recording the sending once as the milestone's event (which settles the
duty), the PDF and who may reach them."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from openverzuim.accounts.models import AuditEntry, Department, Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Case, Duty, Employee, Event

SLUGS = ("week42", "safety_net", "employment_end")


def _url(case, slug: str = "week42", pdf: bool = False) -> str:
    return reverse(f"cases:uwv_{slug}{'_pdf' if pdf else ''}", args=[case.pk])


def _fields(response) -> dict:
    return {field.label: field.text for field in response.context["fields"]}


def _missing(response) -> list[str]:
    return [field.label for field in response.context["missing"]]


def _pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def jan(bakery, anna, today) -> Case:
    """A complete dossier: Jan, on a fixed-term contract to Thursday 31 December 2026, sick since
    Tuesday 1 September 2026, his case managed by Anna."""
    employee = Employee.objects.create(
        organisation=bakery,
        department=Department.objects.create(organisation=bakery, name="Bakkerij"),
        first_name="Jan",
        last_name="Jansen",
        employee_number="2002",
        bsn="111222333",
        date_of_birth=date(1980, 3, 14),
        street="Dorpsstraat 1",
        postcode="1234 AB",
        city="Utrecht",
    )
    services.employment_create(
        employee=employee,
        start=date(2025, 1, 1),
        end=date(2026, 12, 31),
        fixed_term=True,
        contract_hours=Decimal("24.5"),
        wage=Decimal("2800"),
    )
    bakery.kvk_number = "12345678"
    bakery.save()
    case = services.sick_report_create(
        employee=employee, first_sick_day=date(2026, 9, 1), by=anna, today=today
    ).case
    Case.objects.filter(pk=case.pk).update(case_manager=anna)
    return case


def test_the_42nd_week_report_is_filled_from_the_dossier(anna_client, jan):
    fields = _fields(anna_client.get(_url(jan)))
    assert fields == {
        "Employer": "Bakkerij De Korenschoof",
        "Chamber of Commerce number": "12345678",
        "Contact person": str(jan.organisation.memberships.get().user),
        "Employee": "Jan Jansen",
        "BSN": "111222333",
        "Date of birth": "March 14, 1980",
        "Address": "Dorpsstraat 1 1234 AB Utrecht",
        "Employee number": "2002",
        "First sick day": "Sept. 1, 2026",
        "Contract hours per week": "24.5",
        "End of a fixed-term contract": "Dec. 31, 2026",
    }


def test_the_safety_net_report_adds_the_start_of_employment_and_is_due_after_six_weeks(
    anna_client, jan
):
    Case.objects.filter(pk=jan.pk).update(safety_net=True)
    response = anna_client.get(_url(jan, "safety_net"))
    fields = _fields(response)
    assert fields["Start of employment"] == "Jan. 1, 2025"
    assert fields["BSN"] == "111222333" and fields["First sick day"] == "Sept. 1, 2026"
    assert response.context["missing"] == []
    # ZW art. 38a lid 3: "uiterlijk op de eerste dag na zes weken": 1 September + 42 days
    assert response.context["due"].due == date(2026, 10, 13)


def test_the_end_of_contract_report_names_the_last_working_day_and_the_reintegration_report(
    anna_client, jan
):
    response = anna_client.get(_url(jan, "employment_end"))
    fields = _fields(response)
    assert fields["End of employment"] == "Dec. 31, 2026"
    assert fields["Start of employment"] == "Jan. 1, 2025"
    assert fields["Re-integration report (sick six weeks or more)"].startswith("required")
    # ZW art. 38 lid 2: on the last working day before the employment ends (a Thursday here)
    assert response.context["due"].due == date(2026, 12, 31)


def test_the_end_of_contract_report_is_not_due_without_an_end(anna_client, eva_sick):
    response = anna_client.get(_url(eva_sick, "employment_end"))
    assert response.context["due"].due is None
    assert "Not due" in response.content.decode()
    assert "End of employment" in _missing(response)


def test_missing_fields_are_named_with_a_link_to_where_they_are_filled(anna_client, eva_sick):
    response = anna_client.get(_url(eva_sick))
    missing = _missing(response)
    # the fixture's dossier has no BSN, date of birth, address, case manager or KvK number
    assert {"BSN", "Date of birth", "Address", "Chamber of Commerce number", "Contact person"} <= (
        set(missing)
    )
    assert "Employer" not in missing
    page = response.content.decode()
    assert "Still missing in the dossier:" in page
    edit = reverse("cases:employee_edit", args=[eva_sick.employee_id])
    assert f'<a href="{edit}">BSN</a>' in page
    assert f'<a href="{reverse("cases:assign", args=[eva_sick.pk])}">Contact person</a>' in page


def test_a_filled_in_field_is_no_longer_named_missing(anna_client, eva_sick):
    eva_sick.employee.bsn, eva_sick.employee.date_of_birth = "111222333", date(1990, 5, 1)
    eva_sick.employee.save()
    missing = _missing(anna_client.get(_url(eva_sick)))
    assert "BSN" not in missing and "Date of birth" not in missing


@pytest.mark.parametrize(
    "slug, milestone",
    [
        ("week42", "uwv_42_week_report"),
        ("safety_net", "safety_net_report"),
        ("employment_end", "employment_end_report"),
    ],
)
def test_sending_is_recorded_once_as_the_milestones_event(anna_client, jan, slug, milestone):
    Case.objects.filter(pk=jan.pk).update(safety_net=slug == "safety_net")
    first = anna_client.post(_url(jan, slug), {"date": "2026-11-20"})
    assert first.status_code == 302
    # a second POST (another tab, the form sent again with another token) records nothing more
    second = anna_client.post(_url(jan, slug), {"date": "2026-11-21"})
    assert second.status_code == 302
    events = Event.objects.filter(case=jan, kind=milestone)
    assert [event.date for event in events] == [date(2026, 11, 20)]
    assert AuditEntry.objects.filter(case_id=jan.pk, action="write", subject="case").count() >= 1
    assert "Recorded as sent on" in anna_client.get(_url(jan, slug)).content.decode()


def test_the_same_form_token_twice_is_one_submission(anna_client, jan):
    page = anna_client.get(_url(jan)).content.decode()
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    for _ in range(2):
        anna_client.post(_url(jan), {"date": "2026-11-20", "submission_token": token})
    assert Event.objects.filter(case=jan, kind="uwv_42_week_report").count() == 1


def test_sending_the_42nd_week_report_settles_the_duty(anna_client, eva_sick, today):
    pending = Duty.objects.pending(today).filter(case=eva_sick, milestone="uwv_42_week_report")
    assert pending.exists()
    anna_client.post(_url(eva_sick), {"date": "2026-10-20"})
    assert not pending.exists()


def test_a_date_in_the_future_is_refused_naming_the_field(anna_client, eva_sick):
    response = anna_client.post(_url(eva_sick), {"date": "9999-12-31"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Event.objects.filter(case=eva_sick, kind="uwv_42_week_report").exists()


@pytest.mark.parametrize("slug", SLUGS)
def test_the_pdf_holds_the_fields_in_peoples_words(anna_client, jan, slug):
    Case.objects.filter(pk=jan.pk).update(safety_net=slug == "safety_net")
    text = _pdf_text(anna_client.get(_url(jan, slug, pdf=True)))
    for value in ("Jan Jansen", "111222333", "12345678", "Dorpsstraat 1", "2002"):
        assert value in text
    assert "CONCEPT" not in text  # every field is there
    assert "uwv_" not in text and "safety_net" not in text  # no internal codes


def test_the_pdf_is_a_concept_while_fields_are_missing_and_dutch_by_default(client, anna, jan):
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE", None)
    client.force_login(anna)
    jan.employee.bsn = ""
    jan.employee.save()
    text = _pdf_text(client.get(_url(jan, pdf=True)))
    assert "CONCEPT: nog niet volledig" in text and "42e-weeksmelding aan UWV" in text
    assert "ontbreekt" in text  # the BSN's cell
    assert "1 september 2026" in text  # the first sick day, in Dutch
    assert "24,5" in text  # contract hours with a decimal comma


def test_another_organisation_gets_a_404(client, carla, eva_sick):
    client.force_login(carla)
    for slug in SLUGS:
        assert client.get(_url(eva_sick, slug)).status_code == 404
        assert client.get(_url(eva_sick, slug, pdf=True)).status_code == 404
        assert client.post(_url(eva_sick, slug), {"date": "2026-10-20"}).status_code == 404
    assert not Event.objects.filter(case=eva_sick).exclude(kind="assignment").exists()


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.REINTEGRATION_CONSULTANT])
def test_roles_that_may_not_change_the_case_are_refused(client, bakery, eva_sick, role):
    user = User.objects.create_user("zonder", "zonder@example.nl", "secret-password-1")
    Membership.objects.create(user=user, organisation=bakery, role=role)
    client.force_login(user)
    for slug in SLUGS:
        assert client.get(_url(eva_sick, slug)).status_code in (403, 404)
        assert client.get(_url(eva_sick, slug, pdf=True)).status_code in (403, 404)


def test_the_employee_is_refused(client, eva_user, eva_sick):
    client.force_login(eva_user)
    for slug in SLUGS:
        assert client.get(_url(eva_sick, slug, pdf=True)).status_code in (403, 404)
        assert client.post(_url(eva_sick, slug), {"date": "2026-10-20"}).status_code in (403, 404)
    assert not Event.objects.filter(case=eva_sick, kind="uwv_42_week_report").exists()


def test_no_reintegration_report_when_sick_less_than_six_weeks_by_the_last_working_day(
    anna_client, jan
):
    # sick since 1 September; the contract now ends on Sunday 4 October: its last working day is
    # Friday 2 October, 31 days after the first sick day
    jan.employee.employments.update(end=date(2026, 10, 4))
    response = anna_client.get(_url(jan, "employment_end"))
    assert response.context["due"].due == date(2026, 10, 2)
    fields = _fields(response)
    assert fields["Re-integration report (sick six weeks or more)"] == "not required"
