"""`manage.py duties_check [--sample N]`: compare the duty table with a fresh engine run; exit 1 and
list the rows when they disagree. Changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from openverzuim.cases.duties import duties_check

from ._today import add_today_argument, parse_today


class Command(BaseCommand):
    help = "Check the duty table against the engine, for every case or a random --sample of them."

    def add_arguments(self, parser) -> None:
        add_today_argument(parser)
        parser.add_argument("--sample", type=int, help="check this many random cases (default all)")

    def handle(self, *args, today: str | None = None, sample: int | None = None, **options):
        if sample is not None and sample < 1:
            raise CommandError(f"--sample={sample}: expected a number of cases of 1 or more.")
        checked, found = duties_check(parse_today(today), sample)
        for row in found:
            self.stdout.write(
                f"case #{row.case_id} {row.milestone}: stored {row.stored}, engine {row.engine}"
            )
        if found:
            raise CommandError(
                f"{len(found)} duty row(s) disagree with the engine in {checked} "
                f"case(s) checked; run duties_recompute."
            )
        self.stdout.write(
            self.style.SUCCESS(f"{checked} case(s) checked: the duty table agrees with the engine.")
        )
