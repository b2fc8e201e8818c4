"""The cost of absence: wages paid without work and known re-integration costs, per month and per
department, from the engine's pay schedules of every case the user may see (through the cases
selector, never a raw queryset). Pay for hours of own work during partial resumption is wage for
work done, not a cost of absence (decision D12)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from openverzuim.accounts.models import User
from openverzuim.cases.engine import case_pay_schedule, case_timeline
from openverzuim.cases.selectors import case_list_for

MONTHS_BACK, MONTHS_AHEAD = 11, 6


def _month(day: date, shift: int) -> str:
    index = day.year * 12 + day.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@dataclass(frozen=True)
class CostReport:
    months: list[str]
    current: str  # months after this one are projections
    by_department: dict[str, dict[str, Decimal]]
    totals: dict[str, Decimal]
    reintegration: dict[str, Decimal]  # the part of the totals that is re-integration costs
    without_wage: int  # cases left out for want of an employment with a wage

    @property
    def peak(self) -> Decimal:
        return max(self.totals.values(), default=Decimal(0)) or Decimal(1)


def cost_of_absence_for(*, user: User, today: date) -> CostReport:
    months = [_month(today, shift) for shift in range(-MONTHS_BACK, MONTHS_AHEAD + 1)]
    wanted = set(months)
    by_department: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    reintegration: dict[str, Decimal] = defaultdict(Decimal)
    without_wage = 0
    cases = case_list_for(user=user).select_related("employment__employee").prefetch_related(
        "resumptions", "reintegration_costs", "wage_measures")  # what the schedule reads, at once
    for case in cases:
        department = str(case.employee.department or _("No department"))
        for cost in case.reintegration_costs.all():
            if f"{cost.date:%Y-%m}" in wanted:
                by_department[department][f"{cost.date:%Y-%m}"] += cost.amount
                reintegration[f"{cost.date:%Y-%m}"] += cost.amount
        schedule = case_pay_schedule(case, case_timeline(case, today))
        if schedule is None:
            without_wage += 1
            continue
        for month in schedule.months:
            if month.month in wanted:
                by_department[department][month.month] += month.cost_of_absence
    totals = {m: sum((d[m] for d in by_department.values()), Decimal(0)) for m in months}
    return CostReport(months, _month(today, 0),
                      {name: dict(values) for name, values in sorted(by_department.items())},
                      totals, {m: reintegration[m] for m in months}, without_wage)
