"""Benchmark of the payroll import: 100,000 employees from one CSV file (target: under 30 s).

Generates, with a fixed seed, a payroll export the Dutch way (semicolons, dd-mm-jjjj dates, decimal
commas, Dutch headers; 40 departments, one employment in ten ended) and times, on an empty
employer, each step the background task runs: reading the file, the dry run (the preview), the
import (creating every employee, employment, department and audit entry), importing the same file
again (nothing changes) and a file in which one employee in ten has a new wage. Generation is not
timed.

It runs on a throwaway database: a temporary SQLite file unless `--database-url` names an empty
database (for PostgreSQL: `createdb` one first; the script migrates it).

    python bench/import_bench.py                            # 100,000 rows, SQLite
    python bench/import_bench.py --database-url postgres://postgres@127.0.0.1:5432/ov_bench
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SEED = 20261206
TODAY = date(2026, 12, 6)
HEADER = (
    "Personeelsnummer;Voornaam;Achternaam;Geboortedatum;E-mail;Afdeling;Datum in dienst;"
    "Datum uit dienst;Contracturen;Fulltime uren;Brutoloon;Periode"
)


def setup_database(database_url: str | None, scratch: Path) -> None:
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ["MEDICAL_DATABASE_URL"] = f"sqlite:///{scratch / 'medical.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")  # the development keys; DEBUG itself is turned off below
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.DEBUG = False  # no query log in memory while timing
    call_command("migrate", verbosity=0)


def _d(day: date) -> str:
    return f"{day:%d-%m-%Y}"


def generate(rows: int, rng: random.Random, raise_every: int = 0) -> bytes:
    """The export; with `raise_every`, every so many employees earn 100 euros more."""
    lines = [HEADER]
    for n in range(rows):
        start = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        end = _d(start + timedelta(days=rng.randrange(100, 3000))) if rng.random() < 0.1 else ""
        hours = rng.choice(("40", "36", "32", "24", "16,5"))
        wage = rng.randrange(200_000, 600_000) + (
            10_000 if raise_every and n % raise_every == 0 else 0
        )
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(16000))
        lines.append(
            ";".join(
                (
                    str(100000 + n),
                    rng.choice(("Eva", "Piet", "Fatima", "Jan", "Sanne", "Mohamed")),
                    f"Achternaam {n}",
                    _d(born),
                    f"w{n}@example.nl",
                    f"Afdeling {rng.randrange(40)}",
                    _d(start),
                    end,
                    hours,
                    "40",
                    f"{wage // 100:,}".replace(",", ".") + f",{wage % 100:02d}",
                    "maand",
                )
            )
        )
    return ("\n".join(lines) + "\n").encode("cp1252")


def timed(label: str, action):
    begin = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - begin
    print(f"{label:44} {seconds:7.2f} s")
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(args.database_url, Path(scratch))
        from django.db import connection

        from openverzuim.accounts.models import AuditEntry, Organisation, User
        from openverzuim.cases.models import Employee, Employment
        from openverzuim.cases.payroll_import.columns import detect
        from openverzuim.cases.payroll_import.reading import read
        from openverzuim.cases.payroll_import.service import import_table

        content = generate(args.rows, random.Random(SEED))
        raised = generate(args.rows, random.Random(SEED), raise_every=10)
        employer = Organisation.objects.create(name="Benchmark employer")
        admin = User.objects.create_user("bench-admin", "bench@example.nl")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}; database: {connection.vendor}; file: {args.rows:,} rows, "
            f"{len(content) / 1e6:.1f} MB"
        )

        def run(data: bytes, **options):
            table = read(data, "export.csv")
            return import_table(
                organisation=employer,
                table=table,
                mapping=detect(table.headers),
                by=admin,
                today=TODAY,
                **options,
            )

        timed("read the file", lambda: read(content, "export.csv"))
        checked, _s = timed("read + dry run (the preview)", lambda: run(content, dry_run=True))
        assert checked.created == args.rows and not checked.errors
        first, seconds = timed("read + import (create everything)", lambda: run(content))
        assert first.written and first.created == args.rows
        assert Employee.objects.filter(organisation=employer).count() == args.rows
        assert Employment.objects.count() == args.rows
        assert AuditEntry.objects.filter(employee_id__isnull=False).count() == args.rows
        again, _s = timed("read + import the same file again", lambda: run(content))
        assert (again.created, again.changed, again.unchanged) == (0, 0, args.rows)
        changed, _s = timed("read + import with 1 in 10 wages changed", lambda: run(raised))
        assert changed.changed == args.rows // 10
        print(
            f"first import: {args.rows / seconds:,.0f} rows/s; target 100,000 rows under 30 s: "
            f"{'met' if seconds < 30 * args.rows / 100_000 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
