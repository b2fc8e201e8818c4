"""The check and the import of an uploaded file as a django-tasks task (TASKS in config/settings.py
chooses the backend: the default immediate one runs it within the request, a queue backend in a
worker while the page polls the PayrollImport row for its progress)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from ..models import PayrollImport
from .reading import ImportFileError, read
from .service import import_table

logger = logging.getLogger(__name__)

#: At most this many row errors are kept on the run (the count says how many there were).
ERRORS_KEPT = 500


@task()
def payroll_import_run(import_id: int, write: bool, language: str = "nl") -> str:
    """Check (write=False: the dry run of the preview) or import (write=True) one uploaded file."""
    run = PayrollImport.objects.select_related("organisation", "created_by").get(pk=import_id)
    Status = PayrollImport.Status
    with translation.override(language):
        try:
            table = read(bytes(run.content), run.file_name)
            outcome = import_table(
                organisation=run.organisation,
                table=table,
                mapping=run.mapping,
                by=run.created_by,
                today=timezone.localdate(),
                dry_run=not write,
                good_rows=run.good_rows,
                route="cases:employee_import",
                progress=lambda done: PayrollImport.objects.filter(pk=import_id).update(
                    rows_done=done
                ),
            )
        except (ImportFileError, ValidationError) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            PayrollImport.objects.filter(pk=import_id).update(status=Status.FAILED, message=message)
            return Status.FAILED
        except Exception:  # a person is told, the log keeps the trace
            logger.exception("payroll import %s failed", import_id)
            PayrollImport.objects.filter(pk=import_id).update(
                status=Status.FAILED,
                message=_("The import stopped on an unexpected error; nothing was saved."),
            )
            return Status.FAILED
        if write:
            status = Status.DONE if outcome.written else Status.FAILED
            message = "" if outcome.written else _("Nothing was saved: the file has bad rows.")
        else:
            status, message = Status.CHECKED, ""
        PayrollImport.objects.filter(pk=import_id).update(
            status=status,
            message=message,
            rows_total=outcome.rows,
            rows_done=outcome.rows,
            created=outcome.created,
            changed=outcome.changed,
            unchanged=outcome.unchanged,
            error_count=len(outcome.errors),
            errors=[error.as_list() for error in outcome.errors[:ERRORS_KEPT]],
            # the file holds wages and dates of birth: kept only until it is imported
            **({"content": b""} if status == Status.DONE else {}),
        )
        return status
