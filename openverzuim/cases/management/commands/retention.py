"""`manage.py retention`: report (default, --dry-run) or remove (--execute) what is past its
retention term, in every app that has a retention.py (accounts/retention.py). Run it daily."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openverzuim.accounts.retention import sweep_all


class Command(BaseCommand):
    help = "List (--dry-run, the default) or remove (--execute) dossiers past their retention term."

    def add_arguments(self, parser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="only report (the default)")
        mode.add_argument("--execute", action="store_true", help="delete what the report lists")
        parser.add_argument("--today", help="judge as of this date (YYYY-MM-DD); default today")

    def handle(self, *args, execute: bool = False, today: str | None = None, **options) -> None:
        try:
            as_of = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today={today!r}: expected a date as YYYY-MM-DD.") from None
        results = sweep_all(today=as_of, execute=execute)
        verb = "Removed" if execute else "Would remove"
        total = 0
        for app, removals in results.items():
            for removal in removals:
                self.stdout.write(
                    f"{verb} {app} {removal.kind} #{removal.object_id} "
                    f"(organisation {removal.organisation_id}): {removal.reason}"
                )
            total += len(removals)
        summary = f"{verb} {total} item(s) as of {as_of}."
        if not execute:
            summary += " Nothing was changed; run with --execute to remove them."
        self.stdout.write(self.style.SUCCESS(summary))
