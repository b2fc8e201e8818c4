"""`manage.py duties_recompute`: rewrite the duty table of every open case from a fresh engine run,
in batches. Nightly (the reminders job runs it too) and after a new engine version."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from openverzuim.cases.duties import BATCH_SIZE, duties_recompute

from ._today import add_today_argument, parse_today


class Command(BaseCommand):
    help = "Recompute the duties of every open case; prints how many rows changed and cases per second."

    def add_arguments(self, parser) -> None:
        add_today_argument(parser)
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                            help=f"cases per batch and transaction (default {BATCH_SIZE})")
        parser.add_argument("--jobs", type=int, default=1,
                            help="processes, each recomputing a disjoint range of cases "
                                 "(PostgreSQL; default 1)")

    def handle(self, *args, today: str | None = None, batch_size: int = BATCH_SIZE, jobs: int = 1,
               **options):
        if not 1 <= jobs <= 64:
            raise CommandError("--jobs: give a number of processes from 1 to 64.")
        done = duties_recompute(parse_today(today), batch_size=max(1, batch_size), jobs=jobs)
        rate = done.cases / done.seconds if done.seconds else 0.0
        self.stdout.write(self.style.SUCCESS(
            f"{done.cases} open case(s) recomputed, {done.changed} duty row(s) changed, "
            f"{done.seconds:.2f} s ({rate:,.0f} cases/s)."))
