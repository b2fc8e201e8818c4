"""The page "Export everything": the organisation's administrator asks for the whole-organisation
export after proving who she is again (accounts.reauth), follows its progress, and downloads it.
An export of another organisation does not exist for her (404), whatever its number."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.models import Organisation
from openverzuim.accounts.reauth import recent_login_required
from openverzuim.core.forms import form_field
from openverzuim.core.pages import handle_form

from . import export_runs
from .models import OrganisationExportRun


class ExportForm(forms.Form):
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "organisation", forms.ModelChoiceField)
        field.queryset, field.initial = organisations, organisations.first()


def _run(request: AuthenticatedHttpRequest, run_id: int) -> OrganisationExportRun:
    try:
        return export_runs.export_runs_for(request.user).get(pk=run_id)
    except OrganisationExportRun.DoesNotExist:
        raise Http404 from None


@recent_login_required
def export_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = export_runs.export_organisations(request.user)
    form = ExportForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    started = handle_form(
        request,
        form,
        lambda data: export_runs.export_start(organisation=data["organisation"], by=request.user),
    )
    if started is not None:
        return redirect("orgexport:list")
    runs = list(export_runs.export_runs_for(request.user)[:20])
    return render(
        request,
        "api/export_all.html",
        {
            "form": form,
            "runs": runs,
            "running": any(run.running for run in runs),
            "hours": export_runs.EXPORT_HOURS,
            "Status": OrganisationExportRun.Status,
        },
    )


def export_status(request: AuthenticatedHttpRequest, run_id: int) -> JsonResponse:
    """The progress bar's source for a script that polls: steps done of total, and the status."""
    run = _run(request, run_id)
    return JsonResponse(
        {
            "status": run.status,
            "done": run.steps_done,
            "total": run.steps_total,
            "percent": run.percent,
        }
    )


def export_download(request: AuthenticatedHttpRequest, run_id: int) -> HttpResponseBase:
    # The object first: another organisation's export is a 404 before any other question.
    run = _run(request, run_id)
    return _download(request, run)


@recent_login_required
def _download(request: AuthenticatedHttpRequest, run: OrganisationExportRun) -> HttpResponseBase:
    try:
        opened = export_runs.export_download(run=run, by=request.user)
    except ValidationError:
        raise Http404 from None
    day = (run.finished_at or run.created_at).date().isoformat()
    return FileResponse(
        opened,
        as_attachment=True,
        filename=f"export-{run.organisation_id}-{day}.zip",
        content_type="application/zip",
    )
