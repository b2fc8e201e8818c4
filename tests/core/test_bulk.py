"""core.bulk.insert_rows: plain INSERTs that fill defaults and adapt dates and decimals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from openverzuim.cases.models import Employee, Employment
from openverzuim.core.bulk import insert_rows


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
