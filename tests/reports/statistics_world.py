"""A small bakery whose absence in the first quarter of 2026 is worked out by hand
(docs/statistics.md, "A worked example"). Full time is 40 hours; Q1 2026 has 90 calendar days.

| employee | hours | factor | in Q1                                         | sick x factor      | available          |
|----------|-------|--------|-----------------------------------------------|--------------------|--------------------|
| Ann      | 40    | 1.0    | never sick                                    | 0                  | 90                 |
| Bob      | 20    | 0.5    | sick 20 Dec 2025 - 10 Jan (22 days in all)    | 10 x 0.5 = 5       | 45                 |
| Cor      | 32    | 0.8    | sick 1-5 Feb, relapse 20 Feb - 3 Mar          | 17 x 0.8 = 13.6    | 72                 |
| Dee      | 40    | 1.0    | sick from 2 Mar, works 20 of 40 h from 16 Mar | 30 - 16 x 0.5 = 22 | 90                 |
| Eef      | 36    | 0.9    | sick 20 Jan - 10 Feb, pregnancy leave 1 Feb   | 12 x 0.9 = 10.8    | 81 - 53.1 = 27.9   |
| Fay      | 24    | 0.6    | joined 15 Feb, never sick                     | 0                  | 45 x 0.6 = 27      |

Absence percentage 51.4 / 351.9 = 14.61 %. Reports begun in Q1: 4 (Cor 2, Dee, Eef) over 495 / 365
employee-years = 2.95 a year. Ended in Q1: Bob 22, Cor 5 and 12, Eef 22 days: 61 / 4 = 15.3 days.
Never sick in Q1: Ann and Fay, 2 of 6 = 33.3 %.

The rows are made directly, not through the services; each helper then rewrites the employee's rows
of the statistics rollup, as the services do (cases.statistics_rollup).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openverzuim.accounts.models import Department, Organisation
from openverzuim.cases.models import (
    Case,
    Employee,
    Employment,
    LeavePeriod,
    SicknessPeriod,
    WorkResumption,
)
from openverzuim.cases.statistics_rollup import statistics_refresh

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
LONG_AGO = date(2020, 1, 1)


def employ(
    organisation: Organisation,
    name: str,
    hours: str,
    *,
    start: date = LONG_AGO,
    department: Department | None = None,
    number: str | None = None,
) -> Employment:
    employee = Employee.objects.create(
        organisation=organisation,
        department=department,
        first_name=name,
        last_name="Bakker",
        employee_number=number or name,
    )
    employment = Employment.objects.create(
        employee=employee, start=start, contract_hours=Decimal(hours), wage=Decimal("3000")
    )
    refresh(employee)
    return employment


def refresh(employee: Employee) -> None:
    statistics_refresh(Employee.objects.filter(pk=employee.pk))


def sick(
    employment: Employment,
    *periods: tuple[date, date | None],
    resumptions: tuple[tuple[date, str], ...] = (),
) -> Case:
    closed = periods[-1][1]
    case = Case.objects.create(
        organisation=employment.employee.organisation,
        employee=employment.employee,
        employment=employment,
        closed_on=closed,
    )
    for start, end in periods:
        SicknessPeriod.objects.create(case=case, start=start, end=end)
    for start, hours in resumptions:
        WorkResumption.objects.create(
            case=case, start=start, hours_per_week=Decimal(hours), kind="own_work"
        )
    refresh(employment.employee)
    return case


def worked_example(organisation: Organisation, department: Department | None = None) -> None:
    def d(month: int, day: int, year: int = 2026) -> date:
        return date(year, month, day)

    employ(organisation, "Ann", "40", department=department)
    sick(employ(organisation, "Bob", "20", department=department), (d(12, 20, 2025), d(1, 10)))
    sick(
        employ(organisation, "Cor", "32", department=department),
        (d(2, 1), d(2, 5)),
        (d(2, 20), d(3, 3)),
    )
    sick(
        employ(organisation, "Dee", "40", department=department),
        (d(3, 2), None),
        resumptions=((d(3, 16), "20"),),
    )
    eef = employ(organisation, "Eef", "36", department=department)
    # Recorded in her case as it stands (the leave form itself refuses leave over a sick day).
    LeavePeriod.objects.create(
        employee=eef.employee, case=sick(eef, (d(1, 20), d(2, 10))), start=d(2, 1), end=d(5, 23)
    )
    refresh(eef.employee)
    employ(organisation, "Fay", "24", start=d(2, 15), department=department)
