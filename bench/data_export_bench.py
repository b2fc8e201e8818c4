"""Benchmark of the employee's "my data" downloads (AVG art. 15) with a long audit trail.

Builds one employer, one sick employee with her own login and `--entries` audit entries about her
dossier (reads and changes by five people in four roles, spread over two years: a long case that
was read often), then times the PDF (`/my/data.pdf`) and the JSON (`/my/data.json`) as she downloads
them: a GET through Django's test client, middleware, audit entry and WeasyPrint included.
Generation is not timed. Each download adds one audit entry, as in production.

It runs on a throwaway database: a temporary SQLite file unless `--database-url` names an empty
database (for PostgreSQL: `createdb` one first; the script migrates it).

    python bench/data_export_bench.py                       # 20,000 entries, SQLite
    python bench/data_export_bench.py --database-url postgres://postgres@127.0.0.1:5432/ov_bench
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from caseload_bench import setup_database, timed

TODAY = date(2026, 11, 22)
READERS = [
    ("anna", "employer_admin"),
    ("bram", "case_manager"),
    ("lena", "line_manager"),
    ("rik", "reintegration_consultant"),
    ("bas", "case_manager"),
]


def _build(entries: int):
    """Eva, sick for two years, and `entries` audit entries about her case; returns her login."""
    from openverzuim.accounts.models import AuditEntry, Membership, Organisation, User
    from openverzuim.accounts.roles import Role
    from openverzuim.cases import services
    from openverzuim.cases.models import Employee

    bakery = Organisation.objects.create(name="Bakkerij De Korenschoof")
    anna = User.objects.create_user("anna", "anna@example.nl", first_name="Anna")
    Membership.objects.create(user=anna, organisation=bakery, role=Role.EMPLOYER_ADMIN)
    eva = User.objects.create_user("eva", "eva@example.nl", first_name="Eva")
    Membership.objects.create(user=eva, organisation=bakery, role=Role.EMPLOYEE)
    employee = Employee.objects.create(
        organisation=bakery,
        first_name="Eva",
        last_name="de Vries",
        employee_number="1001",
        user=eva,
    )
    services.employment_create(
        employee=employee,
        start=date(2020, 1, 1),
        contract_hours=Decimal("32"),
        wage=Decimal("3000"),
    )
    case = services.sick_report_create(
        employee=employee, first_sick_day=TODAY - timedelta(days=700), by=anna, today=TODAY
    ).case
    start = datetime(2024, 12, 23, 8, tzinfo=UTC)
    step = timedelta(days=700) / entries
    moments = iter(start + step * n for n in range(entries))
    rows = [
        AuditEntry(
            action="write" if n % 10 == 0 else "read",
            user_id=1000 + n % 5,
            user_name=READERS[n % 5][0].title(),
            roles=READERS[n % 5][1],
            organisation_id=bakery.pk,
            case_id=case.pk,
            employee_id=employee.pk,
            subject="case",
            route="cases:detail",
        )
        for n in range(entries)
    ]
    # `at` is set on saving (auto_now_add): spread it over the two years instead of one instant.
    with mock.patch("django.db.models.fields.timezone.now", side_effect=lambda: next(moments)):
        AuditEntry.objects.bulk_create(rows, batch_size=2000)
    return eva


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(args.database_url, Path(scratch))
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        call_command("migrate", database="medical", verbosity=0)
        eva = _build(args.entries)
        client = Client()
        client.force_login(eva)
        results = {}
        for name in ("portal:my_data_pdf", "portal:my_data_json"):
            url = reverse(name)
            responses = []
            times = timed(
                lambda url=url, responses=responses: responses.append(client.get(url)), args.repeat
            )
            assert all(r.status_code == 200 for r in responses), url
            results[name] = (times, len(responses[-1].content))
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}; database: {connection.vendor}"
        )
        print(f"{args.entries:,} audit entries about the dossier")
        for name, ((median, fastest), size) in results.items():
            print(
                f"{name}: median {median / 1000:.2f} s (fastest {fastest / 1000:.2f} s), "
                f"{size / 1024:,.0f} KiB"
            )
        connection.close()


if __name__ == "__main__":
    main()
