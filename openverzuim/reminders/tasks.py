"""The daily reminders job as a django-tasks task (TASKS in config/settings.py chooses the backend)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django.utils import timezone
from django_tasks import task

from . import digest


@task()
def daily_reminders(day: str | None = None) -> dict:
    """Run for `day` (ISO date; today in the site's time zone when omitted)."""
    return asdict(digest.run(date.fromisoformat(day) if day else timezone.localdate()))
