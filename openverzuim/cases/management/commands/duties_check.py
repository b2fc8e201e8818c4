"""`manage.py duties_check [--sample N]`: compare the duty table and the stored monthly costs with a
fresh engine run; exit 1 and list the rows when they disagree. Changes nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from openverzuim.cases.costs import costs_check
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
        day = parse_today(today)
        checked, found = duties_check(day, sample)
        for row in found:
            self.stdout.write(
                f"case #{row.case_id} {row.milestone}: stored {row.stored}, engine {row.engine}"
            )
        costed, costs_found = costs_check(day, sample)
        for cost in costs_found:
            self.stdout.write(
                f"case #{cost.case_id} monthly costs: stored {cost.stored}, engine {cost.expected}"
            )
        if found or costs_found:
            raise CommandError(
                f"{len(found)} duty row(s) in {checked} case(s) and the monthly costs of "
                f"{len(costs_found)} of {costed} case(s) disagree with the engine; "
                f"run duties_recompute."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{checked} case(s) checked: the duty table agrees with the engine; "
                f"{costed} case(s)' monthly costs agree with their pay schedules."
            )
        )
