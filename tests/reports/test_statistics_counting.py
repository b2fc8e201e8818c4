"""The absence figures, worked out by hand on a small bakery (statistics_world.py) and asserted to
the decimal, on both day bases and both weights; the windows; the query count; and a property: on any
small organisation the database's sums are the day-by-day sums, and the organisation's percentage is
its departments' weighted by their available days."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.accounts.models import Department
from openverzuim.cases.models import Employee, LeavePeriod
from openverzuim.reports import counting
from openverzuim.reports import figures as f
from tests.reports.statistics_world import Q1, employ, sick, worked_example

QUARTER = f.Window(*Q1)
CBS = counting.Basis()


def counted(organisation, window=QUARTER, basis=CBS, **extra) -> f.Counts:
    employees = Employee.objects.filter(organisation=organisation)
    return counting.count(employees, [window], basis=basis, **extra)[0].get(None, f.Counts())


def test_the_worked_example_to_the_decimal(bakery):
    worked_example(bakery)
    counts = counted(bakery)
    assert counts.available == pytest.approx(351.9)
    assert counts.sick == pytest.approx(51.4)
    assert [round(x, 6) for x in counts.sick_by_class] == [4.0, 47.4, 0, 0]
    assert (counts.headcount_days, counts.reports, counts.ended, counts.ended_days) == (
        495,
        4,
        4,
        61,
    )
    assert (counts.employees, counts.absent) == (6, 4)
    result = f.figures(counts)
    assert result["absence_percentage"].value == Decimal("14.61")
    assert result["reporting_frequency"].value == Decimal("2.95")
    assert result["average_duration_days"].value == Decimal("15.3")
    assert result["zero_absence_percentage"].value == Decimal("33.3")
    assert [p.value for p in f.class_percentages(counts)] == [
        Decimal("1.14"),
        Decimal("13.47"),
        Decimal("0.00"),
        Decimal("0.00"),
    ]


def test_headcount_counts_each_employee_as_one(bakery):
    """Sick days: Bob 10, Cor 17, Dee 30 - 16 x 20/40 = 22, Eef 12: 61. Available: 5 x 90 - 59
    (Eef's leave) + 45 (Fay) = 436. 61 / 436 = 13.99 %."""
    worked_example(bakery)
    counts = counted(bakery, basis=counting.Basis(weight="headcount"))
    assert (counts.sick, counts.available) == (pytest.approx(61), pytest.approx(436))
    assert f.absence_percentage(counts).value == Decimal("13.99")


def test_working_days_leave_out_the_weekends(bakery):
    """Q1 2026 has 64 working days. Ann alone, 40 hours, sick Friday 6 to Tuesday 10 March: three
    working days of the five calendar days; 3 / 64 = 4.69 %."""
    sick(employ(bakery, "Ann", "40"), (date(2026, 3, 6), date(2026, 3, 10)))
    counts = counted(bakery, basis=counting.Basis(days="working"))
    assert (counts.sick, counts.available) == (pytest.approx(3), pytest.approx(64))
    assert f.absence_percentage(counts).value == Decimal("4.69")
    assert f.average_duration(counts).value == Decimal("5.0")  # duration stays in calendar days


def test_a_case_over_a_year_counts_and_falls_in_the_longest_class(bakery):
    sick(employ(bakery, "Ann", "40"), (date(2024, 12, 1), None))
    counts = counted(bakery)
    assert counts.sick == pytest.approx(90) and counts.sick_by_class[3] == pytest.approx(90)
    assert counts.reports == 0 and counts.ended == 0


def test_an_employee_who_left_counts_until_the_last_day(bakery):
    employment = employ(bakery, "Ann", "40")
    employment.end = date(2026, 1, 31)
    employment.save()
    sick(employment, (date(2026, 1, 20), date(2026, 2, 20)))
    counts = counted(bakery)
    assert (counts.available, counts.sick) == (pytest.approx(31), pytest.approx(12))


def test_the_windows():
    today = date(2026, 11, 22)
    assert f.window("month", 2026, 2, today) == f.Window(date(2026, 2, 1), date(2026, 2, 28))
    assert f.window("quarter", 2026, 5, today) == f.Window(date(2026, 4, 1), date(2026, 6, 30))
    assert f.window("year", 2026, 3, today) == f.Window(date(2026, 1, 1), today)
    assert f.window("rolling", 2026, 3, today) == f.Window(date(2025, 4, 1), date(2026, 3, 31))
    assert f.window("month", 2026, 12, today) is None
    months = f.trend_months(date(2026, 3, 15))
    assert (months[0].start, months[-1].start, months[-1].end) == (
        date(2025, 4, 1),
        date(2026, 3, 1),
        date(2026, 3, 15),
    )
    assert f.Window(date(2024, 2, 29), date(2024, 3, 31)).year_before().start == date(2023, 2, 28)


def test_nothing_to_divide_by_is_no_figure():
    result = f.figures(f.Counts())
    assert all(figure.value is None for figure in result.values())
    assert f.Counts(employees=4).suppressed and not f.Counts(employees=5).suppressed


def test_the_query_count_does_not_grow_with_the_data(bakery, django_assert_num_queries):
    worked_example(bakery)
    months = f.trend_months(QUARTER.end)
    employees = Employee.objects.filter(organisation=bakery)
    with django_assert_num_queries(6):
        counting.count(employees, months, basis=counting.Basis())
    for n in range(40):
        sick(
            employ(bakery, f"Extra{n}", "30"),
            (date(2026, 1, 1 + n % 20), date(2026, 2, 1)),
            resumptions=((date(2026, 1, 25), "10"),),
        )
    with django_assert_num_queries(6):
        counting.count(employees, months, basis=counting.Basis(), by_department=True)


# ── the property ──────────────────────────────────────────────────────────────────────────────

START = date(2025, 11, 1)
WINDOW = f.Window(date(2026, 1, 1), date(2026, 3, 31))

employee_plan = st.fixed_dictionaries(
    {
        "department": st.integers(0, 2),
        "hours": st.sampled_from(["8", "20", "24", "32", "36", "40"]),
        "start": st.integers(0, 120),
        "periods": st.lists(st.tuples(st.integers(0, 30), st.integers(0, 40)), max_size=3),
        "open": st.booleans(),
        "resumptions": st.lists(
            st.tuples(st.integers(0, 150), st.sampled_from(["4", "16", "48"])),
            max_size=2,
            unique_by=lambda r: r[0],
        ),
        "leave": st.none() | st.tuples(st.integers(0, 150), st.integers(0, 60)),
    }
)


def _make(bakery, departments, number: int, plan: dict):
    employment = employ(
        bakery,
        f"E{number}",
        plan["hours"],
        start=START + timedelta(plan["start"]),
        department=departments[plan["department"]],
    )
    periods, day = [], START
    for gap, length in plan["periods"]:
        first = day + timedelta(gap + 1)
        periods.append((first, first + timedelta(length)))
        day = first + timedelta(length)
    if periods and plan["open"]:
        periods[-1] = (periods[-1][0], None)
    resumptions = tuple((START + timedelta(offset), hours) for offset, hours in plan["resumptions"])
    case = sick(employment, *periods, resumptions=resumptions) if periods else None
    if plan["leave"]:  # in the case if there is one, else on the employee (cases.LeavePeriod)
        first = START + timedelta(plan["leave"][0])
        LeavePeriod.objects.create(
            employee_id=employment.employee_id,
            case=case,
            start=first,
            end=first + timedelta(plan["leave"][1]),
        )
    return employment, periods, resumptions


def _by_hand(made, window: f.Window) -> tuple[float, float, float, float]:
    """Day by day: available and sick days x part-time factor, and their wages (3,000 a month:
    3,000 x 12 / 365 a day), as docs/statistics.md says."""
    available = sick_days = wages = sick_wages = 0.0
    daily = 3000 * 12 / 365
    for employment, periods, resumptions in made:
        hours = float(employment.contract_hours)
        factor = hours / 40
        leaves = list(LeavePeriod.objects.filter(employee=employment.employee_id))
        day = max(window.start, employment.start)
        while day <= window.end:
            if not any(leave.start <= day <= leave.end for leave in leaves):
                available += factor
                wages += daily
                period = next(
                    (p for p in periods if p[0] <= day and (p[1] is None or day <= p[1])), None
                )
                if period is not None:
                    worked = [(s, h) for s, h in resumptions if s <= day]
                    latest = max(worked, default=None)
                    share = 0.0
                    if latest is not None and latest[0] >= period[0]:
                        share = min(float(latest[1]), hours) / hours
                    sick_days += factor * (1 - share)
                    sick_wages += daily * (1 - share)
            day += timedelta(days=1)
    return available, sick_days, wages, sick_wages


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans=st.lists(employee_plan, min_size=1, max_size=7))
def test_the_sums_are_the_day_by_day_sums_and_departments_add_up(bakery, plans):
    with transaction.atomic():
        departments = [
            Department.objects.create(organisation=bakery, name=f"D{i}") for i in range(2)
        ]
        departments.append(None)
        made = [_make(bakery, departments, number, plan) for number, plan in enumerate(plans)]
        total = counted(bakery, WINDOW)
        available, sick_days, wages, sick_wages = _by_hand(made, WINDOW)
        assert total.available == pytest.approx(available, abs=1e-6)
        assert total.sick == pytest.approx(sick_days, abs=1e-6)
        assert total.wages == pytest.approx(wages, abs=1e-6)
        assert total.sick_wages == pytest.approx(sick_wages, abs=1e-6)
        parts = counted_by_department = counting.count(
            Employee.objects.filter(organisation=bakery),
            [WINDOW],
            basis=counting.Basis(),
            by_department=True,
        )[0]
        assert sum(c.employees for c in counted_by_department.values()) == total.employees
        if total.available:
            weighted = sum(
                c.sick / c.available * c.available for c in parts.values() if c.available
            )
            assert weighted / total.available == pytest.approx(total.sick / total.available)
        transaction.set_rollback(True)


