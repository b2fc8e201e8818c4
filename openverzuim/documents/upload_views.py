"""Files from outside: the employer side adds them to a case and downloads them again. Never served
from MEDIA_ROOT directly: only here, after the same reach and party check as the case's documents,
always as a download (the browser never renders an uploaded file)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.pages import get_in_scope_or_404, handle_form

from . import selectors, services
from .forms import UploadForm
from .spec import EMPLOYER


def _employer_reach(request, case_id: int):
    reach = get_in_scope_or_404(selectors.case_reach_for, user=request.user, case_id=case_id)
    if EMPLOYER not in reach.parties:
        raise Http404
    return reach


@login_required
def upload_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    reach = _employer_reach(request, case_id)
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )

    def save(data):
        upload = data.pop("file")
        services.upload_create(
            case=reach.case,
            by=request.user,
            parties=reach.parties,
            file_name=upload.name,
            content=upload.read(),
            **data,
        )
        messages.success(request, _("The file is added to the case."))
        return redirect("documents:case", case_id=reach.case.pk)

    response = handle_form(request, form, save)
    if response:
        return response
    note_read(request, case=reach.case, subject="documents", fields="form")
    return render(request, "documents/upload_form.html", {"case": reach.case, "form": form})


@login_required
def upload_file(request: AuthenticatedHttpRequest, case_id: int, file_id: int) -> FileResponse:
    reach = _employer_reach(request, case_id)
    upload = get_in_scope_or_404(selectors.uploaded_file, case=reach.case, file_id=file_id)
    note_read(request, case=reach.case, subject=f"uploaded file {upload.pk}", fields="file")
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=upload.original_name,
        content_type=upload.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
