"""The employer's pages: each renders for its user, refuses strangers with a 404, and turns bad input
into a message on the field without saving anything."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from openverzuim.cases import services
from openverzuim.cases.models import (
    Case,
    Employee,
    Event,
    EventKind,
    SicknessPeriod,
    WorkResumption,
)
from openverzuim.law import compute
from openverzuim.law.facts import EVENT_TYPES


def _case_urls(case, event=None):
    urls = [
        reverse(name, args=[case.pk])
        for name in (
            "cases:detail",
            "cases:recovery",
            "cases:resumption",
            "cases:event_new",
            "cases:close",
        )
    ]
    if event is not None:
        urls += [
            reverse(name, args=[case.pk, event.pk])
            for name in ("cases:event_correct", "cases:event_withdraw")
        ]
    return urls


def test_every_case_page_renders_for_the_employer(anna_client, eva_sick, anna, today):
    event = services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )
    for url in _case_urls(eva_sick, event) + [
        reverse("cases:worklist"),
        reverse("cases:list"),
        reverse("cases:sick_report"),
        reverse("cases:employees"),
        reverse("cases:employee_new"),
        reverse("cases:employee_edit", args=[eva_sick.employee.pk]),
        reverse("cases:employment_new", args=[eva_sick.employee.pk]),
    ]:
        assert anna_client.get(url).status_code == 200, url


def test_another_employer_gets_a_404_on_every_case_page(client, carla, eva_sick, anna, today):
    event = services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )
    client.force_login(carla)
    for url in _case_urls(eva_sick, event) + [
        reverse("cases:employee_edit", args=[eva_sick.employee.pk]),
        reverse("cases:employment_new", args=[eva_sick.employee.pk]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "date": "2026-02-10"}).status_code == 404, url
    assert "Eva" not in client.get(reverse("cases:list")).content.decode()
    assert "Eva" not in client.get(reverse("cases:worklist")).content.decode()


def test_pages_send_anonymous_visitors_to_the_login(client, eva_sick):
    response = client.get(reverse("cases:detail", args=[eva_sick.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_case_manager_sees_only_the_cases_assigned_to_them(client, bram, eva_sick):
    client.force_login(bram)
    assert client.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 404
    eva_sick.case_manager = bram
    eva_sick.save()
    assert client.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 200


def test_reporting_sick_opens_the_case_and_says_how_the_count_runs(anna_client, eva, today):
    response = anna_client.post(
        reverse("cases:sick_report"),
        {
            "employee": eva.pk,
            "first_sick_day": "2026-11-20",
            "expected_duration": "unknown",
            "contact_phone": "0612345678",
        },
        follow=True,
    )
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == reverse("cases:detail", args=[case.pk])
    assert "New case opened: the deadlines run from 20 November 2026." in response.content.decode()


def test_a_bad_sick_report_names_the_field_and_saves_nothing(anna_client, eva, today):
    response = anna_client.post(
        reverse("cases:sick_report"),
        {"employee": eva.pk, "first_sick_day": "2026-12-01", "expected_duration": "unknown"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "first_sick_day": ["The first sick day cannot be in the future."]
    }
    response = anna_client.post(
        reverse("cases:sick_report"),
        {"employee": eva.pk, "first_sick_day": "2026-02-30", "expected_duration": "unknown"},
    )
    assert "first_sick_day" in response.context["form"].errors
    assert not Case.objects.exists()


def test_another_employers_employee_cannot_be_reported_sick(client, carla, eva, today):
    client.force_login(carla)
    response = client.post(
        reverse("cases:sick_report"),
        {"employee": eva.pk, "first_sick_day": "2026-11-20", "expected_duration": "unknown"},
    )
    assert "employee" in response.context["form"].errors
    assert not Case.objects.exists()


def test_recording_an_event_turns_the_milestone_done_on_the_page(anna_client, eva_sick, today):
    url = reverse("cases:event_new", args=[eva_sick.pk])
    response = anna_client.post(
        url, {"kind": "problem_analysis", "date": "2026-02-10"}, follow=True
    )
    row = next(r for r in response.context["rows"] if r["milestone"].id == "problem_analysis")
    assert row["milestone"].status == "done"
    bad = anna_client.post(url, {"kind": "problem_analysis", "date": "2025-12-01"})
    assert "before the first sick day" in bad.context["form"].errors["date"][0]
    assert Event.objects.count() == 1


def test_withdrawing_asks_for_a_reason_first(anna_client, eva_sick, anna, today):
    event = services.event_record(
        case=eva_sick, kind="note", date=date(2026, 2, 10), by=anna, today=today
    )
    url = reverse("cases:event_withdraw", args=[eva_sick.pk, event.pk])
    assert "Yes, withdraw" in anna_client.get(url).content.decode()
    assert anna_client.post(url, {"reason": ""}).context["form"].errors["reason"]
    assert anna_client.post(url, {"reason": "duplicate"}).status_code == 302
    assert anna_client.get(url).status_code == 404  # a withdrawn entry cannot be withdrawn again


def test_the_page_shows_the_engines_timeline_and_computes_nothing_itself(anna_client, eva_sick):
    response = anna_client.get(reverse("cases:detail", args=[eva_sick.pk]))
    expected = compute(
        {"as_of": "2026-11-22", "sickness": [{"start": "2026-01-05", "end": None}]},
        today=date.today(),
    )
    shown = [
        (
            r["milestone"].id,
            r["milestone"].due and r["milestone"].due.isoformat(),
            r["milestone"].status,
        )
        for r in response.context["rows"]
    ]
    assert shown == [(m["id"], m["due"], m["status"]) for m in expected["milestones"]]
    html = response.content.decode()
    assert 'id="m-problem_analysis"' in html and "<svg" in html and "overdue" in html


def test_the_worklist_lists_overdue_duties_first_and_has_an_empty_state(anna_client, eva_sick):
    work = anna_client.get(reverse("cases:worklist")).context["work"]
    assert [d.milestone for d in work.overdue_rows][:2] == [
        "occupational_health_notified",
        "problem_analysis",
    ]
    eva_sick.delete()
    assert "Nothing to do right now" in anna_client.get(reverse("cases:worklist")).content.decode()


@pytest.mark.parametrize(
    "query, found",
    [
        ({"status": "open"}, True),
        ({"status": "closed"}, False),
        ({"q": "vries"}, True),
        ({"q": "nobody"}, False),
        ({"overdue": "on", "status": "open"}, True),
    ],
)
def test_the_case_list_filters_and_searches(anna_client, eva_sick, query, found):
    response = anna_client.get(reverse("cases:list"), query)
    assert (eva_sick in list(response.context["page"].object_list)) is found


def test_adding_an_employee_refuses_a_duplicate_number(anna_client, eva):
    response = anna_client.post(
        reverse("cases:employee_new"),
        {"first_name": "Piet", "last_name": "Bakker", "employee_number": "1001"},
    )
    assert response.context["form"].errors == {
        "employee_number": ["Another employee already has this number."]
    }
    response = anna_client.post(
        reverse("cases:employee_new"),
        {
            "first_name": "Piet",
            "last_name": "Bakker",
            "employee_number": "1002",
            "bsn": "123456789",
        },
    )
    assert "bsn" in response.context["form"].errors
    response = anna_client.post(
        reverse("cases:employee_new"),
        {
            "first_name": "Piet",
            "last_name": "Bakker",
            "employee_number": "1002",
            "bsn": "111222333",
        },
    )
    assert response.status_code == 302 and Employee.objects.filter(last_name="Bakker").exists()


def test_the_case_page_shows_the_pay_schedule_and_the_sanction_exposure(anna_client, eva_sick):
    pay = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).context["pay"]
    # Eva: EUR 3000 a month; the default agreement pays 100% in year 1, 70% in year 2.
    first = pay["schedule"].months[0]
    assert (first.month, str(first.amount)) == ("2026-01", "2612.90")  # 3000 x 27 / 31
    assert pay["schedule"].last_day == date(2028, 1, 2)
    # 52 more weeks at 70% of 3000: 3 Jan - 31 Dec 2028 (364 days, a leap year):
    # January 2100 x 29 / 31 = 1964.52, February to December 11 x 2100 = 23100.
    assert str(pay["exposure"]) == "25064.52"


def test_the_event_kinds_hold_every_event_type_of_the_timeline_contract():
    assert set(EVENT_TYPES) <= {kind.value for kind in EventKind}
    assert {kind.value for kind in EventKind} - set(EVENT_TYPES) == {
        "employment_end_report",  # contract v2's further milestone the app records (uwv/reports.py)
        "phone_call",
        "meeting",
        "note",
        "assignment",
    }


def test_no_dossier_model_is_in_the_admin():
    """Issue 4: the system administrator sees no dossier content."""
    for model in (Case, Event, SicknessPeriod, WorkResumption):
        assert not admin.site.is_registered(model), model
