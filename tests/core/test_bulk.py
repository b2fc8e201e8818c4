"""core.bulk.insert_rows: plain INSERTs that fill defaults and adapt dates and decimals;
core.bulk.update_rows: one UPDATE per batch that sets exactly the rows and fields given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from openverzuim.cases.models import Employee, Employment
from openverzuim.core.bulk import insert_rows, update_rows


def test_rows_get_the_fields_defaults_and_their_dates_and_amounts_back(bakery):
    before = timezone.now()
    count = insert_rows(
        Employee,
        (
            {
                "organisation_id": bakery.pk,
                "employee_number": str(n),
                "first_name": "A",
                "last_name": str(n),
                "date_of_birth": date(1990, 1, n + 1),
            }
            for n in range(3)
        ),
        batch_size=2,
    )
    assert count == 3
    employees = list(Employee.objects.order_by("employee_number"))
    assert [e.date_of_birth for e in employees] == [
        date(1990, 1, 1),
        date(1990, 1, 2),
        date(1990, 1, 3),
    ]
    assert all(
        e.work_phone == "" and e.bsn == "" and e.created_at >= before.replace(microsecond=0)
        for e in employees
    )
    insert_rows(
        Employment,
        [
            {
                "employee_id": employees[0].pk,
                "start": date(2020, 1, 1),
                "contract_hours": Decimal("16.5"),
                "wage": Decimal("1234.56"),
            }
        ],
    )
    employment = Employment.objects.get()
    assert (
        employment.contract_hours,
        employment.wage,
        employment.fulltime_hours,
        employment.wage_period,
        employment.end,
    ) == (Decimal("16.5"), Decimal("1234.56"), Decimal("40"), "month", None)


def test_update_rows_sets_the_given_fields_of_the_given_rows_only(bakery):
    insert_rows(
        Employee,
        (
            {
                "organisation_id": bakery.pk,
                "employee_number": str(n),
                "first_name": "A",
                "last_name": str(n),
                "date_of_birth": date(1990, 1, n + 1),
            }
            for n in range(4)
        ),
    )
    first, second, third, fourth = Employee.objects.order_by("employee_number")
    # A null among dates and a whole batch of nulls: both databases take them as the column's type.
    sent = update_rows(
        Employee,
        ["date_of_birth", "first_name"],
        [(first.pk, None, "B"), (second.pk, date(1980, 2, 29), "C"), (third.pk, None, "D")],
        batch_size=2,
    )
    assert sent == 3
    assert list(
        Employee.objects.order_by("employee_number").values_list("date_of_birth", "first_name")
    ) == [(None, "B"), (date(1980, 2, 29), "C"), (None, "D"), (date(1990, 1, 4), "A")]
    assert update_rows(Employee, ["first_name"], []) == 0
    with pytest.raises(ValueError):
        update_rows(Employee, ["no_such_field"], [(fourth.pk, "x")])
