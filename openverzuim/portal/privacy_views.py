"""The employee's privacy pages: who viewed my dossier, and the access request (AVG art. 15)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.audit_words import role_names, subject_words
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.reauth import recent_login_required
from openverzuim.accounts.subject_access import collect_for, readable_for

from .privacy_selectors import own_dossiers, views_of_my_dossier


def who_viewed(request: AuthenticatedHttpRequest) -> HttpResponse:
    entries = [
        {"entry": e, "roles": role_names(e.roles), "subject": subject_words(e.subject)}
        for e in views_of_my_dossier(request.user)[:500]
    ]
    return render(request, "portal/who_viewed.html", {"entries": entries})


@recent_login_required  # asked here, so that the downloads below start at once (and not on that page)
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/my_data.html")


def _note_export(request: AuthenticatedHttpRequest, kind: str) -> None:
    for case in own_dossiers(request.user):
        note_read(request, case=case, subject=f"access request export ({kind})")


@recent_login_required
def my_data_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    _note_export(request, "json")
    data = {"generated_at": timezone.now().isoformat(), "parts": collect_for(request.user)}
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="open-verzuim-my-data.json"'
    return response


@recent_login_required
def my_data_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same data as a document to read: a heading per part and per record, fields in words."""
    _note_export(request, "pdf")
    html = render_to_string(
        "portal/my_data_pdf.html",
        {"sections": readable_for(request.user), "user": request.user, "now": timezone.now()},
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="open-verzuim-my-data.pdf"'
    return response
