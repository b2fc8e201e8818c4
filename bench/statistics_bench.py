"""Benchmark of the absence statistics: a year's dashboard of one large employer.

Builds, with a fixed seed, one employer of `--employees` employees in 24 departments (eight with two
sub-departments each), part-timers among them, one in ten joining or leaving during the year; about
1.3 sickness periods per employee per year over two years (most short, one in twenty over six weeks,
a few over a year, one case in three with a relapse), partial work in one long period in four,
pregnancy leave for one employee in a hundred. Then writes the rollup of the statistics
(`statistics_rebuild`, the nightly job: timed once) and times `reports.statistics.dashboard()` for
the calendar year and the whole page (a GET through Django's test client: middleware, audit entry,
tables, charts, template), both summing the rollup, and one employee's rewrite of their rows (what a
service adds to its transaction). Generation is not timed.

It runs on a throwaway database: a temporary SQLite file unless `--database-url` names an empty
database (for PostgreSQL: `createdb` one first; the script migrates it).

    python bench/statistics_bench.py                          # 10,000 employees, SQLite
    python bench/statistics_bench.py --employees 100000 --database-url postgres://postgres@127.0.0.1:5432/ov_bench
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caseload_bench import setup_database, timed

SEED = 20261206
TODAY = date(2026, 11, 22)
YEAR_START = date(2025, 1, 1)
BATCH = 5_000


def _departments(employer) -> list:
    from openverzuim.accounts.models import Department

    tops = Department.objects.bulk_create(
        Department(organisation=employer, name=f"Afdeling {n:02d}") for n in range(16)
    )
    subs = Department.objects.bulk_create(
        Department(organisation=employer, name=f"Team {top.name[-2:]}-{k}", parent=top)
        for top in tops[:8]
        for k in (1, 2)
    )
    return tops + subs


def _periods(rng: random.Random) -> list[tuple[date, date | None]]:
    """Sickness periods from 2025 to today, one case's worth at a time, never overlapping."""
    periods, day = [], YEAR_START + timedelta(rng.randint(0, 300))
    while day < TODAY and len(periods) < 8:
        draw = rng.random()
        length = (
            rng.randint(1, 7)
            if draw < 0.7
            else rng.randint(8, 42)
            if draw < 0.95
            else rng.randint(43, 500)
        )
        end = day + timedelta(length - 1)
        periods.append((day, None if end >= TODAY else end))
        if end >= TODAY:
            break
        day = end + timedelta(rng.randint(10, 400))
    return periods


def build(employees: int, rng: random.Random):
    """The employer, its departments and its people; returns the employer and its administrator."""
    from openverzuim.accounts.models import Membership, Organisation, User
    from openverzuim.accounts.roles import Role
    from openverzuim.cases.models import (
        Case,
        Employee,
        Employment,
        LeavePeriod,
        SicknessPeriod,
        WorkResumption,
    )

    employer = Organisation.objects.create(name="Grote Werkgever")
    admin = User.objects.create_user("admin-groot", "admin@example.nl")
    Membership.objects.create(user=admin, organisation=employer, role=Role.EMPLOYER_ADMIN)
    departments = _departments(employer)
    for first in range(0, employees, BATCH):
        people = Employee.objects.bulk_create(
            Employee(
                organisation=employer,
                department=rng.choice(departments),
                first_name="W",
                last_name=str(n),
                employee_number=str(n),
            )
            for n in range(first, min(first + BATCH, employees))
        )
        employments = Employment.objects.bulk_create(_employment(person, rng) for person in people)
        cases, stretches = [], []
        for employment in employments:
            for chunk in _chunks(_periods(rng), rng):
                # Only the last period can be open, so at most one case per employee is.
                cases.append(
                    Case(
                        organisation=employer,
                        employee=employment.employee,
                        employment=employment,
                        closed_on=chunk[-1][1],
                    )
                )
                stretches.append(chunk)
        cases = Case.objects.bulk_create(cases)
        SicknessPeriod.objects.bulk_create(
            SicknessPeriod(case=case, start=s, end=e)
            for case, chunk in zip(cases, stretches, strict=True)
            for s, e in chunk
        )
        WorkResumption.objects.bulk_create(
            WorkResumption(
                case=case,
                start=chunk[0][0] + timedelta(days=14),
                hours_per_week=Decimal(rng.choice(["8", "16", "20"])),
                kind="own_work",
            )
            for case, chunk in zip(cases, stretches, strict=True)
            if (chunk[0][1] or TODAY) - chunk[0][0] > timedelta(days=42) and rng.random() < 0.25
        )
        leave_starts = (
            (e, date(2025, 3, 1) + timedelta(rng.randint(0, 500)))
            for e in employments
            if rng.random() < 0.01
        )
        # Leave on the employee page, outside any case (a case's own leave is rare here).
        LeavePeriod.objects.bulk_create(
            LeavePeriod(employee=e.employee, start=start, end=start + timedelta(111))
            for e, start in leave_starts
        )
    return employer, admin


