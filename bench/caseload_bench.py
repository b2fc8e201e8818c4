"""Benchmark of the caseload page: an arbodienst administrator counting thousands of cases.

Builds, with a fixed seed, one arbodienst serving `--employers` employers of `--cases` cases each
(five case managers per employer, one case in ten unmanaged, about 40% open, their next duties
spread around today), and a second arbodienst with as many employers and cases that must not be
counted. Then times `reports.selectors.caseload_for()` and the whole page (a GET through Django's
test client, middleware, audit entry and template included). Generation is not timed.

It runs on a throwaway database: a temporary SQLite file unless `--database-url` names an empty
database (for PostgreSQL: `createdb` one first; the script migrates it).

    python bench/caseload_bench.py                          # 20 employers x 250 cases, SQLite
    python bench/caseload_bench.py --database-url postgres://postgres@127.0.0.1:5432/ov_bench
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 20261122
TODAY = date(2026, 11, 22)
MANAGERS_PER_EMPLOYER = 5


def setup_database(database_url: str | None, scratch: Path) -> None:
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["MEDICAL_DATABASE_URL"] = f"sqlite:///{scratch / 'medical.sqlite3'}"
    # Persistent connections, as a production server keeps them: each GET does not reconnect, and
    # the query count below sees the request's queries.
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")
    os.environ.setdefault("DEBUG", "1")  # the development keys; DEBUG itself is turned off below
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    settings.DEBUG = False  # no query log in memory while timing
    setup_test_environment()  # the test client's host name, the in-memory mail backend
    call_command("migrate", verbosity=0)


def _build(employers: int, cases: int, rng: random.Random):
    """Two arbodiensten with `employers` clients each; returns the first one's administrator."""
    from openverzuim.accounts.models import Membership, Organisation, User
    from openverzuim.accounts.roles import Role
    from openverzuim.cases.models import Case, Employee

    admin = None
    for name in ("Noorderlicht", "Zuiderzon"):
        arbodienst = Organisation.objects.create(
            name=f"Arbodienst {name}", kind=Organisation.Kind.ARBODIENST
        )
        user = User.objects.create_user(f"admin-{name.lower()}", f"{name.lower()}@example.nl")
        Membership.objects.create(user=user, organisation=arbodienst, role=Role.ARBODIENST_ADMIN)
        admin = admin or user
        clients = Organisation.objects.bulk_create(
            Organisation(name=f"{name} client {n:03d}", served_by=arbodienst)
            for n in range(employers)
        )
        for client in clients:
            staff = User.objects.bulk_create(
                User(
                    username=f"cm-{client.pk}-{n}",
                    email=f"cm{client.pk}.{n}@example.nl",
                    first_name=f"Casemanager {n}",
                    last_name=client.name,
                )
                for n in range(MANAGERS_PER_EMPLOYER)
            )
            Membership.objects.bulk_create(
                Membership(user=u, organisation=client, role=Role.CASE_MANAGER) for u in staff
            )
            employees = Employee.objects.bulk_create(
                Employee(
                    organisation=client, first_name="W", last_name=str(n), employee_number=str(n)
                )
                for n in range(cases)
            )
            Case.objects.bulk_create(_case(client, employee, staff, rng) for employee in employees)
    return admin


def _case(organisation, employee, staff, rng: random.Random):
    from openverzuim.cases.models import Case

    closed = rng.random() < 0.6
    return Case(
        organisation=organisation,
        employee=employee,
        case_manager=None if rng.random() < 0.1 else rng.choice(staff),
        closed_on=TODAY - timedelta(days=rng.randint(1, 730)) if closed else None,
        next_due_on=None if closed else TODAY + timedelta(days=rng.randint(-30, 60)),
    )


def timed(run, repeat: int) -> tuple[float, float]:
    """Median and fastest of `repeat` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employers", type=int, default=20)
    parser.add_argument("--cases", type=int, default=250, help="cases per employer")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(args.database_url, Path(scratch))
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from openverzuim.reports.selectors import caseload_for

        admin = _build(args.employers, args.cases, random.Random(SEED))
        load = caseload_for(user=admin, today=TODAY)
        assert len(load.organisations) == args.employers
        assert sum(r.open + r.closed_recently for r in load.organisations) > 0
        selector = timed(lambda: caseload_for(user=admin, today=TODAY), args.repeat)
        client = Client()
        client.force_login(admin)
        url = reverse("reports:caseload")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        query_count = len(queries)  # now: the next requests empty the connection's query log
        page = timed(lambda: client.get(url), args.repeat)
        total = load.total
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}; database: {connection.vendor}"
        )
        print(
            f"{args.employers} employers x {args.cases} cases counted (as many again not "
            f"counted): {total.open:,} open, {total.overdue:,} overdue, "
            f"{total.closed_recently:,} closed in 12 months, {len(load.managers)} manager rows"
        )
        print(
            f"selector caseload_for(): median {selector[0]:.1f} ms (fastest {selector[1]:.1f} ms)"
            f"; page GET: median {page[0]:.1f} ms (fastest {page[1]:.1f} ms), "
            f"{query_count} queries"
        )
        connection.close()


if __name__ == "__main__":
    main()
