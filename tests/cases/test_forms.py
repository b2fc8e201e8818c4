"""Every form of the employer's pages: the success path, and each validation error shown on the field
it concerns with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.cases import services
from openverzuim.cases.models import (
    Case,
    Employee,
    Employment,
    Event,
    SicknessPeriod,
    WorkResumption,
)


@pytest.fixture
def recovered(eva_sick, anna, today):
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 11, 1), by=anna, today=today
    )
    return eva_sick


def _snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Case, SicknessPeriod, WorkResumption, Event, Employee, Employment)
    ]


def _refused(client, url, data, field, message):
    before = _snapshot()
    response = client.post(url, data)
    assert response.status_code == 200, url
    errors = response.context["form"].errors
    assert any(message in error for error in errors.get(field, [])), errors
    assert _snapshot() == before
    return response


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"recovered_on": "2026-01-05"},
            "recovered_on",
            "must be after the first sick day (5 January 2026)",
        ),
        ({"recovered_on": "2026-12-01"}, "recovered_on", "at most 7 days ahead"),
        ({"recovered_on": ""}, "recovered_on", "This field is required."),
        ({"recovered_on": "2026-13-01"}, "recovered_on", "Enter a valid date."),
    ],
)
def test_recovery_refuses_bad_dates(anna_client, eva_sick, data, field, message):
    _refused(anna_client, reverse("cases:recovery", args=[eva_sick.pk]), data, field, message)


def test_recovery_ends_the_period_and_says_so(anna_client, eva_sick):
    response = anna_client.post(
        reverse("cases:recovery", args=[eva_sick.pk]), {"recovered_on": "2026-11-20"}, follow=True
    )
    assert "Recovery recorded." in response.content.decode()
    assert eva_sick.periods.get().end == date(2026, 11, 19)


def test_recovery_of_a_recovered_case_is_refused_above_the_form(anna_client, recovered):
    _refused(
        anna_client,
        reverse("cases:recovery", args=[recovered.pk]),
        {"recovered_on": "2026-11-20"},
        "__all__",
        "is not reported sick in this case",
    )


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"start": "2026-01-01", "hours_per_week": "16", "kind": "own_work"},
            "start",
            "on or after the first sick day",
        ),
        (
            {"start": "2026-03-01", "hours_per_week": "32", "kind": "own_work"},
            "hours_per_week",
            "report recovery instead",
        ),
        (
            {"start": "2026-03-01", "hours_per_week": "", "kind": "own_work"},
            "hours_per_week",
            "This field is required.",
        ),
        (
            {"start": "2026-03-01", "hours_per_week": "0", "kind": "own_work"},
            "hours_per_week",
            "more than 0",
        ),
        (
            {"start": "2026-03-01", "hours_per_week": "16", "kind": "volunteering"},
            "kind",
            "Select a valid choice.",
        ),
    ],
)
def test_partial_work_refuses_bad_input(anna_client, eva_sick, data, field, message):
    _refused(anna_client, reverse("cases:resumption", args=[eva_sick.pk]), data, field, message)


def test_partial_work_is_recorded_and_the_period_goes_on(anna_client, eva_sick):
    response = anna_client.post(
        reverse("cases:resumption", args=[eva_sick.pk]),
        {"start": "2026-03-01", "hours_per_week": "16", "kind": "therapeutic"},
        follow=True,
    )
    assert "Partial work recorded: the sickness period goes on." in response.content.decode()
    assert "From 1 Mar 2026: 16.00 hours a week, therapeutic work" in response.content.decode()
    assert eva_sick.periods.get().end is None


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"kind": "diagnosis", "date": "2026-02-10"}, "kind", "Select a valid choice."),
        ({"kind": "phone_call", "date": "2026-11-23"}, "date", "cannot be in the future"),
        (
            {"kind": "phone_call", "date": "2026-02-10", "document_url": "not a url"},
            "document_url",
            "Enter a valid URL.",
        ),
        ({"kind": "phone_call", "date": ""}, "date", "This field is required."),
    ],
)
def test_an_event_refuses_bad_input(anna_client, eva_sick, data, field, message):
    _refused(anna_client, reverse("cases:event_new", args=[eva_sick.pk]), data, field, message)


def test_the_event_form_preselects_the_milestone_to_mark_done(anna_client, eva_sick):
    response = anna_client.get(reverse("cases:event_new", args=[eva_sick.pk]) + "?kind=action_plan")
    assert response.context["form"]["kind"].value() == "action_plan"


def test_a_correction_replaces_the_entry_and_both_show_in_the_history(anna_client, eva_sick, event):
    url = reverse("cases:event_correct", args=[eva_sick.pk, event.pk])
    assert anna_client.get(url).context["form"]["date"].value() == date(2026, 2, 10)
    _refused(anna_client, url, {"date": "2026-11-30"}, "date", "cannot be in the future")
    _refused(anna_client, url, {"date": "2025-12-30"}, "date", "before the first sick day")
    response = anna_client.post(url, {"date": "2026-02-12", "note": "date was wrong"}, follow=True)
    html = response.content.decode()
    assert "Corrected; the earlier entry stays in the history." in html
    assert html.count('class="withdrawn"') == 1 and "(correction)" in html
    assert "Withdrawn by Anna on" in html
    assert anna_client.get(url).status_code == 404  # the replaced entry cannot be corrected again


def test_a_withdrawn_entry_stays_in_the_history_marked_as_withdrawn(anna_client, eva_sick, event):
    anna_client.post(
        reverse("cases:event_withdraw", args=[eva_sick.pk, event.pk]), {"reason": "wrong employee"}
    )
    html = anna_client.get(reverse("cases:detail", args=[eva_sick.pk])).content.decode()
    assert 'class="withdrawn"' in html and "wrong employee" in html


def test_closing_asks_for_confirmation_and_refuses_an_open_period(anna_client, eva_sick):
    url = reverse("cases:close", args=[eva_sick.pk])
    page = anna_client.get(url).content.decode()
    assert "Close the case of Eva de Vries?" in page and "Yes, close the case" in page
    _refused(anna_client, url, {"closed_on": "2026-11-22"}, "closed_on", "still reported sick")


@pytest.mark.parametrize(
    "closed_on, message",
    [
        ("2026-10-31", "after the last sick day"),
        ("2026-11-23", "cannot be in the future"),
        ("", "This field is required."),
    ],
)
def test_closing_refuses_bad_dates(anna_client, recovered, closed_on, message):
    _refused(
        anna_client,
        reverse("cases:close", args=[recovered.pk]),
        {"closed_on": closed_on},
        "closed_on",
        message,
    )


def test_closing_a_recovered_case_records_the_date_once(anna_client, recovered):
    response = anna_client.post(
        reverse("cases:close", args=[recovered.pk]), {"closed_on": "2026-11-22"}, follow=True
    )
    assert "The case is closed." in response.content.decode()
    recovered.refresh_from_db()
    assert recovered.closed_on == date(2026, 11, 22)
    assert anna_client.get(reverse("cases:close", args=[recovered.pk])).status_code == 200
    _refused(
        anna_client,
        reverse("cases:close", args=[recovered.pk]),
        {"closed_on": "2026-11-22"},
        "__all__",
        "already closed",
    )


def test_a_relapse_on_the_page_says_it_joined_the_case_and_why(anna_client, recovered):
    response = anna_client.post(
        reverse("cases:sick_report"),
        {
            "employee": recovered.employee.pk,
            "first_sick_day": "2026-11-20",
            "expected_duration": "unknown",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("cases:detail", args=[recovered.pk])
    assert (
        "Added to the existing case: 19 fit days since the recovery on 1 November 2026, "
        "fewer than 28, so the periods count as one (BW 7:629 lid 10)."
    ) in (response.content.decode())


def test_a_second_report_while_sick_is_refused(anna_client, eva_sick):
    _refused(
        anna_client,
        reverse("cases:sick_report"),
        {
            "employee": eva_sick.employee.pk,
            "first_sick_day": "2026-11-20",
            "expected_duration": "unknown",
        },
        "first_sick_day",
        "already reported sick since 5 January 2026",
    )


def test_a_sick_report_needs_an_employee(anna_client, eva):
    _refused(
        anna_client,
        reverse("cases:sick_report"),
        {"first_sick_day": "2026-11-20", "expected_duration": "unknown"},
        "employee",
        "This field is required.",
    )


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"first_name": "", "last_name": "Bakker", "employee_number": "1002"},
            "first_name",
            "This field is required.",
        ),
        (
            {
                "first_name": "Piet",
                "last_name": "Bakker",
                "employee_number": "1002",
                "work_email": "piet@",
            },
            "work_email",
            "Enter a valid email address.",
        ),
        (
            {
                "first_name": "Piet",
                "last_name": "Bakker",
                "employee_number": "1002",
                "bsn": "12345",
            },
            "bsn",
            "A BSN has exactly nine digits.",
        ),
    ],
)
def test_a_new_employee_refuses_bad_input(anna_client, eva, data, field, message):
    _refused(anna_client, reverse("cases:employee_new"), data, field, message)


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"waiting_days": "3"}, "waiting_days", "less than or equal to 2"),
        ({"sick_pay_year1_percent": "60"}, "sick_pay_year1_percent", "greater than or equal to 70"),
        ({"contract_hours": "0"}, "contract_hours", "greater than or equal to 0.01"),
        ({"end": "2019-12-31"}, "end", "The end cannot lie before the start."),
    ],
)
def test_an_employment_refuses_bad_terms(anna_client, eva, change, field, message):
    data = {
        "start": "2020-01-01",
        "contract_hours": "32",
        "fulltime_hours": "40",
        "wage": "3000",
        "wage_period": "month",
        "sick_pay_year1_percent": "100",
        "sick_pay_year2_percent": "70",
        "waiting_days": "0",
        **change,
    }
    _refused(anna_client, reverse("cases:employment_new", args=[eva.pk]), data, field, message)


def test_an_employment_is_added(anna_client, eva):
    response = anna_client.post(
        reverse("cases:employment_new", args=[eva.pk]),
        {
            "start": "2027-01-01",
            "contract_hours": "24",
            "fulltime_hours": "40",
            "wage": "2500",
            "wage_period": "month",
            "sick_pay_year1_percent": "90",
            "sick_pay_year2_percent": "70",
            "waiting_days": "1",
        },
        follow=True,
    )
    assert "Employment saved." in response.content.decode()
    assert eva.employments.count() == 2


def test_an_employee_is_edited_and_the_bsn_stays_masked(anna_client, eva):
    eva.bsn = "111222333"
    eva.save()
    url = reverse("cases:employee_edit", args=[eva.pk])
    page = anna_client.get(url).content.decode()
    assert "111222333" not in page and "*******33" in page
    data = {"first_name": "Eva", "last_name": "de Vries-Smit", "employee_number": "1001", "bsn": ""}
    response = anna_client.post(url, data, follow=True)
    assert "Saved." in response.content.decode()
    eva.refresh_from_db()
    assert (eva.last_name, eva.bsn) == ("de Vries-Smit", "111222333")  # empty keeps the number
    for page in (reverse("cases:employees"), url):
        assert "111222333" not in anna_client.get(page).content.decode()


JUNK = [
    {},
    {
        "date": "x",
        "recovered_on": "31-31-31",
        "start": "",
        "hours_per_week": "-1e400",
        "kind": "?",
        "reason": "x" * 400,
        "closed_on": "0000-00-00",
        "employee": "abc",
        "first_sick_day": "2026-02-30",
        "note": "x" * 3000,
        "confirm_not_medical": "maybe",
    },
]


@pytest.mark.parametrize("data", JUNK)
def test_no_form_answers_junk_with_a_server_error(anna_client, eva_sick, event, data):
    urls = (
        [
            reverse(n, args=[eva_sick.pk])
            for n in ("cases:recovery", "cases:resumption", "cases:event_new", "cases:close")
        ]
        + [
            reverse(n, args=[eva_sick.pk, event.pk])
            for n in ("cases:event_correct", "cases:event_withdraw")
        ]
        + [
            reverse("cases:sick_report"),
            reverse("cases:employee_new"),
            reverse("cases:employee_edit", args=[eva_sick.employee.pk]),
            reverse("cases:employment_new", args=[eva_sick.employee.pk]),
        ]
    )
    before = _snapshot()
    for url in urls:
        response = anna_client.post(url, data)
        assert response.status_code == 200 and response.context["form"].errors, url
    assert _snapshot() == before