def test_the_duration_classes_at_their_edges(bakery):
    """Periods of 7, 8, 42, 43, 365 and 366 days ending on 31 March: their days in Q1 fall in the
    class of their whole length."""
    end = date(2026, 3, 31)
    for n, length in enumerate((7, 8, 42, 43, 365, 366)):
        sick(employ(bakery, f"L{n}", "40"), (end - timedelta(days=length - 1), end))
    counts = counted(bakery)
    assert [round(x, 6) for x in counts.sick_by_class] == [7, 8 + 42, 43 + 90, 90]
    assert (counts.ended, counts.ended_days) == (6, 7 + 8 + 42 + 43 + 365 + 366)


def test_the_absence_cost_percentage_by_hand(bakery):
    """Q1 2026 (90 days); a calendar day's wage is law.pay's monthly wage x 12 / 365.
    Pim 3,650 a month (120 a day) sick 1-10 January: 10 x 120 = 1,200 of 10,800.
    Ria 730 a week, 20 hours (730 x 52 / 365 = 104 a day), sick from 2 March, working 10 of her 20
    hours from 16 March: (30 - 16 x 10/20) x 104 = 2,288 of 9,360.
    Sem 36.50 an hour for 20 hours (36.5 x 20 x 52 / 365 = 104 a day), never sick: 9,360.
    Tom and Ulla 3,650 a month, never sick: 10,800 each.
    3,488 / 51,120 = 6.82 %."""
    pim, ria, sem, tom, ulla = (
        employ(bakery, name, hours)
        for name, hours in (
            ("Pim", "40"),
            ("Ria", "20"),
            ("Sem", "20"),
            ("Tom", "40"),
            ("Ul", "40"),
        )
    )
    for employment, wage, period in (
        (pim, "3650", "month"),
        (ria, "730", "week"),
        (sem, "36.50", "hour"),
        (tom, "3650", "month"),
        (ulla, "3650", "month"),
    ):
        employment.wage, employment.wage_period = Decimal(wage), period
        employment.save()
    sick(pim, (date(2026, 1, 1), date(2026, 1, 10)))
    sick(ria, (date(2026, 3, 2), None), resumptions=((date(2026, 3, 16), "10"),))
    counts = counted(bakery)
    assert counts.wages == pytest.approx(51_120)
    assert counts.sick_wages == pytest.approx(3_488)
    cost = f.absence_cost_percentage(counts)
    assert (cost.value, cost.numerator, cost.denominator) == (
        Decimal("6.82"),
        Decimal("3488.0000"),
        Decimal("51120.0000"),
    )
