"""Benchmark of the list pages at size: median and p95 of each page through Django's test client.

Builds, with a fixed seed and bulk inserts (duties_bench's generator), `--tenants` employers of
`--cases` open cases each, each employee with an employment and a wage, plus `--employees` more
employees without a case for the first employer; fills the duty table with `duties_recompute`, then
(on PostgreSQL) runs VACUUM ANALYZE as autovacuum would. Logged in as the first employer's
administrator, it times each page `--repeat` times: the worklist, the case list (open cases, a
search by name, by number, the overdue filter, a later page), the employees page (first page and a
search), the caseload, the risks overview, the cost report and the calendar feed. Generation is not
timed. `--explain` prints PostgreSQL's plan of the case list's name search.

    python bench/pages_bench.py --cases 1000
    python bench/pages_bench.py --cases 10000 --database-url postgres://postgres@127.0.0.1:5432/ov_bench
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from caseload_bench import SEED, TODAY, setup_database
from duties_bench import _build


def timed(run, repeat: int) -> tuple[float, float, float]:
    """Median and 95th percentile of `repeat` runs, and the median time spent in SQL, in ms."""
    from django.db import connection

    times, sql = [], []
    for _ in range(repeat):
        spent = [0.0]

        def measure(execute, *args, spent=spent):
            begun = time.perf_counter()
            try:
                return execute(*args)
            finally:
                spent[0] += time.perf_counter() - begun

        started = time.perf_counter()
        with connection.execute_wrapper(measure):
            run()
        times.append((time.perf_counter() - started) * 1000)
        sql.append(spent[0] * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, statistics.median(sql)


def _employments_and_more_employees(extra: int) -> None:
    from openverzuim.accounts.models import Organisation
    from openverzuim.cases.models import Employee, Employment

    Employment.objects.bulk_create(
        (
            Employment(
                employee_id=pk,
                start=TODAY.replace(year=2015),
                contract_hours=Decimal(32),
                wage=Decimal("3100.00"),
            )
            for pk in Employee.objects.values_list("pk", flat=True).iterator()
        ),
        batch_size=2000,
    )
    first = Organisation.objects.order_by("pk").first()
    Employee.objects.bulk_create(
        (
            Employee(
                organisation=first,
                first_name="Gezond",
                last_name=f"Collega {n:07d}",
                employee_number=f"G{n}",
            )
            for n in range(extra)
        ),
        batch_size=5000,
    )
    from django.db.models import OuterRef, Subquery

    from openverzuim.cases.models import Case

    Case.objects.update(
        employment=Subquery(
            Employment.objects.filter(employee=OuterRef("employee")).values("pk")[:1]
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=2)
    parser.add_argument("--cases", type=int, default=1_000, help="open cases per employer")
    parser.add_argument(
        "--employees",
        type=int,
        default=20_000,
        help="employees without a case at the first employer",
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
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
        from django.urls import reverse

        from openverzuim.accounts.models import User
        from openverzuim.cases.costs import costs_recompute
        from openverzuim.cases.duties import duties_recompute
        from openverzuim.cases.models import Case
        from openverzuim.reminders import services as signal_services

        started = time.perf_counter()
        if not Case.objects.exists():  # a database built by an earlier run is used again
            _build(args.tenants, args.cases, random.Random(SEED))
            _employments_and_more_employees(args.employees)
            duties_recompute(TODAY)
        # The cost report's months (cases.costs), also in a database an earlier version built.
        if costs_recompute(TODAY) and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        admin = User.objects.get(username="admin-0")
        built = time.perf_counter() - started
        token = signal_services.calendar_feed_renew(user=admin).token
        pages = [
            ("(floor: /healthz, 1 query)", "/healthz"),
            ("worklist", reverse("cases:worklist")),
            ("case list, open", reverse("cases:list")),
            ("case list, search by name", reverse("cases:list") + "?status=&q=medewerker 00012"),
            ("case list, by number", reverse("cases:list") + "?status=&q=777"),
            ("case list, overdue only", reverse("cases:list") + "?status=open&overdue=on"),
            ("case list, page 10", reverse("cases:list") + "?status=open&page=10"),
            ("employees", reverse("cases:employees")),
            ("employees, search", reverse("cases:employees") + "?q=collega 00012"),
            ("caseload", reverse("reports:caseload")),
            ("risks overview", reverse("measures:risks")),
            ("cost report", reverse("reports:costs")),
            ("calendar feed", f"/signals/calendar/{token}.ics"),
        ]
        client = Client()
        client.force_login(admin)
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}; database: {connection.vendor}; load average "
            f"{os.getloadavg()[0]:.1f}"
        )
        print(
            f"{args.tenants} employers x {args.cases:,} open cases "
            f"({Case.objects.count():,} cases), {args.employees:,} more employees; built in "
            f"{built:.0f} s"
        )
        for label, url in pages:
            queries: list[str] = []
            with connection.execute_wrapper(
                lambda execute, sql, *rest, seen=queries: (seen.append(sql), execute(sql, *rest))[1]
            ):
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            median, p95, sql = timed(lambda url=url: client.get(url), args.repeat)
            print(
                f"{label:28} median {median:7.1f} ms  p95 {p95:7.1f} ms  SQL {sql:6.1f} ms  "
                f"{len(queries):3d} queries  {len(response.content) // 1024:5d} KiB"
            )
        if args.explain and connection.vendor == "postgresql":
            from openverzuim.cases.selectors import case_list_for

            query = case_list_for(user=admin, search="medewerker 00012")[:50]
            print(query.explain(analyze=True))
        connection.close()


if __name__ == "__main__":
    main()
