"""The one door to reading dossiers: every query starts from the policy, scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from openverzuim import law
from openverzuim.accounts.models import User
from openverzuim.law.timeline import OVERDUE
from openverzuim.medical import disclosures

from .engine import case_timeline
from .models import Case, Employee, Event, SicknessPeriod
from .policies import visible_cases, visible_employees

#: How far ahead the worklist's "coming up" group looks.
COMING_UP_DAYS = 42
#: How long the physician's advice counts as new on the worklist and in the digest (by its date).
NEW_ADVICE_DAYS = 14


def _with_dossier(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Everything the engine and the case list need, in a fixed number of queries."""
    return cases.select_related("employee", "employee__department", "employment",
                                "case_manager").prefetch_related(
        Prefetch("periods", queryset=SicknessPeriod.objects.order_by("start")),
        Prefetch("events", queryset=Event.objects.order_by("date", "recorded_at")))


def case_list_for(*, user: User, status: str | None = None, department: int | None = None,
                  overdue_only: bool = False, search: str = "", today: date | None = None
                  ) -> QuerySet[Case]:
    cases = visible_cases(user, "view")
    if status == "open":
        cases = cases.filter(closed_on__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed_on__isnull=False)
    if department:
        cases = cases.filter(employee__department_id=department)
    if overdue_only and today is not None:
        cases = cases.filter(closed_on__isnull=True, next_due_on__lt=today)
    if search.strip():
        term = search.strip()
        cases = cases.filter(Q(employee__first_name__icontains=term)
                             | Q(employee__last_name__icontains=term)
                             | Q(employee__employee_number__iexact=term))
    return _with_dossier(cases).order_by("closed_on", "next_due_on", "-pk")


def case_get_for(*, user: User, case_id: int, action: str = "view") -> Case:
    """The case if the user may reach it; `Case.DoesNotExist` otherwise (a 404 to the user)."""
    return _with_dossier(visible_cases(user, action)).get(pk=case_id)


def employee_list_for(*, user: User, action: str = "view") -> QuerySet[Employee]:
    return visible_employees(user, action).select_related("department", "organisation")


def employee_get_for(*, user: User, employee_id: int, action: str = "view") -> Employee:
    return employee_list_for(user=user, action=action).get(pk=employee_id)


@dataclass(frozen=True)
class Duty:
    case: Case
    milestone: law.Milestone

    @property
    def overdue(self) -> bool:
        return self.milestone.status == OVERDUE


@dataclass(frozen=True)
class NewAdvice:
    """The physician released advice on a case lately: the employer hears of it, never its content
    outside the case page (law.md §8.2)."""

    case: Case
    released_on: date


def new_advice_for(*, user: User, today: date) -> list[NewAdvice]:
    """Advice released on the user's open cases in the last NEW_ADVICE_DAYS days, newest first."""
    cases = case_list_for(user=user, status="open")
    released = disclosures.released_since(cases.values("pk"),
                                          today - timedelta(days=NEW_ADVICE_DAYS - 1))
    by_pk = {case.pk: case for case in cases.filter(pk__in={r.case_id for r in released})}
    return [NewAdvice(by_pk[r.case_id], r.released_on) for r in released]


@dataclass(frozen=True)
class Worklist:
    overdue: list[Duty]
    this_week: list[Duty]
    coming_up: list[Duty]
    later: int  # open duties further ahead, counted only
    new_advice: list[NewAdvice]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.this_week or self.coming_up or self.new_advice)


def worklist_for(*, user: User, today: date) -> Worklist:
    """Every open or overdue duty across the user's open cases, soonest first, in groups."""
    duties = []
    for case in case_list_for(user=user, status="open"):
        result = case_timeline(case, today)
        if result is None:
            continue
        duties += [Duty(case, m) for m in result.milestones
                   if m.due is not None and m.status in ("open", "overdue")]
    duties.sort(key=lambda d: (d.milestone.due, d.case.employee.last_name))
    week_end = today + timedelta(days=7)
    horizon = today + timedelta(days=COMING_UP_DAYS)
    return Worklist(
        overdue=[d for d in duties if d.overdue],
        this_week=[d for d in duties if not d.overdue and d.milestone.due <= week_end],
        coming_up=[d for d in duties if week_end < d.milestone.due <= horizon],
        later=sum(1 for d in duties if d.milestone.due > horizon),
        new_advice=new_advice_for(user=user, today=today),
    )
