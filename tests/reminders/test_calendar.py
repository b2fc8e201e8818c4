"""The private iCal feed: it parses, carries the engine's dates, says nothing medical, and a link that
was renewed or switched off stops working."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from openverzuim.cases import services as case_services
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Employee
from openverzuim.measures import services as measure_services
from openverzuim.reminders import services
from openverzuim.reminders.models import CalendarFeed


def _feed(client, user):
    token = services.calendar_feed_renew(user=user).token
    return client.get(f"/reminders/calendar/{token}.ics")


def _events(response) -> dict:
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


def test_the_feed_parses_and_carries_the_due_date_of_every_open_duty(client, eva_sick, anna, today):
    response = _feed(client, anna)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response)
    due = {
        m.id: m.due
        for m in case_timeline(eva_sick, today).milestones
        if m.due and m.status in ("open", "overdue")
    }
    assert events["Probleemanalyse: Eva de Vries"] == due["problem_analysis"]
    assert events["Eerstejaarsevaluatie: Eva de Vries"] == due["first_year_evaluation"]
    assert len(events) == len(due)


def test_the_feed_carries_the_expected_expert_opinion_and_planned_checks(
    client, eva_sick, anna, today
):
    measure_services.expert_opinion_create(
        case=eva_sick,
        by=anna,
        today=today,
        requester="employer",
        question="employee_duties",
        requested_on=today,
    )
    measure_services.step_record(
        case=eva_sick,
        path="stalled",
        step="work_order",
        taken_on=today,
        by=anna,
        today=today,
        follow_up_on=today + timedelta(days=10),
    )
    dates = sorted(_events(_feed(client, anna)).values())
    assert today + timedelta(days=14) in dates  # SUWI art. 32a lid 3
    assert today + timedelta(days=10) in dates


def test_no_entry_says_anything_medical(client, eva_sick, anna, today, find_medical, medical_note):
    case_services.event_record(
        case=eva_sick, kind="note", date=today, by=anna, today=today, note=medical_note
    )
    measure_services.step_record(
        case=eva_sick,
        path="stalled",
        step="agreement",
        taken_on=today,
        by=anna,
        today=today,
        note=medical_note,
        follow_up_on=today + timedelta(days=3),
    )
    text = _feed(client, anna).content.decode()
    assert find_medical(text) == []


def test_another_employer_sees_none_of_the_cases_in_its_feed(client, eva_sick, carla):
    assert _events(_feed(client, carla)) == {}


def test_a_renewed_or_revoked_link_stops_working(client, eva_sick, anna):
    old = services.calendar_feed_renew(user=anna).token
    new = services.calendar_feed_renew(user=anna).token
    assert old != new
    assert client.get(f"/reminders/calendar/{old}.ics").status_code == 404
    assert client.get(f"/reminders/calendar/{new}.ics").status_code == 200
    services.calendar_feed_revoke(user=anna)
    assert client.get(f"/reminders/calendar/{new}.ics").status_code == 404


def test_a_link_handed_out_under_the_former_signals_address_keeps_working(client, eva_sick, anna):
    token = services.calendar_feed_renew(user=anna).token
    old_address = client.get(f"/signals/calendar/{token}.ics")
    assert old_address.status_code == 200
    assert old_address.content == _feed(client, anna).content
    assert client.get("/signals/calendar/not-the-token.ics").status_code == 404


def test_the_settings_page_makes_renews_and_switches_off_the_link(client, anna):
    client.force_login(anna)
    assert client.get("/reminders/calendar/").status_code == 200
    client.post("/reminders/calendar/change/", {"action": "renew"})
    token = CalendarFeed.objects.get(user=anna).token
    assert token in client.get("/reminders/calendar/").content.decode()
    client.post("/reminders/calendar/change/", {"action": "revoke"})
    assert not CalendarFeed.objects.filter(user=anna).exists()
    assert client.get("/reminders/calendar/change/").status_code == 405


def _sick_employees(bakery, anna, today, numbers: range) -> None:
    for n in numbers:
        employee = Employee.objects.create(
            organisation=bakery,
            first_name="Medewerker",
            last_name=f"{n:03}",
            employee_number=f"9{n:03}",
        )
        case_services.sick_report_create(
            employee=employee, first_sick_day=date(2026, 3, 2), by=anna, today=today
        )


def test_the_feed_costs_the_same_number_of_queries_for_1_and_10_cases(
    client, bakery, anna, today, django_assert_num_queries
):
    token = services.calendar_feed_renew(user=anna).token
    _sick_employees(bakery, anna, today, range(1))
    with CaptureQueriesContext(connection) as one:
        client.get(f"/reminders/calendar/{token}.ics")
    _sick_employees(bakery, anna, today, range(1, 10))
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(f"/reminders/calendar/{token}.ics").status_code == 200