def _employment(person, rng: random.Random):
    from openverzuim.cases.models import Employment

    start = date(2015, 1, 1) if rng.random() < 0.9 else YEAR_START + timedelta(rng.randint(0, 600))
    end = start + timedelta(rng.randint(200, 900)) if rng.random() < 0.05 else None
    return Employment(
        employee=person,
        start=start,
        end=end,
        wage=Decimal("3200"),
        contract_hours=Decimal(rng.choice(["40", "40", "36", "32", "24", "16"])),
    )


def _chunks(periods, rng: random.Random):
    """Periods into cases: one in three relapses joins the case before it."""
    chunks: list[list] = []
    for period in periods:
        if chunks and chunks[-1][-1][1] is not None and rng.random() < 0.33:
            chunks[-1].append(period)
        else:
            chunks.append([period])
    return chunks


def _p95(run, repeat: int) -> float:
    """The 95th percentile of max(repeat, 20) runs, in milliseconds."""
    import statistics
    import time

    times = []
    for _ in range(max(repeat, 20)):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.quantiles(times, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(args.database_url, Path(scratch))
        import time

        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from openverzuim.cases.models import Employee, SicknessPeriod, StatisticsTotal
        from openverzuim.cases.statistics_rollup import statistics_rebuild, statistics_refresh
        from openverzuim.reports import counting
        from openverzuim.reports.figures import Window, figures
        from openverzuim.reports.statistics import dashboard

        employer, admin = build(args.employees, random.Random(SEED))
        began = time.monotonic()
        statistics_rebuild(employer.pk)
        rebuilt = time.monotonic() - began
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        sample = list(Employee.objects.filter(organisation=employer).order_by("?")[: args.repeat])
        refresh = timed(
            lambda: statistics_refresh(Employee.objects.filter(pk=sample.pop().pk)), args.repeat
        )
        year = Window(date(2025, 1, 1), date(2025, 12, 31))
        basis = counting.Basis()
        board = dashboard(organisation=employer, window=year, basis=basis)
        assert board.total.employees > 0.9 * args.employees and board.total.sick > 0
        selector = timed(
            lambda: dashboard(organisation=employer, window=year, basis=basis), args.repeat
        )
        p95 = _p95(lambda: dashboard(organisation=employer, window=year, basis=basis), args.repeat)
        client = Client()
        client.force_login(admin)
        url = reverse("reports:statistics")
        query = {"organisation": employer.pk, "period": "year", "month": "2025-12"}
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, query).status_code == 200
        query_count = len(queries)
        page = timed(lambda: client.get(url, query), args.repeat)
        result = figures(board.total)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}; database: {connection.vendor}"
        )
        print(
            f"{args.employees:,} employees, {SicknessPeriod.objects.count():,} sickness periods; "
            f"2025: absence {result['absence_percentage'].value}%, frequency "
            f"{result['reporting_frequency'].value}, duration "
            f"{result['average_duration_days'].value} days, zero absence "
            f"{result['zero_absence_percentage'].value}%"
        )
        print(
            f"dashboard(): median {selector[0]:.0f} ms (fastest {selector[1]:.0f} ms, p95 of "
            f"{max(args.repeat, 20)} {p95:.0f} ms); page GET: "
            f"median {page[0]:.0f} ms (fastest {page[1]:.0f} ms), {query_count} queries"
        )
        print(
            f"rollup: {StatisticsTotal.objects.count():,} rows, rebuilt in {rebuilt:.1f} s; one "
            f"employee's rewrite: median {refresh[0]:.1f} ms (fastest {refresh[1]:.1f} ms); load "
            f"average {os.getloadavg()[0]:.1f}"
        )
        connection.close()


if __name__ == "__main__":
    main()
