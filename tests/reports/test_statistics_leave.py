"""Pregnancy and maternity leave of an employee who was never sick (recorded on her employee page,
outside any case) leaves her available days too: worked out by hand, through the service, the page
and the counting; leave that overlaps other leave or lies within a sickness case is refused."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import services
from openverzuim.cases.models import LeavePeriod
from openverzuim.reports import figures as f
from tests.reports.statistics_world import employ, sick
from tests.reports.test_statistics_counting import counted


def five_bakers(bakery):
    """Q1 2026, 90 days, five full-timers: Ann, Bea (leave 1 February to 31 March: 59 days, never
    sick), Cas (sick 5 to 14 January: 10 days), Dik, Els. Available 5 x 90 - 59 = 391; sick 10;
    10 / 391 = 2.5575 -> 2.56 %. Counting Bea's leave as available would give 10 / 450 = 2.22 %."""
    employed = {name: employ(bakery, name, "40") for name in ("Ann", "Bea", "Cas", "Dik", "Els")}
    sick(employed["Cas"], (date(2026, 1, 5), date(2026, 1, 14)))
    return employed


def test_leave_outside_a_case_leaves_the_available_days(bakery, anna):
    bea = five_bakers(bakery)["Bea"].employee
    before = counted(bakery)
    assert (before.available, before.sick) == (450, 10)
    services.employee_leave_record(
        employee=bea, start=date(2026, 2, 1), end=date(2026, 3, 31), by=anna
    )
    counts = counted(bakery)
    assert (counts.available, counts.sick) == (391, 10)
    assert f.absence_percentage(counts).value == Decimal("2.56")
    # She is still employed and was never sick: zero absence counts her.
    assert (counts.employees, counts.absent) == (5, 1)
    assert AuditEntry.objects.filter(employee_id=bea.pk, subject__startswith="leave ").exists()


def test_leave_over_two_employments_is_clipped_to_each(bakery, anna):
    """Bea works 40 hours to 31 January, then 20: her leave in February and March (59 days) weighs
    0.5. Available: 4 x 90 + 31 + 59 x 0.5 - 59 x 0.5 = 391."""
    employed = five_bakers(bakery)
    first = employed["Bea"]
    first.end = date(2026, 1, 31)
    first.save()
    first.employee.employments.create(
        start=date(2026, 2, 1), contract_hours=Decimal("20"), wage=Decimal("1500")
    )
    assert counted(bakery).available == 4 * 90 + 31 + 59 * 0.5
    services.employee_leave_record(
        employee=first.employee, start=date(2026, 1, 25), end=date(2026, 3, 31), by=anna
    )
    # 25-31 January at 1.0 (7 days) and February-March at 0.5 leave the available days.
    assert counted(bakery).available == pytest.approx(4 * 90 + 31 - 7)


def test_the_form_is_reached_from_the_employee_page(client, anna, bakery):
    bea = five_bakers(bakery)["Bea"].employee
    client.force_login(anna)
    page = client.get(reverse("cases:employee_edit", args=[bea.pk]), HTTP_ACCEPT_LANGUAGE="en")
    url = reverse("cases:employee_leave_new", args=[bea.pk])
    assert url in page.content.decode()
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    token = re.search(r'name="submission_token" value="([^"]+)"', form.content.decode())
    assert form.status_code == 200 and token
    data = {"start": "2026-02-01", "end": "2026-03-31", "submission_token": token[1]}
    response = client.post(url, data)
    assert response.status_code == 302
    assert LeavePeriod.objects.get(employee=bea, case=None).end == date(2026, 3, 31)
    page = client.get(reverse("cases:employee_edit", args=[bea.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "on this page" in page.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (date(2026, 3, 1), date(2026, 2, 1), "end", "before its first day"),
        (date(2026, 3, 1), date(2026, 4, 30), "start", "overlaps the leave"),
        (date(2025, 12, 20), date(2026, 1, 6), "start", "within the sickness case"),
    ],
)
def test_refused_leave_names_the_field(bakery, anna, start, end, field, message):
    employed = five_bakers(bakery)
    services.employee_leave_record(
        employee=employed["Cas"].employee, start=date(2026, 2, 1), end=date(2026, 3, 31), by=anna
    )
    with pytest.raises(ValidationError) as refused:
        services.employee_leave_record(
            employee=employed["Cas"].employee, start=start, end=end, by=anna
        )
    assert message in " ".join(refused.value.message_dict[field])


def test_leave_recorded_by_mistake_is_removed_from_the_employee_page(client, anna, bakery):
    bea = five_bakers(bakery)["Bea"].employee
    leave = services.employee_leave_record(
        employee=bea, start=date(2026, 2, 1), end=date(2026, 3, 31), by=anna
    )
    assert counted(bakery).available == 391
    client.force_login(anna)
    url = reverse("cases:employee_leave_remove", args=[bea.pk, leave.pk])
    page = client.get(reverse("cases:employee_edit", args=[bea.pk]))
    assert url in page.content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not LeavePeriod.objects.filter(pk=leave.pk).exists()
    assert counted(bakery).available == 450
    assert AuditEntry.objects.filter(
        employee_id=bea.pk, subject=f"leave {leave.pk}", fields="removed"
    ).exists()


def test_leave_in_a_case_is_removed_in_the_case(client, anna, bakery):
    cas = five_bakers(bakery)["Cas"]
    case = cas.employee.cases.get()
    leave = LeavePeriod.objects.create(
        employee=cas.employee, case=case, start=date(2026, 2, 1), end=date(2026, 3, 31)
    )
    client.force_login(anna)
    response = client.get(reverse("cases:employee_leave_remove", args=[cas.employee.pk, leave.pk]))
    assert response["Location"] == reverse("cases:leave_remove", args=[case.pk, leave.pk])
    with pytest.raises(ValidationError):
        services.employee_leave_remove(employee=cas.employee, leave=leave, by=anna)
    assert LeavePeriod.objects.filter(pk=leave.pk).exists()
