"""The employee's own case: their next duties, the employer's duties with whether they were done
(from the engine, never typed in), and their own sick and recovery reports."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from openverzuim.cases import services
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Case, Employee, EventKind


def _page(client, user, language="en"):
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(reverse("portal:my_case"))


def test_it_shows_whether_the_employer_met_each_duty_as_the_engine_says(
    client, eva_user, eva_sick, anna, today
):
    services.event_record(
        case=eva_sick, kind=EventKind.PROBLEM_ANALYSIS, date=date(2026, 2, 20), by=anna, today=today
    )
    body = _page(client, eva_user).content.decode()
    statuses = {m.id: m.status for m in case_timeline(eva_sick, today).milestones}
    assert statuses["problem_analysis"] == "late"
    assert "yes, late, on 20 Feb 2026" in body
    assert statuses["uwv_42_week_report"] == "overdue"
    assert body.count("no, and it is overdue") == sum(
        1
        for m in case_timeline(eva_sick, today).milestones
        if m.rule.party == "employer" and m.status == "overdue"
    )


def test_it_tells_the_employee_what_to_do_next_and_by_when(client, eva_user, eva_sick, today):
    body = _page(client, eva_user).content.decode()
    assert "What you must do next" in body
    assert "See the company doctor when you are invited." in body
    assert "This is week 46 of your sickness." in body  # 5 Jan to 22 Nov 2026: day 322 = 46 x 7


def test_it_shows_nothing_of_another_employee(client, eva_user, eva_sick, bakery, anna, today):
    colleague = Employee.objects.create(
        organisation=bakery, first_name="Piet", last_name="Jansen", employee_number="1002"
    )
    services.sick_report_create(
        employee=colleague, first_sick_day=date(2026, 10, 1), by=anna, today=today
    )
    body = _page(client, eva_user).content.decode()
    assert "1 Oct" not in body and "Piet" not in body
    assert len(_page(client, eva_user).context["cases"]) == 1


def test_an_employee_without_a_case_sees_the_empty_state(client, eva_user, today):
    response = _page(client, eva_user)
    assert response.context["cases"] == []
    assert "You have no sickness case." in response.content.decode()


def test_the_employee_pages_are_not_the_employers(client, anna, eva_sick, today):
    assert _page(client, anna).status_code == 404  # declared for the employee role only


def test_it_is_in_dutch_by_default(client, eva_user, eva_sick, today):
    body = _page(client, eva_user, "nl").content.decode()
    assert '<html lang="nl">' in body


def test_the_employee_reports_sick_with_only_allowed_data(client, eva_user, today):
    client.force_login(eva_user)
    form_page = client.get(reverse("portal:report_sick")).content.decode()
    assert "diagnos" not in form_page.split("<form")[1].lower()
    response = client.post(
        reverse("portal:report_sick"),
        {
            "first_sick_day": "2026-11-20",
            "expected_duration": "week",
            "contact_phone": "0612345678",
        },
    )
    assert response["Location"] == reverse("portal:my_case")
    case = Case.objects.get(employee__user=eva_user)
    assert case.created_by == eva_user and case.contact_phone == "0612345678"


def test_a_bad_sick_report_names_the_field_and_saves_nothing(client, eva_user, today):
    client.force_login(eva_user)
    response = client.post(
        reverse("portal:report_sick"), {"first_sick_day": "2026-02-30", "expected_duration": "week"}
    )
    assert response.status_code == 200
    assert 'id="id_first_sick_day-error"' in response.content.decode()
    assert not Case.objects.exists()


def test_the_employee_reports_recovery_of_their_own_case_only(
    client, eva_user, eva_sick, carla, today
):
    url = reverse("portal:report_recovered", args=[eva_sick.pk])
    client.force_login(carla)
    assert client.get(url).status_code == 404
    client.force_login(eva_user)
    response = client.post(url, {"recovered_on": "2026-11-23"})
    assert response["Location"] == reverse("portal:my_case")
    assert eva_sick.periods.get().end == date(2026, 11, 22)


def test_a_recovery_before_the_first_sick_day_is_refused_with_a_reason(
    client, eva_user, eva_sick, today
):
    client.force_login(eva_user)
    response = client.post(
        reverse("portal:report_recovered", args=[eva_sick.pk]), {"recovered_on": "2026-01-01"}
    )
    assert 'id="id_recovered_on-error"' in response.content.decode()
    assert eva_sick.periods.get().end is None


def test_someone_without_an_employee_record_cannot_report_sick(client, anna, today):
    client.force_login(anna)
    assert client.get(reverse("portal:report_sick")).status_code == 404
