"""Simultaneous sick reports for one employee (issue 13 finding 4): one open case, the rest a message.

The threads post at the same moment through the pages (the plain form and the first-sick-day wizard);
`simultaneously` (tests/conftest.py) skips these tests on SQLite.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from openverzuim.cases.models import Case, SicknessPeriod

pytestmark = pytest.mark.django_db(transaction=True)

ROUTES = ["cases:sick_report", "guide:first_day"]


def _clients(user, n: int) -> list[Client]:
    clients = []
    for _ in range(n):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("n", [2, 6])
def test_simultaneous_sick_reports_open_one_case(simultaneously, anna, eva, today, route, n):
    clients = _clients(anna, n)
    data = {"employee": eva.pk, "first_sick_day": "2026-11-20", "expected_duration": "unknown"}
    responses = simultaneously(n, lambda i: clients[i].post(reverse(route), data))
    assert all(not isinstance(r, Exception) for r in responses), responses
    case = Case.objects.get(employee=eva)  # exactly one
    assert SicknessPeriod.objects.filter(case__employee=eva).count() == 1
    assert sorted(r.status_code for r in responses) == [200] * (n - 1) + [302]
    refused = [r.content.decode() for r in responses if r.status_code == 200]
    assert all(
        f"already reported sick since 20 November 2026; case {case.pk} is open" in page
        for page in refused
    )


@pytest.mark.parametrize("n", [2, 6])
def test_simultaneous_reports_after_a_long_recovery_open_one_new_case(
    simultaneously, anna, eva, today, n
):
    """28+ fit days after a recovery each report would open a new case and close the old one."""
    from datetime import date

    from openverzuim.cases import services

    old = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 6, 1), by=anna, today=today
    ).case
    services.recovery_report_create(case=old, recovered_on=date(2026, 7, 1), by=anna, today=today)
    clients = _clients(anna, n)
    data = {"employee": eva.pk, "first_sick_day": "2026-11-20", "expected_duration": "unknown"}
    responses = simultaneously(n, lambda i: clients[i].post(reverse("cases:sick_report"), data))
    assert sorted(r.status_code for r in responses) == [200] * (n - 1) + [302]
    new = Case.objects.get(employee=eva, closed_on__isnull=True)
    assert new != old and Case.objects.filter(employee=eva).count() == 2
    old.refresh_from_db()
    assert old.closed_on == date(2026, 7, 1)
