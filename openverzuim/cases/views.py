"""The employer's pages. Thin: parse with a form, call a selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.policies import organisations_for, primary_organisation
from openverzuim.accounts.roles import Role
from openverzuim.core.i18n import engine_language
from openverzuim.core.pages import BoundedPaginator, get_in_scope_or_404, handle_form
from openverzuim.law import uwv as uwv_law
from openverzuim.law.explain import MILESTONE_NAMES, how_computed, status_text
from openverzuim.law.pay_explain import BASIS as PAY_BASIS
from openverzuim.law.pay_explain import missing_text, warning_texts
from openverzuim.law.timeline import WAITING_TIME_BASIS
from openverzuim.law.wage_duty import WAGE_CONTINUATION_BASIS
from openverzuim.medical import disclosures

from . import selectors, services
from .assignment import assignable_case_managers, team_of
from .chart import build_chart
from .engine import CaseRun, case_cost
from .forms import (
    CaseFilterForm,
    CloseCaseForm,
    EmployeeForm,
    EmployeeLeaveForm,
    EmploymentForm,
    EventCorrectionForm,
    EventForm,
    RecoveryForm,
    ReintegrationCostForm,
    SearchForm,
    WithdrawForm,
    WorkResumptionForm,
    sick_report_form,
)
from .invitation_views import employee_invitation_url
from .models import EventKind
from .policies import can

#: The articles shown beside the UWV decisions and leave on the case page.
UWV_BASES = {
    "sanction": uwv_law.WAGE_SANCTION_BASIS.short(),
    "repair": uwv_law.REPAIR_BASIS.short(),
    "extension": uwv_law.VOLUNTARY_EXTENSION_BASIS.short(),
    "leave": uwv_law.LEAVE_BASIS.short(),
    "waiting_time": WAITING_TIME_BASIS.short(),
    "wage_continuation": WAGE_CONTINUATION_BASIS.short(),
}

#: Rows per page on the list of duties beyond the worklist's six weeks.
LATER_PER_PAGE = 50
#: Rows per page on the case list and the employees page: a page reads this many, counted by the
#: database, whatever the caseload.
LIST_PER_PAGE = 50


def _case_form(
    request: HttpRequest, template: str, context: dict, subject: str = "case"
) -> HttpResponse:
    """A form about one case, shown (again): the case on it is a read of the dossier."""
    note_read(request, case=context["case"], subject=subject, fields="form")
    return render(request, template, context)


def _posted(request: HttpRequest):
    """The POSTed data, even when empty (so that an empty form shows its errors); None on GET."""
    return request.POST if request.method == "POST" else None


@login_required
def worklist(request: AuthenticatedHttpRequest) -> HttpResponse:
    today = timezone.localdate()
    work = selectors.worklist_for(user=request.user, today=today)
    lang = engine_language()
    names = MILESTONE_NAMES[lang]
    return render(
        request,
        "cases/worklist.html",
        {
            "work": work,
            "today": today,
            "names": names,
            "new_advice": selectors.new_advice_for(user=request.user, today=today),
            "organisation": primary_organisation(request.user),
            "counted": number_format(selectors.COUNTED, force_grouping=True),
        },
    )


@login_required
def worklist_later(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The duties the worklist only counts (beyond its six weeks), a page at a time."""
    today = timezone.localdate()
    after = today + timedelta(days=selectors.COMING_UP_DAYS)
    page = Paginator(
        selectors.duties_after(user=request.user, today=today, after=after), LATER_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request, "cases/worklist_later.html", {"page": page, "after": after, "today": today}
    )


def filtered_cases(request: AuthenticatedHttpRequest):
    """The case list's filter as the request asks it, and the cases it selects: the page and its
    export (cases/exports.py) read the same. Without a filter, the open cases."""
    organisation = primary_organisation(request.user)
    departments = organisation.departments.all() if organisation else []
    asked = {key: value for key, value in request.GET.items() if key in CaseFilterForm.base_fields}
    form = CaseFilterForm(asked or {"status": "open"}, departments=departments)
    form.is_valid()
    data = form.cleaned_data
    cases = selectors.case_list_for(
        user=request.user,
        status=data.get("status") or None,
        department=int(data["department"]) if data.get("department") else None,
        overdue_only=data.get("overdue", False),
        search=data.get("q", ""),
        today=timezone.localdate(),
        by_name=data.get("sort") == "name",
    )
    return form, cases


