"""Benchmark of the duty table: the nightly recompute and the worklist that reads it.

Builds, with a fixed seed and bulk inserts, `--tenants` employers of `--cases` open cases each (first
sick days spread over two years, the events such a case would have, some recovered), and logs in as
the first employer's administrator. Then times `duties_recompute` twice (filling the empty table,
then again with nothing to change), the selector `duties_for` for the worklist and the whole worklist
page (a GET through Django's test client), with its query count. Generation is not timed.

It runs on a throwaway database: a temporary SQLite file unless `--database-url` (or DATABASE_URL)
names an empty database (for PostgreSQL: `createdb` one first; the script migrates it).

    python bench/duties_bench.py                      # 2 employers x 10,000 open cases, SQLite
    python bench/duties_bench.py --database-url postgres://postgres@127.0.0.1:5432/ov_bench
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import tempfile
from datetime import timedelta
from pathlib import Path

from caseload_bench import SEED, TODAY, setup_database, timed

#: The milestone events a case of this many sick days has had recorded, in order (a few missing).
EVENTS = (
    (7, "occupational_health_notified"),
    (42, "problem_analysis"),
    (56, "action_plan"),
    (98, "progress_review"),
    (140, "progress_review"),
    (294, "uwv_42_week_report"),
    (364, "first_year_evaluation"),
)


def _build(tenants: int, cases: int, rng: random.Random):
    from openverzuim.accounts.models import Membership, Organisation, User
    from openverzuim.accounts.roles import Role
    from openverzuim.cases.models import Case, Employee, Event, SicknessPeriod

    admin = None
    for t in range(tenants):
        employer = Organisation.objects.create(name=f"Werkgever {t:02d}")
        user = User.objects.create_user(f"admin-{t}", f"admin{t}@example.nl")
        Membership.objects.create(user=user, organisation=employer, role=Role.EMPLOYER_ADMIN)
        admin = admin or user
        employees = Employee.objects.bulk_create(
            Employee(
                organisation=employer,
                first_name="W",
                last_name=f"Medewerker {n:06d}",
                employee_number=str(n),
            )
            for n in range(cases)
        )
        made = Case.objects.bulk_create(Case(organisation=employer, employee=e) for e in employees)
        periods, events = [], []
        for case in made:
            age = rng.randint(1, 700)
            start = TODAY - timedelta(days=age)
            recovered = rng.random() < 0.15
            periods.append(
                SicknessPeriod(
                    case=case, start=start, end=TODAY - timedelta(days=1) if recovered else None
                )
            )
            events += [
                Event(case=case, kind=kind, date=start + timedelta(days=day - 2))
                for day, kind in EVENTS
                if day < age and rng.random() < 0.85
            ]
        SicknessPeriod.objects.bulk_create(periods, batch_size=2000)
        Event.objects.bulk_create(events, batch_size=2000)
    return admin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=2)
    parser.add_argument("--cases", type=int, default=10_000, help="open cases per employer")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument(
        "--jobs", type=int, default=1, help="processes of the recompute (duties_recompute --jobs)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL"),
        help="an empty database to use instead of SQLite",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(args.database_url, Path(scratch))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from openverzuim.cases.duties import duties_recompute
        from openverzuim.cases.models import Duty
        from openverzuim.cases.selectors import worklist_for

        admin = _build(args.tenants, args.cases, random.Random(SEED))
        fill = duties_recompute(TODAY, jobs=args.jobs)
        again = duties_recompute(TODAY, jobs=args.jobs)
        assert again.changed == 0
        work = worklist_for(user=admin, today=TODAY)
        selector = timed(lambda: worklist_for(user=admin, today=TODAY), args.repeat)
        client = Client()
        client.force_login(admin)
        url = reverse("cases:worklist")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries)
        page = timed(lambda: client.get(url), args.repeat)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}; database: {connection.vendor}"
        )
        print(
            f"{args.tenants} employers x {args.cases:,} open cases; {Duty.objects.count():,} "
            f"duty rows"
        )
        print(
            f"duties_recompute --jobs {args.jobs}, empty table: {fill.cases:,} cases, {fill.changed:,} rows in "
            f"{fill.seconds:.1f} s = {fill.cases / fill.seconds:,.0f} cases/s"
        )
        print(
            f"duties_recompute, nothing changed: {again.seconds:.1f} s = "
            f"{again.cases / again.seconds:,.0f} cases/s"
        )
        print(
            f"worklist of one employer: {work.overdue:,} overdue, {work.this_week:,} this week, "
            f"{work.coming_up:,} coming up, {work.later:,} later; {len(work.rows)} rows shown"
        )
        print(
            f"selector worklist_for(): median {selector[0]:.1f} ms (fastest {selector[1]:.1f} ms)"
            f"; page GET: median {page[0]:.1f} ms (fastest {page[1]:.1f} ms), "
            f"{query_count} queries"
        )
        connection.close()


if __name__ == "__main__":
    main()
