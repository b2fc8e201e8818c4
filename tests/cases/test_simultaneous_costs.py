"""Simultaneous sick reports in one department add to the same cost totals (cases.costs): every
difference arrives, none is lost or counted twice. `simultaneously` skips this on SQLite."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openverzuim.cases import services
from openverzuim.cases.costs import totals_check
from openverzuim.cases.models import CostMonth, CostTotal, Employee

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_sick_reports_add_every_month_to_the_totals(simultaneously, anna, eva, today):
    colleagues = [eva]
    for number in range(5):
        colleague = Employee.objects.create(
            organisation=eva.organisation,
            department=eva.department,
            first_name="Mo",
            last_name=f"Bakker {number}",
            employee_number=f"30{number}",
        )
        services.employment_create(
            employee=colleague,
            start=date(2020, 1, 1),
            contract_hours=Decimal(32),
            wage=Decimal("3000"),
        )
        colleagues.append(colleague)

    def report(i: int):
        return services.sick_report_create(
            employee=colleagues[i], first_sick_day=date(2026, 1, 5), by=anna, today=today
        )

    outcomes = simultaneously(6, report)
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert totals_check() == []
    february = CostTotal.objects.get(month=date(2026, 2, 1), department_key=eva.department_id)
    assert february.amount == 6 * CostMonth.objects.filter(month=date(2026, 2, 1)).first().amount