@login_required
def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, cases = filtered_cases(request)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": BoundedPaginator(selectors.listed(cases), LIST_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "names": MILESTONE_NAMES[engine_language()],
            "today": timezone.localdate(),
            "case_managers": assignable_case_managers(request.user),
        },
    )


@login_required
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """The full page for roles the policy grants "view_details"; for the others who may "view" the
    case (line manager, re-integration consultant) the reduced page, a separate template that gets
    no pay, notes or history to show (issue 4: "reduced view").

    Both show the physician's current advice and its history (medical.disclosures): functional
    limitations and possibilities are released for whoever organises the work, and the line
    manager does (docs/privacy.md, "What the physician discloses")."""
    case = get_in_scope_or_404(selectors.case_get_for, user=request.user, case_id=case_id)
    full = can(request.user, "view_details", case)
    advice = disclosures.releases_for(case)
    fields = "" if full else "timeline, periods, partial work (reduced view)"
    if advice and not full:
        fields += f", {disclosures.AUDIT_FIELDS}"
    note_read(request, case=case, subject="case", fields=fields)
    run = CaseRun(case, timezone.localdate())
    result = run.timeline
    lang = engine_language()
    rows = []
    if result is not None:
        rows = [
            {
                "milestone": m,
                "name": MILESTONE_NAMES[lang][m.id],
                "status_text": status_text(m, lang),
                "how": how_computed(m, result, lang),
                "basis": str(m.rule.basis),
            }
            for m in result.milestones
        ]
    context = {
        "case": case,
        "result": result,
        "rows": rows,
        "chart": build_chart(result, lang) if result else None,
        "resumptions": case.resumptions.all(),
        "advice": advice,
    }
    if not full:
        return render(request, "cases/case_reduced.html", context)
    return render(
        request,
        "cases/case_detail.html",
        context
        | {
            "pay": _pay_context(run, lang),
            "events": case.events.all(),
            "uwv": UWV_BASES,
            "can_start_plan": can(request.user, "change", case),
            "team": team_of(case),
            "tasks": selectors.open_tasks_of(case),
            "today": timezone.localdate(),
        },
    )


def _pay_context(run: CaseRun, lang: str) -> dict | None:
    cost = case_cost(run)
    if cost is None:
        return None
    months = [
        {
            "month": m,
            "why": [
                (line, "; ".join(PAY_BASIS[lang][key] for key in line.rate.basis))
                for line in m.lines
            ],
        }
        for m in cost.schedule.months
    ]
    return {
        "schedule": cost.schedule,
        "months": months,
        "cost": cost,
        "exposure": cost.exposure,
        "provisional": [missing_text(m, lang) for m in cost.schedule.provisional],
        "warnings": warning_texts(cost.schedule, lang),
        "costs": run.case.reintegration_costs.all(),
    }


@login_required
def sick_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, search = sick_report_form(request, request.user)

    def report(data):
        result = services.sick_report_create(
            employee=data["employee"],
            first_sick_day=data["first_sick_day"],
            by=request.user,
            today=timezone.localdate(),
            **form.report(),
        )
        messages.success(request, result.message)
        return redirect("cases:detail", case_id=result.case.pk)

    return handle_form(request, form, report) or render(
        request, "cases/sick_report.html", {"form": form, **search}
    )


def _case_form_view(
    request,
    case_id: int,
    form_class,
    template: str,
    service,
    *,
    initial=None,
    confirm: bool = False,
    success: str = "",
):
    """The pages that change one case through one service with one form. `initial`: the form's
    initial values, or a function of the case that returns them."""
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    form = form_class(
        _posted(request), initial=(initial(case) if callable(initial) else initial) or {}
    )

    def act(data):
        service(case=case, by=request.user, today=timezone.localdate(), **data)
        if success:
            messages.success(request, success)
        return redirect("cases:detail", case_id=case.pk)

    return handle_form(request, form, act) or _case_form(
        request, template, {"case": case, "form": form, "confirm": confirm}
    )


