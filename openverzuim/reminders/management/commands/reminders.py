"""`manage.py reminders`: the daily reminders job, for cron (`0 6 * * * manage.py reminders`)."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from openverzuim.reminders.tasks import daily_reminders


class Command(BaseCommand):
    help = (
        "Refresh every open case's statuses and mail each user their due and overdue duties, once "
        "a day. Running it twice on one day sends nothing twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="run as of this day (YYYY-MM-DD); default today")

    def handle(self, *args, **options) -> None:
        day = options["date"]
        if day is not None:
            try:
                date.fromisoformat(day)
            except ValueError:
                raise CommandError(f"--date: {day!r} is not a date (YYYY-MM-DD)") from None
        result = daily_reminders.enqueue(day)
        if result.status == TaskResultStatus.FAILED:
            raise CommandError(result.errors[-1].traceback.strip().splitlines()[-1])
        if result.is_finished:
            self.stdout.write(json.dumps(result.return_value))
        else:
            self.stdout.write(json.dumps({"queued": result.id}))
