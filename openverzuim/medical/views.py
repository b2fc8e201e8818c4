"""The physician's pages. Every one goes through `vault_view`: a logged-in physician with a
verified second factor, or nothing. Anyone else who is logged in gets a 404, never a hint that the
vault or the record exists; object scoping is the selectors' (a miss is a 404 too)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from django_otp.decorators import otp_required

from openverzuim.accounts import audit
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.subject_access import as_record
from openverzuim.cases.models import Case
from openverzuim.core.pages import get_in_scope_or_404, handle_form

from . import forms, selectors, services
from .policies import is_physician

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def vault_view(view: Callable) -> Callable:
    verified = otp_required(view)

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_physician(request.user):
            raise Http404
        return verified(request, *args, **kwargs)

    return guarded


def _case(request: HttpRequest, case_id: int) -> Case:
    return get_in_scope_or_404(selectors.case_for_physician, user=request.user, case_id=case_id)


def _read(request: HttpRequest, case: Case, subject: str, fields: str = "") -> None:
    audit.note_read(request, case=case, subject=subject, fields=fields)


@vault_view
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    cases = selectors.caseload_for(user=request.user)
    audit.note_read(request, subject="medical caseload")
    return render(request, "medical/caseload.html", {"cases": cases})


@vault_view
def case_vault(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    vault = selectors.vault_for_case(case)
    _read(
        request,
        case,
        "medical vault",
        "consultation notes, problem analysis, diagnoses, correspondence, releases",
    )
    return render(
        request,
        "medical/case.html",
        {"case": case, "vault": vault, "releases": selectors.releases_of(case)},
    )


@dataclass(frozen=True)
class RecordKind:
    form: type[forms.VaultForm]
    service: Callable
    title: StrOrPromise
    saved: StrOrPromise


KINDS = {
    "note": RecordKind(
        forms.NoteForm,
        services.note_add,
        _("New consultation note"),
        _("The consultation note is saved in the vault."),
    ),
    "analysis": RecordKind(
        forms.AnalysisForm,
        services.analysis_add,
        _("Problem analysis: the medical part"),
        _("The medical part of the problem analysis is saved in the vault."),
    ),
    "diagnosis": RecordKind(
        forms.DiagnosisForm,
        services.diagnosis_add,
        _("New diagnosis"),
        _("The diagnosis is saved in the vault."),
    ),
    "correspondence": RecordKind(
        forms.CorrespondenceForm,
        services.correspondence_add,
        _("New medical correspondence"),
        _("The correspondence is saved in the vault."),
    ),
}


@vault_view
def record_new(request: HttpRequest, case_id: int, kind: str) -> HttpResponse:
    case = _case(request, case_id)
    record = KINDS[kind]
    date_field = next(iter(record.form.base_fields))  # every vault form opens with its date
    form = record.form(
        request.POST or None, request.FILES or None, initial={date_field: timezone.localdate()}
    )
    if handle_form(
        request,
        form,
        lambda data: record.service(
            case=case, author=request.user, today=timezone.localdate(), **form.service_arguments()
        ),
    ):
        messages.success(request, record.saved)
        return redirect("medical:case", case_id=case.pk)
    _read(request, case, f"new {kind}", "form")
    return render(
        request,
        "medical/form.html",
        {"case": case, "form": form, "title": record.title, "kind": kind},
    )


@vault_view
def release_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """A release in two steps: the form, then a preview of exactly what the employer will read;
    only "Release to the employer" on the preview saves it. A release is never edited afterwards:
    a correction is a newer release (the form's "corrects")."""
    case = _case(request, case_id)
    form = forms.ReleaseForm(
        request.POST or None, case=case, initial={"released_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid() and "change" not in request.POST:
        if "release" not in request.POST:
            _read(request, case, "new release", "preview")
            return render(
                request,
                "medical/release_preview.html",
                {
                    "case": case,
                    "form": form,
                    "preview": form.cleaned_data
                    | {"author_name": services.author_name(request.user)},
                    "confirmed": form.confirmed_not_medical,
                },
            )
        if handle_form(
            request,
            form,
            lambda data: services.release_add(
                case=case,
                author=request.user,
                today=timezone.localdate(),
                **form.service_arguments(),
            ),
        ):
            messages.success(request, _("The release is saved; the employer can now read it."))
            return redirect("medical:case", case_id=case.pk)
    _read(request, case, "new release", "form")
    return render(
        request,
        "medical/form.html",
        {"case": case, "form": form, "title": _("Release to the employer"), "kind": "release"},
    )


@vault_view
def correspondence_file(request: HttpRequest, case_id: int, item_id: int) -> HttpResponse:
    case = _case(request, case_id)
    item = get_in_scope_or_404(selectors.correspondence_file, case=case, item_id=item_id)
    _read(request, case, f"medical correspondence {item.pk}", "file")
    # Always a download, never shown inline: the browser must not run an uploaded document.
    response = HttpResponse(item.file_content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=item.file_name or "document"
    )
    response["Cache-Control"] = "no-store"
    return response


# ── the employee's own medical file (AVG art. 15) ───────────────────────────────────────────
# The physician keeps it, so the employee asks for it here, not in the portal's export; the
# vault releases it only after the second factor, and every release is in the audit trail.


def _second_factor(request: AuthenticatedHttpRequest) -> HttpResponse | None:
    """None when the session's second factor is verified; otherwise the way to verify it (or to
    set one up first), coming back here."""
    if request.user.is_verified():
        return None
    step = (
        "accounts:two_factor_verify"
        if user_has_device(request.user, confirmed=True)
        else "accounts:two_factor_setup"
    )
    return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


def _released(request: AuthenticatedHttpRequest, subject: str, fields: str) -> None:
    for case in selectors.own_cases(request.user):
        audit.note_read(request, case=case, subject=subject, fields=fields)


_OWN_FIELDS = "consultation notes, problem analysis, diagnoses, correspondence"


def own_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    if (verify := _second_factor(request)) is not None:
        return verify
    held = selectors.own_medical_file(request.user)
    _released(request, "own medical file", _OWN_FIELDS)
    return render(request, "medical/own_file.html", {"vault": held})


def own_file_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    if (verify := _second_factor(request)) is not None:
        return verify
    held = selectors.own_medical_file(request.user)
    _released(request, "own medical file (json)", _OWN_FIELDS)
    data = {
        "generated_at": timezone.now().isoformat(),
        "consultation_notes": [as_record(n) for n in held.notes],
        "problem_analysis_medical_part": [as_record(a) for a in held.analyses],
        "diagnoses": [as_record(d) for d in held.diagnoses],
        "correspondence": [as_record(c, exclude=("file_content",)) for c in held.correspondence],
    }
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="open-verzuim-my-medical-file.json"'
    response["Cache-Control"] = "no-store"
    return response


def own_letter(request: AuthenticatedHttpRequest, item_id: int) -> HttpResponse:
    # Someone else's letter is a 404 before anything else is asked.
    item = get_in_scope_or_404(
        selectors.own_correspondence_file, user=request.user, item_id=item_id
    )
    if (verify := _second_factor(request)) is not None:
        return verify
    audit.note_read(
        request,
        organisation_id=item.organisation_id,
        case_id=item.case_id,
        employee_id=item.employee_id,
        subject=f"own medical correspondence {item.pk}",
        fields="file",
    )
    response = HttpResponse(item.file_content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=item.file_name or "document"
    )
    response["Cache-Control"] = "no-store"
    return response
