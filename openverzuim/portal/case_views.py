"""The employee's own case: what I must do next, what my employer must do and whether it has, and my
own sick and recovery reports. Every date and status comes from the engine (law.timeline)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.cases import services
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.forms import RecoveryForm, SickReportForm
from openverzuim.cases.models import Employee
from openverzuim.cases.selectors import duties_for
from openverzuim.core.i18n import engine_language
from openverzuim.core.pages import handle_form
from openverzuim.guide.duties import EMPLOYEE_DUTIES, EMPLOYEE_STANDING_DUTIES, EMPLOYER_DUTIES
from openverzuim.law.explain import MILESTONE_NAMES
from openverzuim.law.timeline import OPEN, OVERDUE
from openverzuim.medical import disclosures

from .selectors import own_cases


def _own_employee(user) -> Employee | None:
    return Employee.objects.filter(user=user).select_related("organisation").first()


#: The "Done?" column of the employer's duties, by the engine's status.
EMPLOYER_DUTY_STATE = {OPEN: _lazy("not yet due"), OVERDUE: _lazy("no, and it is overdue")}


def _case_view(case, today, names, mine) -> dict:
    result = case_timeline(case, today)
    milestones = result.milestones if result else ()
    employer = [
        {
            "milestone": m,
            "name": names[m.id],
            "text": EMPLOYER_DUTIES[m.id].what,
            "state": EMPLOYER_DUTY_STATE.get(m.status),
        }
        for m in milestones
        if m.rule.party == "employer" and m.status != "not_applicable"
    ]
    return {
        "case": case,
        "result": result,
        "employer": employer,
        "mine": [
            {"duty": d, "name": names[d.milestone], "text": EMPLOYEE_DUTIES[d.milestone]}
            for d in mine
            if d.case_id == case.pk
        ],
        "open_period": next((p for p in case.periods.all() if p.end is None), None),
        "advice": disclosures.releases_for(case),
    }


@login_required
def my_case(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    names = MILESTONE_NAMES[engine_language()]
    mine = [
        d
        for d in duties_for(user=request.user, today=today, cases=own_cases(request.user)).rows
        if d.milestone in EMPLOYEE_DUTIES and "employee" in d.rule.parties
    ]
    cases = [_case_view(case, today, names, mine) for case in own_cases(request.user)]
    for item in cases:
        note_read(
            request,
            case=item["case"],
            subject="own case",
            fields=disclosures.AUDIT_FIELDS if item["advice"] else "",
        )
    return render(
        request,
        "portal/my_case.html",
        {
            "cases": cases,
            "standing": EMPLOYEE_STANDING_DUTIES,
            "today": today,
            "employee": _own_employee(request.user),
        },
    )


class OwnSickReportForm(SickReportForm):
    """The employee's own sick report: the same fields an employer may register, for themself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, employees=Employee.objects.none(), **kwargs)
        del self.fields["employee"]  # always the employee who is logged in


@login_required
def report_sick(request: AuthenticatedHttpRequest) -> HttpResponse:
    employee = _own_employee(request.user)
    if employee is None:
        raise Http404
    today = timezone.localdate()
    form = OwnSickReportForm(request.POST or None, initial={"first_sick_day": today})
    result = handle_form(
        request,
        form,
        lambda data: services.sick_report_create(
            employee=employee,
            first_sick_day=data["first_sick_day"],
            by=request.user,
            today=today,
            **form.report(),
        ),
    )
    if result is not None:
        messages.success(request, result.message)
        return redirect("portal:my_case")
    return render(request, "portal/report.html", {"form": form, "kind": "sick"})


@login_required
def report_recovered(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = own_cases(request.user).filter(pk=case_id, closed_on__isnull=True).first()
    if case is None or not any(p.end is None for p in case.periods.all()):
        raise Http404
    today = timezone.localdate()
    form = RecoveryForm(request.POST or None, initial={"recovered_on": today})

    def report(data):
        services.recovery_report_create(
            case=case, recovered_on=data["recovered_on"], by=request.user, today=today
        )
        messages.success(
            request, _("Your recovery is recorded; your employer sees it in your case.")
        )
        return redirect("portal:my_case")

    return handle_form(request, form, report) or render(
        request, "portal/report.html", {"form": form, "kind": "recovered", "case": case}
    )
