"""The whole-organisation export from the page "Export everything": asked for by an administrator
of the organisation (the policy action `export_all`), written by a background task
(`organisation_export_task` below, TASKS chooses the backend), downloadable by the organisation's
administrators for EXPORT_HOURS, then removed by `manage.py retention`. Every step is audited:
who asked, the export's counts when it is written, each download."""

from __future__ import annotations

import logging
import secrets
import tempfile
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from openverzuim.accounts import audit
from openverzuim.accounts.models import Organisation, User
from openverzuim.accounts.policies import grants, organisations_for

from .models import OrganisationExportRun
from .org_export import OrganisationExport, Progress, steps_total

logger = logging.getLogger(__name__)

#: How long a written export may be downloaded.
EXPORT_HOURS = 24
Status = OrganisationExportRun.Status


def export_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations `user` may export whole."""
    return organisations_for(user, grants("export_all").keys())


def export_runs_for(user: User) -> QuerySet[OrganisationExportRun]:
    """The exports of those organisations: another organisation's does not exist for `user`."""
    return OrganisationExportRun.objects.filter(
        organisation__in=export_organisations(user)
    ).select_related("organisation", "requested_by")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items())


def export_start(*, organisation: Organisation, by: User) -> OrganisationExportRun:
    """Ask for an export of `organisation`; the task starts once this transaction is committed."""
    if not export_organisations(by).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("You may not export this organisation.")})
    try:
        with transaction.atomic():
            run = OrganisationExportRun.objects.create(
                organisation=organisation, requested_by=by, steps_total=steps_total()
            )
    except IntegrityError:
        raise ValidationError(
            {"organisation": _("An export of this organisation is being written already.")}
        ) from None
    audit.record_write(
        user=by, organisation_id=organisation.pk, subject="organisation export", fields="asked for"
    )
    transaction.on_commit(lambda: organisation_export_task.enqueue(run.pk))
    return run


def export_write(run_id: int, now: datetime | None = None) -> str:
    """The task's work: write the ZIP to a temporary file, then store it under MEDIA_ROOT."""
    run = OrganisationExportRun.objects.select_related("organisation", "requested_by").get(
        pk=run_id
    )
    if run.status != Status.QUEUED:
        return run.status  # a task delivered twice writes once
    rows = OrganisationExportRun.objects.filter(pk=run_id)
    rows.update(status=Status.RUNNING)

    def progress(step: Progress) -> None:
        rows.update(steps_done=step.done, steps_total=step.total)

    try:
        with tempfile.TemporaryFile() as file:
            manifest = OrganisationExport(run.organisation, file).write(progress)
            size = file.tell()
            file.seek(0)
            name = default_storage.save(
                f"exports/{run.organisation_id}/{secrets.token_hex(16)}.zip", File(file)
            )
    except Exception:  # the administrator is told, the log keeps the trace
        logger.exception("organisation export %s failed", run_id)
        rows.update(
            status=Status.FAILED,
            message=_("The export stopped on an unexpected error. Please try again."),
            expires_at=timezone.now() + timedelta(hours=EXPORT_HOURS),
        )
        return Status.FAILED
    finished = now or timezone.now()
    rows.update(
        status=Status.DONE,
        file=name,
        size=size,
        counts=manifest["counts"],
        finished_at=finished,
        expires_at=finished + timedelta(hours=EXPORT_HOURS),
    )
    audit.record_read(
        user=run.requested_by,
        organisation_id=run.organisation_id,
        subject="organisation export",
        fields=_counts(manifest["counts"]),
    )
    return Status.DONE


def export_download(*, run: OrganisationExportRun, by: User, now: datetime | None = None) -> File:
    """The written export, opened; ValidationError when it is not there (yet, or any more)."""
    moment = now or timezone.now()
    if run.status != Status.DONE or not run.file or not run.expires_at or run.expires_at <= moment:
        raise ValidationError(_("This export cannot be downloaded (any more)."))
    audit.record_read(
        user=by,
        organisation_id=run.organisation_id,
        subject="organisation export download",
        fields=_counts(run.counts),
    )
    return run.file.open("rb")


def expired_runs(now: datetime) -> QuerySet[OrganisationExportRun]:
    return OrganisationExportRun.objects.filter(expires_at__lt=now)


def export_remove(run: OrganisationExportRun) -> None:
    """The file and the row: the export holds the whole dossier of the organisation."""
    if run.file.name:
        default_storage.delete(run.file.name)
    run.delete()


@task()
def organisation_export_task(run_id: int) -> str:
    """Write the whole-organisation export asked for on the page (`export_start`)."""
    return export_write(run_id)
