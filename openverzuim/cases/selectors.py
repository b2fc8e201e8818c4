"""The one door to reading dossiers: every query starts from the policy, scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import OrderBy

from openverzuim.accounts.models import User
from openverzuim.medical import disclosures

from .models import Case, Duty, Employee, Event, SicknessPeriod, Task
from .policies import visible_cases, visible_employees, visible_organisation_ids

#: How far ahead the worklist's "coming up" group looks.
COMING_UP_DAYS = 42
#: How long the physician's advice counts as new on the worklist and in the digest (by its date).
NEW_ADVICE_DAYS = 14


def _with_dossier(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Everything the engine and the case list need, in a fixed number of queries."""
    return cases.select_related(
        "employee", "employee__department", "employment", "case_manager"
    ).prefetch_related(
        Prefetch("periods", queryset=SicknessPeriod.objects.order_by("start")),
        Prefetch("events", queryset=Event.objects.order_by("date", "recorded_at")),
        "leave_periods",
    )


def case_list_for(
    *,
    user: User,
    status: str | None = None,
    department: int | None = None,
    overdue_only: bool = False,
    search: str = "",
    today: date | None = None,
    by_name: bool = False,
) -> QuerySet[Case]:
    """The cases the user may see, filtered; soonest duty first, or with `by_name` by the
    employee's surname without tussenvoegsel (Employee.sort_name, an indexed column)."""
    cases = visible_cases(user, "view")
    if status == "open":
        cases = cases.filter(closed_on__isnull=True)
    elif status == "closed":
        cases = cases.filter(closed_on__isnull=False)
    if department:
        cases = cases.filter(employee__department_id=department)
    if overdue_only and today is not None:
        cases = cases.filter(closed_on__isnull=True, next_due_on__lt=today)
    order: tuple[F | OrderBy | str, ...] = (
        F("closed_on"),
        F("next_due_on"),
        "-pk",
    )  # the index's order
    if search.strip():
        cases = cases.filter(_matches(search.strip(), "employee__"))
        # A search finds few cases: find them by the name indexes, then sort them. In the index's
        # own order PostgreSQL may walk all the organisation's cases and test each one's name,
        # when it expects many matches (1.2 s against 0.17 s at 50,000 open cases for "777");
        # this order (open cases first) is one the index cannot give.
        order = (F("closed_on").asc(nulls_first=True), F("next_due_on").asc(nulls_last=True), "-pk")
    if by_name:
        order = ("employee__sort_name", "pk")
    return _with_dossier(cases).order_by(*order)


def listed(cases: QuerySet[Case]) -> QuerySet[Case]:
    """`case_list_for`'s cases as the case list shows them: each row needs its periods only (the
    first sick day, open or recovered), not its events and leave (two queries fewer a page)."""
    return cases.prefetch_related(None).prefetch_related(
        Prefetch("periods", queryset=SicknessPeriod.objects.order_by("start"))
    )


def _matches(term: str, prefix: str = "") -> Q:
    """An employee whose first or last name contains `term`, or whose number is `term`: the
    search of the case list and of the employees page. `icontains` and `iexact` compare in upper
    case, as the trigram and number indexes do (cases migrations 0008 and 0009)."""
    return (
        Q(**{f"{prefix}first_name__icontains": term})
        | Q(**{f"{prefix}last_name__icontains": term})
        | Q(**{f"{prefix}employee_number__iexact": term})
    )


def case_get_for(*, user: User, case_id: int, action: str = "view") -> Case:
    """The case if the user may reach it; `Case.DoesNotExist` otherwise (a 404 to the user)."""
    return _with_dossier(visible_cases(user, action)).get(pk=case_id)


def task_get_for(*, case: Case, task_id: int) -> Task:
    """A task of a case the caller already reached; `Task.DoesNotExist` otherwise."""
    return case.tasks.select_related("assignee").get(pk=task_id)


def open_tasks_of(case: Case) -> QuerySet[Task]:
    return (
        case.tasks.filter(status=Task.Status.OPEN).select_related("assignee").order_by("due", "pk")
    )


def employee_list_for(*, user: User, action: str = "view", search: str = "") -> QuerySet[Employee]:
    employees = visible_employees(user, action)
    if search.strip():
        employees = employees.filter(_matches(search.strip()))
    return employees.select_related("department", "organisation")