@login_required
def recovery(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        RecoveryForm,
        "cases/recovery.html",
        services.recovery_report_create,
        initial={"recovered_on": timezone.localdate()},
        success=_("Recovery recorded."),
    )


@login_required
def resumption(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        WorkResumptionForm,
        "cases/resumption.html",
        services.work_resumption_create,
        initial={"start": timezone.localdate()},
        success=_("Partial work recorded: the sickness period goes on."),
    )


@login_required
def reintegration_cost_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    form = ReintegrationCostForm(request.POST or None, initial={"date": timezone.localdate()})

    def add(data):
        services.reintegration_cost_create(
            case=case, by=request.user, today=timezone.localdate(), **data
        )
        messages.success(request, _("Re-integration cost recorded."))
        return redirect("cases:detail", case_id=case.pk)

    return handle_form(request, form, add) or _case_form(
        request, "cases/reintegration_cost.html", {"case": case, "form": form}
    )


@login_required
def event_new(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        EventForm,
        "cases/event_form.html",
        services.event_record,
        initial={"kind": request.GET.get("kind"), "date": timezone.localdate()},
        success=_("Recorded."),
    )


@login_required
def case_close(request: HttpRequest, case_id: int) -> HttpResponse:
    return _case_form_view(
        request,
        case_id,
        CloseCaseForm,
        "cases/close.html",
        services.case_close,
        initial={"closed_on": timezone.localdate()},
        confirm=True,
        success=_("The case is closed."),
    )


def _event_view(
    request,
    case_id: int,
    event_id: int,
    form_class,
    template: str,
    service,
    initial: Callable,
    success: str,
):
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    event = next(
        (e for e in case.events.all() if e.pk == event_id and e.withdrawn_at is None), None
    )
    if event is None or event.kind == EventKind.ASSIGNMENT:  # changed on the assignment page only
        raise Http404
    form = form_class(_posted(request), initial=initial(event))

    def act(data):
        service(event=event, by=request.user, today=timezone.localdate(), **data)
        messages.success(request, success)
        return redirect("cases:detail", case_id=case.pk)

    return handle_form(request, form, act) or _case_form(
        request, template, {"case": case, "event": event, "form": form}, subject=f"event {event.pk}"
    )


