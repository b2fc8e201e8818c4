"""`manage.py statistics_rebuild [--organisation ID] [--afresh] [--check | --check-only]`: rewrite
every employee's rows of the daily rollup of the absence statistics, for one employer or all of them
(the nightly job; docs/statistics.md "The rollup"), and compare the rollup with the counting at
request time (reports/counting.py) over the dashboard's windows as of today: exit 1 and list what
disagrees.

By default each batch of employees is rewritten as a service rewrites one (the difference their rows
make, a transaction per batch, only the batch's employees locked): safe beside the day's work, and
it catches whatever was written around the services. `--afresh` writes each employer's totals anew
from nothing, in one transaction that locks its employees while it runs: the repair when the check
still finds a difference (a total changed by hand, an employee removed around the services)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openverzuim.accounts.models import Organisation
from openverzuim.cases.models import Employee
from openverzuim.cases.statistics_rollup import (
    BATCH_SIZE,
    statistics_rebuild,
    statistics_refresh,
)
from openverzuim.reports.counting import Basis
from openverzuim.reports.figures import Window, trend_months, window
from openverzuim.reports.rollup import statistics_check


def _windows() -> list[Window]:
    """The dashboard's windows for the rolling twelve months up to today."""
    today = timezone.localdate()
    rolling = window("rolling", today.year, today.month, today)
    assert rolling is not None  # noqa: S101  # a window up to today has begun
    months = trend_months(today)
    return [rolling, rolling.year_before(), *months, *(m.year_before() for m in months)]


def _rewrite_each(organisation_id: int) -> int:
    """Every employee's rows rewritten by the services' path, a transaction per batch."""
    ids = list(
        Employee.objects.filter(organisation=organisation_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), BATCH_SIZE):
        statistics_refresh(Employee.objects.filter(pk__in=ids[start : start + BATCH_SIZE]))
    return len(ids)


class Command(BaseCommand):
    help = "Write the absence statistics' rollup afresh (all employers, or --organisation)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organisation", help="the id of one employer (default all)")
        parser.add_argument(
            "--afresh", action="store_true", help="write the totals anew (locks the employees)"
        )
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--check", action="store_true", help="compare with the counting after")
        what.add_argument(
            "--check-only", action="store_true", help="compare with the counting; write nothing"
        )

    def handle(
        self,
        *args,
        organisation: str | None = None,
        afresh: bool = False,
        check: bool = False,
        check_only: bool = False,
        **options,
    ) -> None:
        employers = Organisation.objects.filter(kind=Organisation.Kind.EMPLOYER).order_by("pk")
        if organisation is not None:
            if not organisation.isdigit():
                raise CommandError(f"--organisation={organisation!r}: expected a number.")
            employers = employers.filter(pk=int(organisation))
            if not employers.exists():
                raise CommandError(f"--organisation={organisation}: no employer with that id.")
        windows, found = _windows(), 0
        for employer in employers:
            if not check_only:
                began = time.monotonic()
                written = statistics_rebuild(employer.pk) if afresh else _rewrite_each(employer.pk)
                self.stdout.write(
                    f"{employer.pk} {employer.name}: {written} employee(s) in "
                    f"{time.monotonic() - began:.1f} s"
                )
            if check or check_only:
                for item in statistics_check(employer, windows, Basis.configured()):
                    found += 1
                    self.stdout.write(
                        f"{employer.pk} {item.window.start}..{item.window.end} department "
                        f"{item.department}: {item.field} rollup {item.rollup}, counted {item.counted}"
                    )
        if found:
            raise CommandError(
                f"{found} count(s) of the rollup disagree with the counting; run statistics_rebuild "
                f"--afresh."
            )
