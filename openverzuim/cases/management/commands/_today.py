"""The `--today` option the duty commands share: judge as of a given date."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone


def add_today_argument(parser) -> None:
    parser.add_argument("--today", help="judge as of this date (YYYY-MM-DD); default today")


def parse_today(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        raise CommandError(f"--today={value!r}: expected a date as YYYY-MM-DD.") from None
