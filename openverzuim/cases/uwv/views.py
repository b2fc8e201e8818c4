"""The pages that record UWV's decisions and the WAZO leave of a case (uwv.services decides)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.pages import get_in_scope_or_404, handle_form

from .. import selectors
from .. import services as case_services
from ..views import _case_form, _case_form_view, _posted
from . import services
from .forms import (
    LeaveForm,
    LeaveRemoveForm,
    SanctionRepairForm,
    VoluntaryExtensionForm,
    WageSanctionForm,
    Week42SentForm,
)
from .week42 import MILESTONE, report_fields, sent_on


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


@login_required
def week42_report(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """The 42nd-week report prefilled from the dossier, the fields still missing named; the button
    records its sending as the milestone's event, which refreshes the case's duties."""
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    form = Week42SentForm(_posted(request), initial={"date": timezone.localdate()})

    def record(data):
        case_services.event_record(
            case=case,
            kind=MILESTONE,
            date=data["date"],
            by=request.user,
            today=timezone.localdate(),
        )
        messages.success(request, _("The 42nd-week report is recorded as sent to UWV."))
        return redirect("cases:detail", case_id=case.pk)

    fields = report_fields(case)
    return handle_form(request, form, record) or _case_form(
        request,
        "cases/uwv_week42.html",
        {
            "case": case,
            "form": form,
            "fields": fields,
            "sent_on": sent_on(case),
            "missing": [field.label for field in fields if field.missing],
        },
        subject="42nd-week report",
    )
