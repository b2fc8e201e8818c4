"""Pregnancy and maternity leave recorded on the employee page: through the service, with an audit
entry, never overlapping, only by the employer administrator of the employee's organisation."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases.models import Leave


def url(employee) -> str:
    return reverse("cases:leave_new", args=[employee.pk])


def test_the_employer_records_leave_and_the_employee_page_lists_it(client, anna, eva):
    client.force_login(anna)
    employment = eva.employments.get()
    response = client.post(url(eva), {"employment": employment.pk, "start": "2026-12-01",
                                       "end": "2027-03-22"})
    assert response.status_code == 302
    leave = Leave.objects.get()
    assert (leave.employment, leave.start, leave.end, leave.kind) == (
        employment, date(2026, 12, 1), date(2027, 3, 22), "pregnancy")
    assert AuditEntry.objects.filter(action="write", subject=f"leave {leave.pk}",
                                     employee_id=eva.pk).count() == 1
    page = client.get(reverse("cases:employee_edit", args=[eva.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Pregnancy and maternity leave" in page.content.decode()


@pytest.mark.parametrize(("data", "field"), [
    ({"start": "2027-03-22", "end": "2026-12-01"}, "end"),
    ({"start": "2026-12-01", "end": "9999-12-31"}, "end"),
    ({"start": "2026-12-01\x00", "end": "2027-01-01"}, "start"),
])
def test_bad_dates_name_the_field_and_save_nothing(client, anna, eva, data, field):
    client.force_login(anna)
    response = client.post(url(eva), {"employment": eva.employments.get().pk, **data})
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Leave.objects.exists()


def test_overlapping_leave_is_refused(client, anna, eva):
    client.force_login(anna)
    employment = eva.employments.get()
    Leave.objects.create(employment=employment, start=date(2026, 12, 1), end=date(2027, 3, 22))
    response = client.post(url(eva), {"employment": employment.pk, "start": "2027-03-01",
                                      "end": "2027-04-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "overlaps leave already recorded" in response.content.decode()
    assert Leave.objects.count() == 1


def test_another_employers_administrator_reaches_nothing(client, carla, bram, eva):
    for user in (carla, bram):
        client.force_login(user)
        assert client.get(url(eva)).status_code == 404
        assert client.post(url(eva), {"employment": eva.employments.get().pk,
                                      "start": "2026-12-01", "end": "2027-01-01"}).status_code == 404
    assert not Leave.objects.exists()
