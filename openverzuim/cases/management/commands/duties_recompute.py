"""`manage.py duties_recompute`: rewrite the duty table of every open case from a fresh engine run,
in batches, and the monthly costs of every case an older pay engine worked out. Nightly (the
reminders job runs it too) and after a new engine version. With `--jobs N` they run in N
processes; with `--tasks` the batches become jobs of the task queue, for several `db_worker`
processes to share."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from openverzuim.cases.costs import costs_recompute
from openverzuim.cases.duties import (
    BATCH_SIZE,
    duties_recompute,
    open_case_slices,
    remove_closed_duties,
)
from openverzuim.cases.recompute_jobs import duties_recompute_task

from ._today import add_today_argument, parse_today


class Command(BaseCommand):
    help = "Recompute the duties of every open case; prints how many rows changed and cases per second."

    def add_arguments(self, parser) -> None:
        add_today_argument(parser)
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"cases per batch and transaction (default {BATCH_SIZE})",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="processes, each recomputing disjoint slices of cases (PostgreSQL; default 1)",
        )
        parser.add_argument(
            "--tasks",
            action="store_true",
            help="enqueue one task per batch for the task workers instead",
        )

    def handle(
        self,
        *args,
        today: str | None = None,
        batch_size: int = BATCH_SIZE,
        jobs: int = 1,
        tasks: bool = False,
        **options,
    ):
        if not 1 <= batch_size <= 100_000:
            raise CommandError(f"--batch-size={batch_size}: expected 1 to 100,000 cases.")
        if not 1 <= jobs <= 64:
            raise CommandError("--jobs: give a number of processes from 1 to 64.")
        day = parse_today(today)
        if tasks:
            removed = remove_closed_duties()
            queued = [
                duties_recompute_task.enqueue(day.isoformat(), low, high)
                for low, high in open_case_slices(batch_size)
            ]
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(queued)} recompute job(s) enqueued; {removed} row(s) of closed cases removed."
                )
            )
            return
        done = duties_recompute(day, batch_size=batch_size, jobs=jobs)
        costed = costs_recompute(day)
        rate = done.cases / done.seconds if done.seconds else 0.0
        self.stdout.write(
            self.style.SUCCESS(
                f"{done.cases} open case(s) recomputed, {done.changed} duty row(s) changed, "
                f"{done.seconds:.2f} s ({rate:,.0f} cases/s); "
                f"monthly costs worked out for {costed} case(s)."
            )
        )
