"""Pages of running a caseload: who works on a case (one case, or many from the case list) and the
tasks people set on it. Thin: a form, a service (cases.assignment, cases.tasks), a redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.roles import Role
from openverzuim.core.pages import get_in_scope_or_404, handle_form

from . import assignment, selectors, tasks
from .forms import AssignmentForm, BulkAssignForm, TaskActionForm, TaskForm
from .policies import visible_cases


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@login_required
def assign(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="assign"
    )
    organisation = [case.organisation_id]
    choices = {
        "case_manager": assignment.eligible_people(organisation, Role.CASE_MANAGER),
        **{
            field: assignment.eligible_people(organisation, role)
            for field, role in assignment.TEAM_ROLES.items()
        },
    }
    team = assignment.team_of(case)
    form = AssignmentForm(
        _posted(request),
        choices=choices,
        initial={
            "case_manager": case.case_manager_id,
            "seen": assignment.state_of(case),
            **{field: [p.pk for p in people] for field, people in team.items()},
        },
    )

    def save(data):
        lines = assignment.case_assign(
            case=case, by=request.user, today=timezone.localdate(), **data
        )
        messages.success(
            request,
            _("Saved: %(what)s.") % {"what": "; ".join(lines)} if lines else _("Nothing changed."),
        )
        return redirect("cases:detail", case_id=case.pk)

    response = handle_form(request, form, save)
    if response is not None:
        return response
    note_read(request, case=case, subject="case", fields="assignment")
    return render(request, "cases/assign.html", {"case": case, "form": form, "team": team})


@login_required
def assign_bulk(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The case list's ticked cases get one case manager: first a confirmation page that lists
    them with their present case manager, then one service call for all of them."""
    if request.method != "POST":
        return redirect("cases:list")
    cases = visible_cases(request.user, "assign").filter(closed_on__isnull=True)
    form = BulkAssignForm(
        request.POST, cases=cases, people=assignment.assignable_case_managers(request.user)
    )

    def act(data):
        chosen = list(
            data["cases"]
            .select_related("employee", "case_manager")
            .order_by("employee__sort_name", "pk")
        )
        if not data["confirm"]:
            seen = ",".join(f"{c.pk}:{c.case_manager_id or ''}" for c in chosen)
            return render(
                request,
                "cases/assign_bulk.html",
                {
                    "form": form,
                    "chosen": chosen,
                    "case_manager": data["case_manager"],
                    "seen": seen,
                },
            )
        result = assignment.cases_assign_case_manager(
            case_ids=[c.pk for c in chosen],
            case_manager=data["case_manager"],
            seen=data["seen"],
            by=request.user,
            today=timezone.localdate(),
        )
        text = ngettext(
            "%(n)d case now has %(name)s as case manager.",
            "%(n)d cases now have %(name)s as case manager.",
            result.changed,
        ) % {"n": result.changed, "name": data["case_manager"]}
        if result.unchanged:
            text += " " + ngettext(
                "%(n)d already had them.", "%(n)d already had them.", result.unchanged
            ) % {"n": result.unchanged}
        messages.success(request, text)
        return redirect("cases:list")

    response = handle_form(request, form, act)
    if response is not None:
        return response
    for error in form.errors.values():
        messages.error(request, " ".join(str(message) for message in error))
    return redirect("cases:list")


@login_required
def task_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    today = timezone.localdate()
    form = TaskForm(
        _posted(request),
        assignees=tasks.assignees_for(case),
        initial={"due": today, "assignee": request.user.pk},
    )

    def add(data):
        tasks.task_create(case=case, by=request.user, today=today, **data)
        messages.success(request, _("Task added."))
        return redirect("cases:detail", case_id=case.pk)

    response = handle_form(request, form, add)
    if response is not None:
        return response
    note_read(request, case=case, subject="case", fields="form")
    return render(request, "cases/task_form.html", {"case": case, "form": form})


@login_required
def task(request: AuthenticatedHttpRequest, case_id: int, task_id: int) -> HttpResponse:
    case = get_in_scope_or_404(
        selectors.case_get_for, user=request.user, case_id=case_id, action="change"
    )
    item = get_in_scope_or_404(selectors.task_get_for, case=case, task_id=task_id)
    form = TaskActionForm(
        _posted(request),
        assignees=tasks.assignees_for(case),
        initial={"assignee": item.assignee_id, "due": item.due, "lock_version": item.lock_version},
    )

    def act(data):
        common = {
            "task": item,
            "lock_version": data["lock_version"],
            "by": request.user,
            "today": timezone.localdate(),
        }
        if data["action"] == "reassign":
            tasks.task_reassign(assignee=data["assignee"], due=data["due"], **common)
            messages.success(request, _("Task reassigned."))
        else:
            tasks.task_close(status=data["action"], **common)
            messages.success(
                request, _("Task completed.") if data["action"] == "done" else _("Task cancelled.")
            )
        if request.POST.get("next") == "worklist":
            return redirect("cases:worklist")
        return redirect("cases:detail", case_id=case.pk)

    response = handle_form(request, form, act)
    if response is not None:
        return response
    note_read(request, case=case, subject=f"task {item.pk}")
    return render(request, "cases/task.html", {"case": case, "task": item, "form": form})
