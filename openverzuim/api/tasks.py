"""The API app's background work (django-tasks; TASKS in config/settings.py chooses the backend)."""

from __future__ import annotations

from django_tasks import task

from .export_runs import export_write


@task()
def organisation_export_task(run_id: int) -> str:
    """Write the whole-organisation export asked for on the page (api.export_runs)."""
    return export_write(run_id)
