"""The pages that record UWV's decisions and the WAZO leave of a case (uwv.services decides)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.pages import get_in_scope_or_404, handle_form
from openverzuim.core.pdf import render_pdf

from .. import selectors
from ..views import _case_form, _case_form_view, _posted
from . import services
from .forms import (
    LeaveForm,
    LeaveRemoveForm,
    ReportSentForm,
    SanctionRepairForm,
    VoluntaryExtensionForm,
    WageSanctionForm,
)
from .reports import REPORTS, Report, sent_on


def _current(*fields: tuple[str, str]):
    """The form's initial values: the case's version and its current values of `fields`."""

    def initial(case):
        return {"version": case.uwv_version} | {
            name: getattr(case, attribute) for name, attribute in fields
        }

    return initial


@login_required
def wage_sanction(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        WageSanctionForm,
        "cases/uwv_sanction.html",
        services.wage_sanction_record,
        initial=_current(
            ("weeks", "wage_sanction_weeks"), ("decided_on", "wage_sanction_decided_on")
        ),
        success=_("UWV's wage sanction recorded: the end of wage payment has moved."),
    )


@login_required
def sanction_repair(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        SanctionRepairForm,
        "cases/uwv_repair.html",
        services.sanction_repair_record,
        initial=_current(("confirmed_on", "wage_sanction_repair_confirmed_on")),
        success=_("UWV's confirmation of the repair recorded."),
    )


@login_required
def voluntary_extension(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        VoluntaryExtensionForm,
        "cases/uwv_extension.html",
        services.voluntary_extension_record,
        initial=_current(
            ("weeks", "voluntary_extension_weeks"), ("agreed_on", "voluntary_extension_agreed_on")
        ),
        success=_("Voluntary extension recorded: the waiting time and its deadlines have moved."),
    )


@login_required
def leave_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        LeaveForm,
        "cases/leave_form.html",
        services.leave_record,
        initial=_current(),
        success=_("Pregnancy and maternity leave recorded."),
    )


@login_required
def leave_remove(request: AuthenticatedHttpRequest, case_id: int, leave_id: int) -> HttpResponse:
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    leave = next((item for item in case.leave_periods.all() if item.pk == leave_id), None)
    if leave is None:
        raise Http404
    form = LeaveRemoveForm(_posted(request), initial={"version": case.uwv_version})

    def remove(data):
        services.leave_remove(
            case=case, leave=leave, by=request.user, today=timezone.localdate(), **data
        )
        messages.success(request, _("The leave period is removed."))
        return redirect("cases:detail", case_id=case.pk)

    return handle_form(request, form, remove) or _case_form(
        request,
        "cases/leave_remove.html",
        {"case": case, "leave": leave, "form": form, "confirm": True},
        subject=f"leave {leave.pk}",
    )


def _report_case(request: AuthenticatedHttpRequest, case_id: int):
    return get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )


def _report_context(case, report: Report, today) -> dict:
    fields = report.fields(case, today)
    return {
        "case": case,
        "report": report,
        "pdf_url": reverse(f"cases:uwv_{report.slug}_pdf", args=[case.pk]),
        "fields": fields,
        "due": report.due(case, today),
        "sent_on": sent_on(case, report.milestone),
        "missing": [field for field in fields if field.missing],
    }


@login_required
def uwv_report(request: AuthenticatedHttpRequest, case_id: int, slug: str) -> HttpResponse:
    """A report to UWV prefilled from the dossier (uwv.reports), the fields still missing named
    with where to fill them; the button records its sending as the milestone's event, once."""
    report = REPORTS[slug]
    case = _report_case(request, case_id)
    today = timezone.localdate()
    form = ReportSentForm(_posted(request), initial={"date": today})
    already = sent_on(case, report.milestone)

    def record(data):
        services.report_sent_record(
            case=case, milestone=report.milestone, date=data["date"], by=request.user, today=today
        )
        if already is None:
            messages.success(request, _("The report is recorded as sent to UWV."))
        else:
            messages.info(request, _("The report was already recorded as sent to UWV."))
        return redirect("cases:detail", case_id=case.pk)

    return handle_form(request, form, record) or _case_form(
        request,
        "cases/uwv_report.html",
        _report_context(case, report, today) | {"form": form},
        subject=report.subject,
    )


@login_required
def uwv_report_pdf(request: AuthenticatedHttpRequest, case_id: int, slug: str) -> HttpResponse:
    """The same report as a PDF, marked "concept" while a field is missing."""
    report = REPORTS[slug]
    case = _report_case(request, case_id)
    note_read(request, case=case, subject=report.subject, fields="pdf")
    response = HttpResponse(
        render_pdf(
            "cases/pdf/uwv_report.html", _report_context(case, report, timezone.localdate())
        ),
        content_type="application/pdf",
    )
    name = f"uwv-{slug.replace('_', '-')}-{case.employee.employee_number or case.pk}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{slugify(name[:-4])}.pdf"'
    return response
