"""Two people saving UWV's decisions or leave of one case at once, on the same version: one save
wins, the others are told someone else changed it, and no overlapping leave gets in. Needs PostgreSQL
(`simultaneously` skips on SQLite)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from openverzuim.cases import services
from openverzuim.cases.models import Case, LeavePeriod

pytestmark = pytest.mark.django_db(transaction=True)


def _clients(user, n: int) -> list[Client]:
    clients = []
    for _ in range(n):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        clients.append(client)
    return clients


def test_simultaneous_sanctions_on_one_version_save_once(simultaneously, anna, eva, today):
    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2024, 11, 4), by=anna, today=date(2024, 11, 4)
    ).case
    clients = _clients(anna, 4)
    url = reverse("cases:uwv_sanction", args=[case.pk])
    responses = simultaneously(
        4,
        lambda i: clients[i].post(
            url, {"weeks": str(10 + i), "decided_on": "2026-10-20", "version": "0"}
        ),
    )
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    assert all(
        "Someone else changed" in r.content.decode() for r in responses if r.status_code == 200
    )
    assert Case.objects.get(pk=case.pk).uwv_version == 1


def test_simultaneous_overlapping_leave_gets_in_once(simultaneously, anna, eva, today):
    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 1, 5), by=anna, today=today
    ).case
    services.recovery_report_create(case=case, recovered_on=date(2026, 3, 2), by=anna, today=today)
    clients = _clients(anna, 4)
    url = reverse("cases:leave_new", args=[case.pk])
    responses = simultaneously(
        4,
        lambda i: clients[i].post(
            url, {"start": f"2026-03-0{2 + i}", "end": "2026-06-21", "version": "0"}
        ),
    )
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302]
    assert LeavePeriod.objects.filter(case=case).count() == 1


def test_simultaneous_report_sendings_record_one_event(simultaneously, anna, eva, today):
    """Four tabs record the 42nd-week report as sent at once: the case row lock makes one event."""
    from openverzuim.cases.models import Event

    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 1, 5), by=anna, today=today
    ).case
    clients = _clients(anna, 4)
    url = reverse("cases:uwv_week42", args=[case.pk])
    responses = simultaneously(4, lambda i: clients[i].post(url, {"date": f"2026-10-2{i}"}))
    assert [r.status_code for r in responses] == [302] * 4
    assert Event.objects.filter(case=case, kind="uwv_42_week_report").count() == 1