@login_required
def event_correct(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    return _event_view(
        request,
        case_id,
        event_id,
        EventCorrectionForm,
        "cases/event_correct.html",
        services.event_correct,
        lambda e: {"date": e.date, "note": e.note},
        _("Corrected; the earlier entry stays in the history."),
    )


@login_required
def event_withdraw(request: HttpRequest, case_id: int, event_id: int) -> HttpResponse:
    return _event_view(
        request,
        case_id,
        event_id,
        WithdrawForm,
        "cases/event_withdraw.html",
        services.event_withdraw,
        lambda e: {},
        _("Withdrawn; the entry stays in the history."),
    )


@login_required
def employee_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    employees = selectors.employee_list_for(user=request.user, search=search)
    page = BoundedPaginator(employees, LIST_PER_PAGE).get_page(request.GET.get("page"))
    # Sick now: no "Report sick" on the row. Asked for the page's rows only, in a query of their
    # own: as an annotation of the whole list PostgreSQL hashed every sick employee of the
    # organisation first (50,000 at a million employees: 400 ms) to show 50 rows.
    page.object_list = list(page.object_list)
    sick = selectors.sick_now_among([employee.pk for employee in page.object_list])
    for employee in page.object_list:
        employee.sick_now = employee.pk in sick
    return render(
        request,
        "cases/employee_list.html",
        {"form": form, "search": search, "page": page},
    )


@login_required
def employee_form(
    request: AuthenticatedHttpRequest, employee_id: int | None = None
) -> HttpResponse:
    employee = None
    if employee_id is not None:
        employee = get_in_scope_or_404(
            selectors.employee_get_for, user=request.user, employee_id=employee_id, action="change"
        )
        organisation = employee.organisation
        if request.method == "GET":
            note_read(request, employee=employee, subject="employee")
    else:
        # Only an employer administrator adds employees, to the first organisation they administer.
        organisation = organisations_for(request.user, [Role.EMPLOYER_ADMIN]).first()
        if organisation is None:
            raise Http404
    form = EmployeeForm(_posted(request), instance=employee, organisation=organisation)

    def save(data):
        if employee is None:
            created = services.employee_create(organisation=organisation, by=request.user, **data)
            messages.success(request, _("Employee added. Add the employment contract below."))
            return redirect("cases:employee_edit", employee_id=created.pk)
        services.employee_update(employee=employee, by=request.user, **data)
        messages.success(request, _("Saved."))
        return redirect("cases:employee_edit", employee_id=employee.pk)

    return handle_form(request, form, save) or render(
        request,
        "cases/employee_form.html",
        {
            "form": form,
            "employee": employee,
            "employments": employee.employments.all() if employee else [],
            "leave": employee.leave_periods.select_related("case") if employee else [],
            "employment_form": EmploymentForm() if employee else None,
        },
    )


@login_required
def employee_invite(request: AuthenticatedHttpRequest, employee_id: int) -> HttpResponse:
    """Confirm, then e-mail the employee a one-time link to the address on the record; the login
    is linked only when the person who reads that mailbox accepts (invitation_views)."""
    employee = get_in_scope_or_404(
        selectors.employee_get_for, user=request.user, employee_id=employee_id, action="change"
    )
    if request.method == "GET":
        note_read(request, employee=employee, subject="employee")
    form = forms.Form(_posted(request))  # nothing to fill in: the POST is the confirmation

    def invite(data):
        invitation = services.employee_invite(
            employee=employee, by=request.user, accept_url=employee_invitation_url(request)
        )
        messages.success(
            request, _("The invitation has been sent to %(email)s.") % {"email": invitation.email}
        )
        return redirect("cases:employee_edit", employee_id=employee.pk)

    return handle_form(request, form, invite) or render(
        request, "cases/employee_invite.html", {"form": form, "employee": employee}
    )


@login_required
def employee_leave_new(request: AuthenticatedHttpRequest, employee_id: int) -> HttpResponse:
    """Pregnancy and maternity leave outside any sickness case, from the employee's page."""
    employee = get_in_scope_or_404(
        selectors.employee_get_for, user=request.user, employee_id=employee_id, action="change"
    )
    form = EmployeeLeaveForm(_posted(request))

    def save(data):
        services.employee_leave_record(employee=employee, by=request.user, **data)
        messages.success(request, _("Pregnancy and maternity leave recorded."))
        return redirect("cases:employee_edit", employee_id=employee.pk)

    return handle_form(request, form, save) or render(
        request, "cases/employee_leave_form.html", {"form": form, "employee": employee}
    )


@login_required
def employee_leave_remove(
    request: AuthenticatedHttpRequest, employee_id: int, leave_id: int
) -> HttpResponse:
    """Confirm, then remove leave recorded on the employee page; leave in a case goes to the
    case's own removal, which recomputes its deadlines."""
    employee = get_in_scope_or_404(
        selectors.employee_get_for, user=request.user, employee_id=employee_id, action="change"
    )
    leave = employee.leave_periods.filter(pk=leave_id).first()
    if leave is None:
        raise Http404
    if leave.case_id is not None:
        return redirect("cases:leave_remove", case_id=leave.case_id, leave_id=leave.pk)
    form = forms.Form(_posted(request))

    def remove(data):
        services.employee_leave_remove(employee=employee, leave=leave, by=request.user)
        messages.success(request, _("The leave period is removed."))
        return redirect("cases:employee_edit", employee_id=employee.pk)

    return handle_form(request, form, remove) or render(
        request,
        "cases/employee_leave_remove.html",
        {"form": form, "employee": employee, "leave": leave, "confirm": True},
    )


@login_required
def employment_new(request: AuthenticatedHttpRequest, employee_id: int) -> HttpResponse:
    employee = get_in_scope_or_404(
        selectors.employee_get_for, user=request.user, employee_id=employee_id, action="change"
    )
    form = EmploymentForm(_posted(request))

    def save(data):
        services.employment_create(employee=employee, by=request.user, **data)
        messages.success(request, _("Employment saved."))
        return redirect("cases:employee_edit", employee_id=employee.pk)

    return handle_form(request, form, save) or render(
        request, "cases/employment_form.html", {"form": form, "employee": employee}
    )
