"""The case list's filters (open/closed, department, overdue only), search and empty state, and the
worklist's one line per duty with a link to do it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.models import Department
from openverzuim.cases import services
from openverzuim.cases.models import Employee


@pytest.fixture
def piet_recovered(bakery, anna, today):
    """Piet, in the bakehouse, was sick in March and recovered: his case is open, nothing overdue."""
    bakehouse = Department.objects.create(organisation=bakery, name="Bakkerij")
    piet = Employee.objects.create(
        organisation=bakery,
        department=bakehouse,
        first_name="Piet",
        last_name="Bakker",
        employee_number="1002",
    )
    case = services.sick_report_create(
        employee=piet, first_sick_day=date(2026, 3, 2), by=anna, today=today
    ).case
    services.recovery_report_create(case=case, recovered_on=date(2026, 3, 5), by=anna, today=today)
    return case


def _listed(client, **query):
    return {
        c.employee.first_name
        for c in client.get(reverse("cases:list"), query).context["page"].object_list
    }


def test_the_department_filter_shows_only_that_departments_cases(
    anna_client, eva_sick, piet_recovered
):
    shop = eva_sick.employee.department
    assert _listed(anna_client, status="") == {"Eva", "Piet"}
    assert _listed(anna_client, status="", department=shop.pk) == {"Eva"}
    assert _listed(anna_client, status="", department=piet_recovered.employee.department_id) == {
        "Piet"
    }


def test_overdue_only_leaves_out_cases_without_a_late_duty(anna_client, eva_sick, piet_recovered):
    assert _listed(anna_client, status="open") == {"Eva", "Piet"}
    assert _listed(anna_client, status="open", overdue="on") == {"Eva"}


def test_closed_cases_are_found_under_closed(anna_client, eva_sick, piet_recovered, anna, today):
    services.case_close(case=piet_recovered, closed_on=date(2026, 4, 1), by=anna, today=today)
    assert _listed(anna_client) == {"Eva"}  # open is the default
    assert _listed(anna_client, status="closed") == {"Piet"}


def test_search_finds_by_name_and_employee_number(anna_client, eva_sick, piet_recovered):
    assert _listed(anna_client, status="", q="BAKKER") == {"Piet"}
    assert _listed(anna_client, status="", q="1001") == {"Eva"}


def test_the_case_list_has_an_empty_state(anna_client, eva_sick):
    html = anna_client.get(reverse("cases:list"), {"q": "nobody"}).content.decode()
    assert "No cases match these filters." in html


def test_an_unknown_department_or_status_is_ignored_not_an_error(anna_client, eva_sick):
    response = anna_client.get(reverse("cases:list"), {"department": "x", "status": "weird"})
    assert response.status_code == 200


def test_each_duty_says_what_to_do_and_links_to_doing_it(anna_client, eva_sick):
    html = anna_client.get(reverse("cases:worklist")).content.decode()
    assert "Ask the company doctor for the problem analysis." in html
    assert reverse("cases:event_new", args=[eva_sick.pk]) + "?kind=problem_analysis" in html


def test_a_recovered_case_reads_recovered_and_says_what_remains(anna_client, eva_sick, anna, today):
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 2, 2), by=anna, today=today
    )
    row = anna_client.get(reverse("cases:list")).content.decode()
    assert ">recovered</td>" in row and ">open</td>" not in row
    assert 'data-label="Next duty">Occupational health service notified</td>' in row  # overdue
    page = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    assert "Recovered: the case stays open for what remains to be done" in page
    services.event_record(
        case=eva_sick,
        kind="occupational_health_notified",
        date=date(2026, 1, 10),
        by=anna,
        today=today,
    )
    eva_sick.refresh_from_db()
    assert eva_sick.next_due_milestone == ""  # nothing of the timeline remains
    row = anna_client.get(reverse("cases:list")).content.decode()
    assert ">recovered</td>" in row and "Close the case" in row
    page = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    assert "Recovered, and nothing remains to be done: close the case." in page