#: The most employees the sick report's list offers at once; a search finds the others.
OFFERED_EMPLOYEES = 50


def sick_now() -> Exists:
    """Whether the employee (the outer row) is sick now: a sickness period without an end. One who
    recovered may be reported again (the new period may join the earlier case)."""
    return Exists(SicknessPeriod.objects.filter(case__employee=OuterRef("pk"), end__isnull=True))


def sick_now_among(employee_ids: list[int]) -> set[int]:
    """Which of these employees (a page's few) are sick now: one query, an EXISTS per id."""
    if not employee_ids:
        return set()
    return set(
        Employee.objects.filter(pk__in=employee_ids).filter(sick_now()).values_list("pk", flat=True)
    )


def employees_to_report_sick(*, user: User) -> QuerySet[Employee]:
    """The employees the user may report sick who are not sick now."""
    return employee_list_for(user=user, action="change").exclude(sick_now())


def employees_offered(
    employees: QuerySet[Employee], *, search: str = "", chosen: object = None
) -> list[Employee]:
    """What the sick report's list shows: the first OFFERED_EMPLOYEES matching `search` by sort
    name, and the one already chosen (a link's ?employee=, a posted form), never a whole payroll."""
    found = employees.filter(_matches(search.strip())) if search.strip() else employees
    offered = list(found[:OFFERED_EMPLOYEES])
    # An id as a link or a form sends it; anything else (text, a number no column holds) is no one.
    text = str(chosen or "")
    pk = int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None
    if pk is not None and all(e.pk != pk for e in offered):
        offered = list(employees.filter(pk=pk)[:1]) + offered
    return offered


def employee_get_for(*, user: User, employee_id: int, action: str = "view") -> Employee:
    return employee_list_for(user=user, action=action).get(pk=employee_id)


#: The most duty rows a page shows at once; counts come from the database, rows are cut here.
DUTY_ROWS = 200
#: How far each count of duties (overdue, this week, coming up, later) goes before it says
#: "more than": where a person stops reading, and where reading index entries to print one
#: number would grow with the caseload (93,000 overdue rows at 50,000 open cases).
COUNTED = 1000


@dataclass(frozen=True)
class Duties:
    """The user's pending duties, soonest first: at most `limit` rows (each with `overdue`, computed
    by the database) and the counts of all of them, from the database."""

    rows: list[Duty]
    week_end: date
    # Each count stops at COUNTED + 1: a count above COUNTED means "more than COUNTED".
    overdue: int
    this_week: int
    coming_up: int  # after this week, up to `until`
    later: int  # after `until`: not shown

    @property
    def later_uncounted(self) -> bool:
        """More rows lie beyond `until` than the count reads: say "more than", not a number."""
        return self.later > COUNTED

    @property
    def uncounted(self) -> bool:
        """One of the groups shown has more rows than its count reads."""
        return max(self.overdue, self.this_week, self.coming_up) > COUNTED

    # The rows come from Duty.objects.pending(): each has a due date and the `overdue` the query
    # computed. Django's types follow neither a filter nor an annotation made in a custom queryset
    # method, hence the ignores below.
    @property
    def overdue_rows(self) -> list[Duty]:
        return [d for d in self.rows if d.overdue]  # type: ignore[attr-defined]

    @property
    def this_week_rows(self) -> list[Duty]:
        return [d for d in self.rows if not d.overdue and d.due <= self.week_end]  # type: ignore[attr-defined, operator]

    @property
    def coming_up_rows(self) -> list[Duty]:
        return [d for d in self.rows if d.due > self.week_end]  # type: ignore[operator]

    @property
    def cut(self) -> int:
        """Duties up to `until` that did not fit in the rows; with `uncounted`, more than this."""
        counted = (min(n, COUNTED) for n in (self.overdue, self.this_week, self.coming_up))
        return sum(counted) - len(self.rows)

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class NewAdvice:
    """The physician released advice on a case lately: the employer hears of it, never its content
    outside the case page (law.md §8.2)."""

    case: Case
    released_on: date


def new_advice_for(*, user: User, today: date) -> list[NewAdvice]:
    """Advice released on the user's open cases in the last NEW_ADVICE_DAYS days, newest first."""
    cases = case_list_for(user=user, status="open")
    released = disclosures.released_since(
        cases.values("pk"), today - timedelta(days=NEW_ADVICE_DAYS - 1)
    )
    by_pk = {case.pk: case for case in cases.filter(pk__in={r.case_id for r in released})}
    return [NewAdvice(by_pk[r.case_id], r.released_on) for r in released]


