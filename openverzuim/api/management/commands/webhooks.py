"""`manage.py webhooks`: the duty events of the day and the sending of webhooks, for cron
(`*/5 * * * * manage.py webhooks`): retries fall due, and events wait when the queue was down."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openverzuim.api import webhooks


class Command(BaseCommand):
    help = (
        "Emit the duty due/overdue events (once per duty and due date), then send the webhook "
        "deliveries that are due. Running it again sends nothing twice."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--date", help="the duty scan as of this day (YYYY-MM-DD); default today"
        )

    def handle(self, *args, **options) -> None:
        day = options["date"]
        try:
            today = date.fromisoformat(day) if day else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date: {day!r} is not a date (YYYY-MM-DD)") from None
        emitted = webhooks.emit_duty_events(today)
        self.stdout.write(json.dumps({"duty_events": emitted, **webhooks.run()}))
