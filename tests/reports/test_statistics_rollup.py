"""The daily rollup (cases.statistics_rollup) gives exactly the counts `reports.counting` gives: on
the worked example, on random organisations made row by row, and after any sequence of service
calls (employments, sickness across window edges, relapses, partial work, leave, joining and
leaving, department moves); the dashboard's query count does not grow with the employer."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.accounts.models import Department
from openverzuim.cases import services
from openverzuim.cases.models import (
    Employee,
    StatisticsContribution,
    StatisticsPending,
    StatisticsTotal,
)
from openverzuim.cases.statistics_rollup import (
    statistics_fill_missing,
    statistics_rebuild,
    statistics_refresh,
)
from openverzuim.cases.uwv import services as uwv
from openverzuim.reminders import digest
from openverzuim.reports import figures as f
from openverzuim.reports.counting import Basis
from openverzuim.reports.rollup import statistics_check
from openverzuim.reports.statistics import dashboard
from tests.reports.statistics_world import employ, sick, worked_example
from tests.reports.test_statistics_counting import _make, employee_plan

WINDOWS = [
    f.Window(date(2026, 1, 1), date(2026, 3, 31)),
    f.Window(date(2026, 1, 1), date(2026, 1, 31)),
    f.Window(date(2025, 12, 25), date(2026, 2, 3)),
    f.Window(date(2026, 3, 10), date(2026, 3, 20)),
    f.Window(date(2025, 1, 1), date(2025, 12, 31)),
    f.Window(date(2025, 7, 1), date(2026, 6, 30)),
    f.Window(date(2024, 2, 29), date(2024, 3, 1)),
]
BASES = (Basis(), Basis("working"), Basis(weight="headcount"), Basis("working", "headcount"))
TODAY = date(2026, 6, 30)


def _totals(organisation=None) -> dict:
    """The non-zero rows of the totals (a float to a billionth), of one organisation or all."""
    found = {}
    rows = StatisticsTotal.objects.filter(organisation=organisation) if organisation else None
    for row in (rows if rows is not None else StatisticsTotal.objects).values_list(
        "department_key", "kind", "day", "since", "n", "days", "fte", "head", "pay"
    ):
        values = (*row[4:6], *(round(x, 9) for x in row[6:]))
        if any(values):
            found[row[:4]] = values
    return found


def test_the_worked_example_through_the_rollup(bakery):
    worked_example(bakery)
    for basis in BASES:
        assert statistics_check(bakery, WINDOWS, basis) == []
    # The rebuild writes the same rows the services' refreshes added up.
    before = _totals()
    statistics_rebuild(bakery.pk)
    assert _totals() == before
    assert statistics_check(bakery, WINDOWS) == []


def test_the_check_finds_a_row_that_is_off(bakery):
    worked_example(bakery)
    row = StatisticsTotal.objects.filter(kind=0).first()
    row.fte += 1
    row.save()
    found = statistics_check(bakery, WINDOWS[:1])
    assert {d.field for d in found} == {"available"}
    with pytest.raises(CommandError, match="disagree"):
        call_command("statistics_rebuild", organisation=str(bakery.pk), check_only=True)
    # Rewriting each employee adds only what their rows changed: a total changed by hand stays.
    with pytest.raises(CommandError, match="disagree"):
        call_command("statistics_rebuild", organisation=str(bakery.pk), check=True)
    call_command("statistics_rebuild", organisation=str(bakery.pk), afresh=True, check=True)
    assert statistics_check(bakery, WINDOWS[:1]) == []


def test_the_nightly_rewrite_catches_rows_written_around_the_services(bakery):
    worked_example(bakery)
    ann = Employee.objects.get(first_name="Ann")
    ann.employments.update(contract_hours=Decimal("20"))  # as a bulk load or the admin would
    assert statistics_check(bakery, WINDOWS[:1])
    call_command("statistics_rebuild", organisation=str(bakery.pk), check=True)
    assert statistics_check(bakery, WINDOWS) == []


def test_data_from_before_the_rollup_is_written_by_the_next_daily_job(bakery, installer, today):
    """An employer whose contracts predate the rollup (the upgrade that added it, which marks it
    pending) is written afresh by the daily job, first, whatever a service refreshed meanwhile;
    an employer that was not marked is left alone."""
    worked_example(bakery)
    employ(installer, "Ivo", "40")
    StatisticsTotal.objects.filter(organisation=bakery).delete()
    StatisticsContribution.objects.filter(organisation=bakery).delete()
    StatisticsPending.objects.create(organisation=bakery)  # as the migration does
    statistics_refresh(Employee.objects.filter(first_name="Ann"))  # a service, before the night
    assert statistics_check(bakery, WINDOWS[:1])
    kept = _totals(installer)
    digest.run(today)
    assert statistics_check(bakery, WINDOWS) == []
    assert _totals(installer) == kept
    assert not StatisticsPending.objects.exists()
    assert statistics_fill_missing() == []  # the next night: nothing pending, nothing written


def test_the_duration_classes_follow_the_window_end(bakery):
    """Periods of 7, 8, 42, 43, 365 and 366 days ending on 31 March, and a running one from
    1 January: in Q1 each is in the class of its length up to 31 March (the running one 90 days),
    in January of its length up to 31 January: the running one 31 days (8-42), the two longest
    306 and 307 days (43-365)."""
    end = date(2026, 3, 31)
    for n, length in enumerate((7, 8, 42, 43, 365, 366)):
        sick(employ(bakery, f"L{n}", "40"), (end - timedelta(days=length - 1), end))
    sick(employ(bakery, "Open", "40"), (date(2026, 1, 1), None))
    assert statistics_check(bakery, WINDOWS) == []
    board = dashboard(organisation=bakery, window=WINDOWS[0], basis=Basis())
    assert [round(x, 6) for x in board.total.sick_by_class] == [7, 8 + 42, 43 + 90 + 90, 90]
    assert [round(x, 6) for x in board.trend[-3].sick_by_class] == [0, 31, 62, 0]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans=st.lists(employee_plan, min_size=1, max_size=7))
def test_random_organisations_through_the_rollup(bakery, plans):
    """Any overlap of sickness, partial work, leave and employment, rows made directly."""
    with transaction.atomic():
        departments = [
            Department.objects.create(organisation=bakery, name=f"D{i}") for i in range(2)
        ]
        departments.append(None)
        for number, plan in enumerate(plans):
            _make(bakery, departments, number, plan)
        statistics_refresh(Employee.objects.filter(organisation=bakery))
        for basis in BASES[:2]:
            assert statistics_check(bakery, WINDOWS, basis) == []
        transaction.set_rollback(True)


# ── through the services ──────────────────────────────────────────────────────────────────────────

FIRST = date(2024, 10, 1)
step = st.tuples(
    st.sampled_from(
        ["sick", "recover", "sick", "recover", "resume", "leave_case", "leave_employee", "move"]
    ),
    st.integers(0, 50),  # days after the previous step
    st.integers(0, 120),  # a length, hours or a department
)
employee_story = st.fixed_dictionaries(
    {
        "department": st.integers(0, 2),
        "hours": st.sampled_from(["8", "20", "32", "36", "40"]),
        "start": st.integers(0, 450),
        "end": st.none() | st.integers(0, 400),  # leaving, that many days after the start
        "again": st.none() | st.integers(1, 60),  # joining again, that many days after leaving
        "steps": st.lists(step, min_size=2, max_size=10),
    }
)


def _live(bakery, anna, departments, number: int, story: dict) -> None:
    employee = services.employee_create(
        organisation=bakery,
        by=anna,
        first_name=f"P{number}",
        last_name="Bakker",
        employee_number=f"P{number}",
        department=departments[story["department"]],
    )
    start = FIRST + timedelta(story["start"])
    end = None if story["end"] is None else start + timedelta(story["end"])
    hours = Decimal(story["hours"])
    services.employment_create(
        employee=employee, by=anna, start=start, end=end, contract_hours=hours, wage=Decimal("2500")
    )
    if end is not None and story["again"] is not None:
        services.employment_create(
            employee=employee,
            by=anna,
            start=end + timedelta(story["again"]),
            contract_hours=Decimal("24"),
            wage=Decimal("600"),
            wage_period="week",
        )
    day = start
    for kind, gap, extra in story["steps"]:
        day += timedelta(gap)
        if day > TODAY:
            break
        case = employee.cases.order_by("-pk").first()
        # A step the service refuses (an overlap, a date to come, ...) writes nothing.
        with contextlib.suppress(ValidationError):
            _step(kind, day, extra, employee, case, anna, departments, hours)


def _step(kind, day, extra, employee, case, anna, departments, hours) -> None:
    if kind == "sick":
        services.sick_report_create(employee=employee, first_sick_day=day, by=anna, today=TODAY)
    elif kind == "recover" and case is not None:
        services.recovery_report_create(
            case=case, recovered_on=day + timedelta(1), by=anna, today=TODAY
        )
    elif kind == "resume" and case is not None:
        services.work_resumption_create(
            case=case,
            start=day,
            hours_per_week=Decimal(min(extra % 40 + 1, int(hours) - 1) or 1),
            kind="own_work",
            by=anna,
            today=TODAY,
        )
    elif kind == "leave_case" and case is not None:
        case.refresh_from_db()
        uwv.leave_record(
            case=case,
            start=day,
            end=day + timedelta(extra),
            version=case.uwv_version,
            by=anna,
            today=TODAY,
        )
    elif kind == "leave_employee":
        services.employee_leave_record(
            employee=employee, start=day, end=day + timedelta(extra), by=anna
        )
    elif kind == "move":
        employee.refresh_from_db()
        services.employee_update(employee=employee, by=anna, department=departments[extra % 3])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(stories=st.lists(employee_story, min_size=1, max_size=5))
def test_after_any_service_calls_the_rollup_is_the_counting(bakery, anna, stories):
    with transaction.atomic():
        departments = [
            Department.objects.create(organisation=bakery, name=f"D{i}") for i in range(2)
        ]
        departments.append(None)
        for number, story in enumerate(stories):
            _live(bakery, anna, departments, number, story)
        assert statistics_check(bakery, WINDOWS) == []
        transaction.set_rollback(True)


def test_a_removed_employee_leaves_the_totals(bakery):
    worked_example(bakery)
    ann = Employee.objects.get(first_name="Ann")
    statistics_refresh(Employee.objects.filter(pk=ann.pk), removing=True)
    ann.delete()
    assert not StatisticsContribution.objects.filter(employee=ann.pk).exists()
    assert statistics_check(bakery, WINDOWS) == []


def test_the_dashboard_reads_the_same_number_of_queries_whatever_the_employer(bakery):
    worked_example(bakery)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            dashboard(organisation=bakery, window=WINDOWS[0], basis=Basis())
        return len(captured)

    few = queries()
    for n in range(30):
        sick(
            employ(bakery, f"Extra{n}", "30", start=date(2025, 1, 1 + n % 28)),
            (date(2025, 12, 1 + n % 28), date(2026, 2, 1)),
            resumptions=((date(2026, 1, 25), "10"),),
        )
    assert queries() == few <= 5
