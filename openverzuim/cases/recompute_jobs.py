"""The nightly recompute of the duty table split into tasks, one per slice of open cases, for
`manage.py db_worker` processes to share (`manage.py duties_recompute --tasks`; docs/deployment.md).
(Not `cases.tasks`: that module holds the tasks people set on a case.)
Each job is claimed by exactly one worker; a slice is its own transaction."""

from __future__ import annotations

from datetime import date

from django_tasks import task

from .duties import duties_recompute_slice


@task()
def duties_recompute_task(day: str, low: int, high: int) -> dict:
    """The open cases with primary keys `low` to `high`, judged as of `day` (ISO date)."""
    cases, changed = duties_recompute_slice(date.fromisoformat(day), low, high)
    return {"low": low, "high": high, "cases": cases, "changed": changed}
