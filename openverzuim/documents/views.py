"""The documents pages. Thin: a selector finds what the user reaches (a miss is a 404), a service
changes it, a template shows it. Every read and write of the dossier goes to the audit trail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.reauth import recent_login_required
from openverzuim.core.forms import attach_errors
from openverzuim.core.pages import get_in_scope_or_404
from openverzuim.medical import disclosures

from . import selectors, services
from .forms import (
    CopyReceivedForm,
    SignForm,
    content_from_post,
    form_fields,
    initial_content,
    prefilled_from_release,
)
from .medical_check import version_medical_terms
from .models import Signature
from .pdf import version_context, version_file
from .report import reintegration_report, report_bundle
from .spec import EMPLOYEE, EMPLOYER, PARTY_LABELS
from .types import TYPES


def _reach(request, case_id: int):
    return get_in_scope_or_404(selectors.case_reach_for, user=request.user, case_id=case_id)


def _document(request, document_id: int):
    return get_in_scope_or_404(
        selectors.document_get_for, user=request.user, document_id=document_id
    )


def _version(document, number: int):
    version = next((v for v in document.versions.all() if v.number == number), None)
    if version is None:
        raise Http404
    return version


@login_required
def case_documents(request: HttpRequest, case_id: int) -> HttpResponse:
    reach = _reach(request, case_id)
    documents = selectors.case_documents(reach)
    note_read(request, case=reach.case, subject="documents")
    employer = EMPLOYER in reach.parties
    return render(
        request,
        "documents/case_documents.html",
        {
            "case": reach.case,
            "documents": documents,
            "employer": employer,
            "uploads": selectors.case_uploads(reach.case) if employer else [],
            "creatable": [t for t in TYPES.values() if t.author in reach.parties],
        },
    )


def _form_page(request, reach, spec, *, document=None, version=None):
    """Draft a new document, edit a draft, or (after signing) make a new version with a reason."""
    new_version = version is not None and version.is_frozen
    errors: dict = {}
    content = version.content if version else initial_content(spec, reach.case)
    free_text = version.free_text if version else ""
    # The document as this form shows it: sent back on save, so that a change by someone else in
    # between refuses the save instead of being overwritten (kept as sent when the form comes back).
    lock_version = (
        request.POST.get("lock_version")
        if request.method == "POST"
        else (document.lock_version if document else None)
    )
    if request.method == "POST":
        content, free_text = (
            content_from_post(spec, request.POST),
            request.POST.get("free_text", ""),
        )
        common = {
            "content": content,
            "free_text": free_text,
            "by": request.user,
            "parties": reach.parties,
        }
        try:
            if document is None:
                document = services.document_create(case=reach.case, type_code=spec.code, **common)
            elif new_version:
                services.version_new(
                    document=document,
                    reason=request.POST.get("reason", ""),
                    lock_version=lock_version,
                    **common,
                )
            else:
                services.version_edit(version=version, lock_version=lock_version, **common)
        except ValidationError as error:
            errors = error.message_dict
        else:
            saved = document.versions.order_by("-number").first()
            terms = version_medical_terms(saved)
            if terms:
                messages.warning(
                    request,
                    _(
                        "These words look medical: %(terms)s. The employer may "
                        "not hold medical data; please rephrase."
                    )
                    % {"terms": ", ".join(terms)},
                )
            messages.success(request, _("Saved. The document can now be signed."))
            return redirect("documents:detail", document_id=document.pk)
    # The form shows the draft (or a new document's prefilled case facts): a read of the dossier.
    prefilled = document is None and prefilled_from_release(content)
    note_read(
        request,
        case=reach.case,
        subject=f"document {document.pk}" if document else f"new {spec.code}",
        fields=f"form, {disclosures.AUDIT_FIELDS}" if prefilled else "form",
    )
    return render(
        request,
        "documents/document_form.html",
        {
            "case": reach.case,
            "spec": spec,
            "document": document,
            "new_version": new_version,
            "fields": form_fields(spec, content, errors),
            "free_text": free_text,
            "lock_version": lock_version,
            "reason": request.POST.get("reason", ""),
            "errors": errors,
            "other_errors": [
                m
                for k, ms in errors.items()
                for m in ms
                if k in ("__all__", "type_code", "reason", "free_text", "content", "lock_version")
            ],
        },
        status=400 if errors else 200,
    )


@login_required
def document_new(request: HttpRequest, case_id: int, type_code: str) -> HttpResponse:
    reach = _reach(request, case_id)
    spec = TYPES.get(type_code)
    if spec is None or spec.author not in reach.parties:
        raise Http404
    return _form_page(request, reach, spec)


@login_required
def document_edit(request: HttpRequest, document_id: int) -> HttpResponse:
    document, reach = _document(request, document_id)
    if document.spec.author not in reach.parties:
        raise Http404
    return _form_page(request, reach, document.spec, document=document, version=document.latest())


@login_required
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document, reach = _document(request, document_id)
    note_read(request, case=reach.case, subject=f"document {document.pk}")
    versions = sorted(document.versions.all(), key=lambda v: -v.number)
    return render(
        request,
        "documents/document_detail.html",
        {
            "case": reach.case,
            "document": document,
            "spec": document.spec,
            "versions": versions,
            "latest": version_context(versions[0]),
            "can_edit": document.spec.author in reach.parties,
            "can_sign": _signable_party(versions[0], reach) is not None,
            "employer": EMPLOYER in reach.parties,
            "copy_form": CopyReceivedForm(initial={"on": timezone.localdate()}),
        },
    )


def _signable_party(version, reach) -> str | None:
    """The first party the user may still sign for on this version (if it is the newest)."""
    if version.number != max(v.number for v in version.document.versions.all()):
        return None
    return next((p for p in version.missing_parties() if p in reach.parties), None)


@login_required
def version_sign(request: AuthenticatedHttpRequest, document_id: int, number: int) -> HttpResponse:
    document, reach = _document(request, document_id)
    version = _version(document, number)
    party = _signable_party(version, reach)
    if party is None:
        raise Http404
    form = SignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.version_sign(
                version=version,
                party=party,
                by=request.user,
                parties=reach.parties,
                today=timezone.localdate(),
                expected_sha256=request.POST.get("sha256", ""),
                position=form.cleaned_data["position"] or Signature.Position.AGREED,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as problem:
            attach_errors(form, problem)
        else:
            messages.success(request, _("Signed."))
            return redirect("documents:detail", document_id=document.pk)
    note_read(request, case=reach.case, subject=f"document {document.pk} v{number}")
    return render(
        request,
        "documents/sign.html",
        {
            "case": reach.case,
            "document": document,
            "party": str(PARTY_LABELS[party]).lower(),
            "form": form,
            **version_context(version),
        },
        status=400 if form.errors else 200,
    )


@login_required
def version_download(
    request: AuthenticatedHttpRequest, document_id: int, number: int
) -> HttpResponse | FileResponse:
    """The version as PDF: the archived file once signed, a fresh draft print before. The employee
    fetching a signed version herself counts as receiving her copy."""
    document, reach = _document(request, document_id)
    version = _version(document, number)
    note_read(request, case=reach.case, subject=f"document {document.pk} v{number}", fields="pdf")
    name = f"{document.type_code}-{document.pk}-v{number}.pdf"
    if version.signed_on and EMPLOYEE in reach.parties and not version.copy_to_employee_on:
        services.copy_received_record(
            version=version, on=timezone.localdate(), by=request.user, today=timezone.localdate()
        )
    printed, archived = version_file(version)
    if archived is not None:
        return FileResponse(archived, content_type="application/pdf", filename=name)
    return HttpResponse(
        printed,
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"'},
    )


@login_required
@require_POST
def copy_received(request: AuthenticatedHttpRequest, document_id: int, number: int) -> HttpResponse:
    document, reach = _document(request, document_id)
    if EMPLOYER not in reach.parties:
        raise Http404
    version = _version(document, number)
    form = CopyReceivedForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError({"on": _("Give the date as YYYY-MM-DD.")})
        services.copy_received_record(
            version=version, on=form.cleaned_data["on"], by=request.user, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
    else:
        messages.success(request, _("The copy to the employee is recorded."))
    return redirect("documents:detail", document_id=document.pk)


@login_required
def my_documents(request: AuthenticatedHttpRequest) -> HttpResponse:
    documents = selectors.own_documents(request.user)
    for case in {d.case for d in documents}:
        note_read(request, case=case, subject="documents")
    return render(request, "documents/my_documents.html", {"documents": documents})


def _report(request, case_id: int):
    reach = _reach(request, case_id)
    if EMPLOYER not in reach.parties:
        raise Http404
    return reach, reintegration_report(
        reach.case,
        selectors.case_documents(reach),
        selectors.case_uploads(reach.case),
        selectors.case_events(reach.case),
    )


@login_required
def report(request: HttpRequest, case_id: int) -> HttpResponse:
    reach, result = _report(request, case_id)
    note_read(request, case=reach.case, subject="re-integration report")
    return render(request, "documents/report.html", {"case": reach.case, "report": result})


@login_required
@recent_login_required
def bundle(request: HttpRequest, case_id: int) -> HttpResponse:
    reach, result = _report(request, case_id)
    note_read(request, case=reach.case, subject="re-integration report", fields="bundle")
    return HttpResponse(
        report_bundle(result),
        content_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="re-integratieverslag-{reach.case.pk}.zip"'
        },
    )
