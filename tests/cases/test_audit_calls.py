"""The dossier pages report every read of a case, and the services every write, to the audit trail
(issue 4 item 5): with the case, the employee, the organisation, what was touched and the route."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.audit import current_route
from openverzuim.cases import services


@pytest.fixture
def audit(monkeypatch):
    """The reads the views record and the writes the services record, as (kind, keyword arguments)."""
    calls = []
    for target in (
        "openverzuim.accounts.audit.record_read",
        "openverzuim.accounts.audit.record_write",
    ):
        kind = target.rsplit(".", 1)[1]
        monkeypatch.setattr(
            target,
            lambda kind=kind, **kwargs: calls.append((kind, {"route": current_route()} | kwargs)),
        )  # a service leaves the route to the request
    monkeypatch.setattr(
        "openverzuim.accounts.audit.record_reads",
        lambda user, reads, route: calls.extend(
            ("record_read", {"route": route, "user": user} | read) for read in reads
        ),
    )
    return calls


def test_reading_a_case_is_recorded(anna_client, anna, eva_sick, audit):
    anna_client.get(reverse("cases:detail", args=[eva_sick.pk]))
    [(kind, call)] = audit
    assert kind == "record_read"
    assert call == {
        "user": anna,
        "organisation_id": eva_sick.organisation_id,
        "case_id": eva_sick.pk,
        "employee_id": eva_sick.employee_id,
        "subject": "case",
        "fields": "",
        "route": "cases:detail",
    }


def test_a_stranger_reading_nothing_leaves_no_read_entry(client, carla, eva_sick, audit):
    client.force_login(carla)
    assert client.get(reverse("cases:detail", args=[eva_sick.pk])).status_code == 404
    assert audit == []


@pytest.mark.parametrize(
    "name, data, subject, fields",
    [
        ("cases:recovery", {"recovered_on": "2026-11-20"}, "case", "recovered_on"),
        (
            "cases:resumption",
            {"start": "2026-03-01", "hours_per_week": "8", "kind": "own_work"},
            "case",
            "start, hours_per_week, kind",
        ),
        (
            "cases:event_new",
            {"kind": "phone_call", "date": "2026-03-01", "note": "called"},
            "case",
            "kind, date, note, document_url",
        ),
    ],
)
def test_every_change_to_a_case_is_recorded(
    anna_client, eva_sick, audit, name, data, subject, fields
):
    assert anna_client.post(reverse(name, args=[eva_sick.pk]), data).status_code == 302
    [(kind, call)] = audit
    assert (
        kind,
        call["case_id"],
        call["employee_id"],
        call["subject"],
        call["fields"],
        call["route"],
    ) == ("record_write", eva_sick.pk, eva_sick.employee_id, subject, fields, name)


def test_a_refused_change_records_no_write_only_the_read_of_the_form_shown_again(
    anna_client, eva_sick, audit
):
    anna_client.post(reverse("cases:recovery", args=[eva_sick.pk]), {"recovered_on": "2026-01-01"})
    assert [(kind, call["case_id"], call["fields"]) for kind, call in audit] == [
        ("record_read", eva_sick.pk, "form")
    ]


def test_the_sick_report_correction_withdrawal_and_close_are_recorded(
    anna_client, anna, eva, today, audit
):
    anna_client.post(
        reverse("cases:sick_report"),
        {"employee": eva.pk, "first_sick_day": "2026-06-01", "expected_duration": "unknown"},
    )
    case = eva.cases.get()
    event = services.event_record(
        case=case, kind="note", date=date(2026, 6, 2), by=anna, today=today
    )
    anna_client.post(
        reverse("cases:event_correct", args=[case.pk, event.pk]), {"date": "2026-06-03"}
    )
    corrected = case.events.get(replaces=event)
    anna_client.post(reverse("cases:event_withdraw", args=[case.pk, corrected.pk]), {"reason": "x"})
    services.recovery_report_create(case=case, recovered_on=date(2026, 7, 1), by=anna, today=today)
    anna_client.post(reverse("cases:close", args=[case.pk]), {"closed_on": "2026-07-02"})
    # The calls made here without a page are recorded too, by the services themselves.
    assert [(k, c["case_id"], c["subject"], c["route"]) for k, c in audit] == [
        ("record_write", case.pk, "case", "cases:sick_report"),
        ("record_write", case.pk, "case", ""),  # event_record, called here without a page
        ("record_write", case.pk, f"event {event.pk}", "cases:event_correct"),
        ("record_write", case.pk, f"event {corrected.pk}", "cases:event_withdraw"),
        ("record_write", case.pk, "case", ""),  # recovery_report_create, called here
        ("record_write", case.pk, "case", "cases:close"),
    ]
    assert audit[0][1]["fields"].startswith("first_sick_day, contact_phone")


def test_employee_records_are_recorded_when_read_and_written(anna_client, eva, audit):
    url = reverse("cases:employee_edit", args=[eva.pk])
    anna_client.get(url)
    anna_client.post(
        url,
        {
            "first_name": "Eva",
            "last_name": "Jansen",
            "employee_number": "1001",
            "department": eva.department_id,
        },
    )
    anna_client.post(
        reverse("cases:employment_new", args=[eva.pk]),
        {
            "start": "2027-01-01",
            "contract_hours": "24",
            "fulltime_hours": "40",
            "wage": "2500",
            "wage_period": "month",
            "sick_pay_year1_percent": "90",
            "sick_pay_year2_percent": "70",
            "waiting_days": "0",
        },
    )
    anna_client.post(
        reverse("cases:employee_new"),
        {"first_name": "Piet", "last_name": "Bakker", "employee_number": "1002"},
    )
    piet = eva.organisation.employees.get(employee_number="1002")
    assert [
        (k, c["employee_id"], c["case_id"], c["subject"].split()[0], c["fields"]) for k, c in audit
    ] == [
        ("record_read", eva.pk, None, "employee", ""),
        ("record_write", eva.pk, None, "employee", "last_name"),
        ("record_write", eva.pk, None, "employment", audit[2][1]["fields"]),
        ("record_write", piet.pk, None, "employee", audit[3][1]["fields"]),
    ]