def _pending_duties(
    user: User,
    today: date,
    assignee: int | None = None,
    case: Case | None = None,
    cases: QuerySet[Case] | None = None,
) -> QuerySet[Duty]:
    if cases is not None:
        duties = Duty.objects.pending(today).filter(case__in=cases)
    else:
        # The duty table's own organisation column, so that the (organisation, due) index serves
        # the query; the case policy is joined in only where it narrows further (assigned cases,
        # a department), not for roles that see whole organisations.
        organisations, exact = visible_organisation_ids(user, "view")
        duties = Duty.objects.pending(today).filter(organisation_id__in=organisations)
        if not exact:
            duties = duties.filter(case__in=visible_cases(user, "view"))
    if assignee is not None:
        duties = duties.filter(assignee_id=assignee)
    if case is not None:
        duties = duties.filter(case=case)
    return duties


def duties_for(
    *,
    user: User,
    today: date,
    until: date | None = None,
    assignee: int | None = None,
    case: Case | None = None,
    cases: QuerySet[Case] | None = None,
    limit: int = DUTY_ROWS,
) -> Duties:
    """The one read of what is due: the worklist, agenda, checklist, digest, calendar and portal.

    Rows due up to `until` (all if None), of one `assignee` or `case` if given, ordered by due
    date, at most `limit`; one query for the rows and two for the counts, whatever the caseload.
    `cases`: a scope another selector already gave the user (the employee's own cases); by default
    the cases the policy lets the user view."""
    duties = _pending_duties(user, today, assignee, case, cases)
    week_end = today + timedelta(days=7)
    far = until or date.max
    groups = [
        duties.filter(due__lt=today),
        duties.filter(due__gte=today, due__lte=min(week_end, far)),
        duties.filter(due__gt=week_end, due__lte=far),
        duties.filter(due__gt=far) if until is not None else duties.none(),
    ]
    overdue, this_week, coming_up, later = _counts_up_to(groups, COUNTED + 1)
    rows = duties if until is None else duties.filter(due__lte=until)
    rows = rows.select_related("case__employee", "task").order_by(
        "due", "case__employee__sort_name", "milestone", "pk"
    )[:limit]
    return Duties(list(rows), week_end, overdue, this_week, coming_up, later)


def _counts_up_to(querysets: list[QuerySet[Duty]], limit: int) -> list[int]:
    """How many rows each queryset has, up to `limit`, in one query: a `COUNT(*)` over a `LIMIT`
    subquery each, so that a count stops reading after `limit` index entries whatever the caseload.
    The subqueries select `due`, a column of the (organisation, status, due) index, so that
    PostgreSQL answers them from the index alone (the id is in none of the duty indexes)."""
    parts: list[str] = []
    params: list[Any] = []
    for queryset in querysets:
        try:
            sql, values = queryset.order_by().values("due")[:limit].query.sql_with_params()
        except EmptyResultSet:  # a filter that can match nothing (no organisations, none())
            parts.append("0")
            continue
        # Django's own compilation of the queryset; its values stay parameters.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) counted)")  # noqa: S608
        params.extend(values)
    with connections[querysets[0].db].cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return [int(n) for n in cursor.fetchone()]


def duties_pending(*, user: User, today: date, assignee: int | None = None) -> QuerySet[Duty]:
    """Every pending duty the user may see (of one assignee if given), unordered: for the API's
    filtered, cursor-paged list."""
    return _pending_duties(user, today, assignee).select_related("case__employee")


def duties_after(*, user: User, today: date, after: date) -> QuerySet[Duty]:
    """The pending duties due after `after`, soonest first: the rows `duties_for` only counted,
    for a paged list (Paginator over the indexed query)."""
    return (
        _pending_duties(user, today)
        .filter(due__gt=after)
        .select_related("case__employee", "task")
        .order_by("due", "pk")
    )


def worklist_for(*, user: User, today: date) -> Duties:
    """The worklist's and checklist's view: overdue, this week and the coming six weeks."""
    return duties_for(user=user, today=today, until=today + timedelta(days=COMING_UP_DAYS))
