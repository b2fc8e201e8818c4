"""Benchmark of the daily job (`manage.py reminders`): the duty table's recompute, the monthly costs,
the notices of duties that became overdue, and one digest e-mail per person, at caseload size.

Builds one employer with `manage.py generate_load` (`--employees`, `--open-cases`, twice as many
closed), gives it `--case-managers` case managers (each with an e-mail address) over whom the open
cases are shared round-robin, and fills the duty table once for them (not timed). Then runs the
job's steps as `reminders.digest.run` does, timing each, with the in-memory mail backend: the
recompute of every open case (`duties_recompute`; nothing to change, as on most nights), the costs
(`costs_recompute`), the notices (`notify_due`), the digests; then the same day again, which must
send nothing (the job is idempotent). Generation is not timed.

It runs on a throwaway database: a temporary SQLite file unless `--database-url` (or DATABASE_URL)
names an empty database (for PostgreSQL: `createdb` one first; the script migrates it). Given a
database this script built before, it reuses the caseload and forgets the notifications and
digests of the earlier run (not timed), so that the job runs as on a new day.

    python bench/nightly_bench.py --database-url postgres://postgres@127.0.0.1:5432/ov_nightly
    python bench/nightly_bench.py --employees 20000 --open-cases 5000 --case-managers 50
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from caseload_bench import TODAY, setup_database


def _build(employees: int, open_cases: int, managers: int) -> int:
    """The employer, its case managers and the shared caseload; returns the number of managers."""
    from django.core.management import call_command
    from django.db import transaction

    from openverzuim.accounts.models import Membership, Organisation, User
    from openverzuim.accounts.roles import Role
    from openverzuim.cases.duties import duties_recompute
    from openverzuim.cases.models import Case, Duty

    call_command(
        "generate_load",
        employees=employees,
        open_cases=open_cases,
        username="admin-0",
        today=TODAY.isoformat(),
        verbosity=0,
    )
    employer = Organisation.objects.get(memberships__user__username="admin-0")
    with transaction.atomic():
        people = User.objects.bulk_create(
            User(username=f"manager-{n:04d}", email=f"manager{n:04d}@example.nl")
            for n in range(managers)
        )
        Membership.objects.bulk_create(
            Membership(user=u, organisation=employer, role=Role.CASE_MANAGER) for u in people
        )
    ids = list(
        Case.objects.filter(organisation=employer, closed_on__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for n, manager in enumerate(people):
        mine = ids[n::managers]
        Case.objects.filter(pk__in=mine).update(case_manager=manager)
        Duty.objects.filter(case_id__in=mine).update(assignee=manager)
    duties_recompute(TODAY)  # the table as the services would have left it: nothing to change
    return len(people)


def _step(label: str, run) -> object:
    started = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - started
    print(f"{label:<44} {seconds:9.1f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=200_000)
    parser.add_argument("--open-cases", type=int, default=50_000)
    parser.add_argument("--case-managers", type=int, default=250)
    parser.add_argument("--database-url", help="an empty database to use instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        setup_database(args.database_url or os.environ.get("DATABASE_URL"), Path(scratch))
        from django.core import mail
        from django.db import connection

        from openverzuim.accounts.models import User
        from openverzuim.cases.costs import costs_recompute
        from openverzuim.cases.duties import duties_recompute
        from openverzuim.cases.models import Case
        from openverzuim.notifications.models import Notification
        from openverzuim.reminders import digest
        from openverzuim.reminders.due_notices import notify_due
        from openverzuim.reminders.models import DigestSent
        from openverzuim.reminders.selectors import digest_recipients

        print(
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{connection.vendor}; load average {os.getloadavg()[0]:.1f}"
        )
        started = time.perf_counter()
        if User.objects.filter(username="admin-0").exists():
            managers = User.objects.filter(username__startswith="manager-").count()
            Notification.objects.all().delete()
            DigestSent.objects.all().delete()
        else:
            managers = _build(args.employees, args.open_cases, args.case_managers)
        open_cases = Case.objects.filter(closed_on__isnull=True).count()
        print(
            f"{open_cases:,} open cases, {managers} case managers "
            f"(built or reused in {time.perf_counter() - started:.0f} s)"
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        total = time.perf_counter()
        recomputed = _step("recompute (nothing to change)", lambda: duties_recompute(TODAY))
        _step("costs (nothing to change)", lambda: costs_recompute(TODAY))
        _step("notices of duties overdue and tasks due", lambda: notify_due(TODAY))
        recipients = list(digest_recipients())
        sent = _step(
            f"digests ({len(recipients)} people)",
            lambda: [digest.send_digest(u, TODAY, u.employer_side) for u in recipients],
        )
        seconds = time.perf_counter() - total
        print(
            f"{'the whole job':<44} {seconds:9.1f} s = "
            f"{recomputed.cases / seconds:,.0f} open cases/s; "  # type: ignore[attr-defined]
            f"{sent.count(True)} mails, {len(mail.outbox)} in the outbox"  # type: ignore[attr-defined]
        )
        again = _step("the same day again", lambda: digest.run(TODAY))
        assert again.digests_sent == 0, again
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
