"""The payroll import's pages: upload -> column mapping -> preview (the dry run) -> import.

The run is named by `?job=` on the mapping and status pages; without it they go back to the upload.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.forms import attach_errors

from ..models import PayrollImport
from . import selectors
from .columns import COLUMNS, detect
from .forms import MappingForm, UploadForm
from .reading import read
from .service import check_mapping, mapping_save, saved_mapping
from .tasks import payroll_import_run

Status = PayrollImport.Status


def _run(request: AuthenticatedHttpRequest) -> PayrollImport | None:
    """The run named by ?job=, None without one; a run out of reach is a 404."""
    job = request.GET.get("job", "")
    if not job:
        return None
    if not job.isdigit():
        raise Http404
    try:
        return selectors.payroll_import_get_for(user=request.user, import_id=int(job))
    except PayrollImport.DoesNotExist:
        raise Http404 from None


def _to(name: str, run: PayrollImport) -> HttpResponse:
    return redirect(f"{reverse(name)}?job={run.pk}")


def _start(run: PayrollImport, *, write: bool, expected: list[str]) -> bool:
    """Claim the run (so that a second click starts nothing) and hand it to the task."""
    claimed = PayrollImport.objects.filter(pk=run.pk, status__in=expected).update(
        status=Status.IMPORTING if write else Status.CHECKING,
        rows_done=0,
        good_rows=run.good_rows,
        mapping=run.mapping,
    )
    if claimed:
        # A large file goes to the task queue (with a queue backend; the immediate one runs it at
        # once as well) and the status page shows its progress; a small one is done within the
        # request, so its page shows the result directly.
        arguments = (run.pk, write, get_language() or "nl")
        if run.rows_total > settings.PAYROLL_IMPORT_BACKGROUND_ROWS:
            payroll_import_run.enqueue(*arguments)
        else:
            payroll_import_run.call(*arguments)
    return bool(claimed)


@login_required
def upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = selectors.import_organisations_for(user=request.user)
    if not organisations.exists():
        raise Http404
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisations=organisations,
    )
    if (
        request.method == "POST" and form.is_valid() and form.table is not None
    ):  # read by clean_file
        table = form.table
        run = PayrollImport.objects.create(
            organisation=form.cleaned_data["organisation"],
            created_by=request.user,
            file_name=form.cleaned_data["file"].name[:255],
            content=form.content,
            mapping=detect(
                table.headers,
                form.cleaned_data["preset"],
                saved_mapping(form.cleaned_data["organisation"]),
            ),
            rows_total=len(table.rows),
        )
        return _to("cases:employee_import_mapping", run)
    return render(
        request,
        "cases/import_upload.html",
        {
            "form": form,
            "runs": selectors.payroll_imports_for(user=request.user)[:10],
            "columns": COLUMNS,
        },
    )


@login_required
def mapping(request: AuthenticatedHttpRequest) -> HttpResponse:
    run = _run(request)
    if run is None:
        return redirect("cases:employee_import")
    if run.status not in (Status.UPLOADED, Status.CHECKED) or not run.content:
        return _to("cases:employee_import_status", run)
    table = read(bytes(run.content), run.file_name)
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        headers=table.headers,
        initial={column: str(index) for column, index in run.mapping.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            run.mapping = check_mapping(form.mapping(), table.headers)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            mapping_save(
                organisation=run.organisation,
                mapping=run.mapping,
                headers=table.headers,
                by=request.user,
            )
            _start(run, write=False, expected=[Status.UPLOADED, Status.CHECKED])
            return _to("cases:employee_import_status", run)
    return render(
        request,
        "cases/import_mapping.html",
        {
            "run": run,
            "form": form,
            "headers": table.headers,
            "sample": [cells for _number, cells in table.rows[:5]],
            "saved": bool(saved_mapping(run.organisation)),
        },
    )


@login_required
def status(request: AuthenticatedHttpRequest) -> HttpResponse:
    run = _run(request)
    if run is None:
        return redirect("cases:employee_import")
    if request.method == "POST":
        choice = request.POST.get("import")
        if run.status != Status.CHECKED or choice not in ("all", "good_rows"):
            messages.error(request, _("This file cannot be imported (again)."))
            return _to("cases:employee_import_status", run)
        if choice == "all" and run.error_count:
            messages.error(
                request, _("The file has bad rows: correct them, or import the good rows.")
            )
            return _to("cases:employee_import_status", run)
        run.good_rows = choice == "good_rows"
        if not _start(run, write=True, expected=[Status.CHECKED]):
            messages.error(request, _("This file cannot be imported (again)."))
        return _to("cases:employee_import_status", run)
    return render(request, "cases/import_status.html", {"run": run, "Status": Status})


@login_required
def progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The run's progress for the status page's bar, polled while it runs (the page reloads itself
    when `running` turns false, and has a refresh link for a browser without JavaScript). Without
    a run named, like the other import pages, back to the upload."""
    run = _run(request)
    if run is None:
        return redirect("cases:employee_import")
    return JsonResponse(
        {
            "status": run.status,
            "status_label": run.get_status_display(),
            "running": run.running,
            "rows_done": run.rows_done,
            "rows_total": run.rows_total,
            "percent": run.percent,
            "created": run.created,
            "changed": run.changed,
            "unchanged": run.unchanged,
            "errors": run.error_count,
        }
    )
