"""The absence statistics of one employer (or one department with its sub-departments) for one
window: what the dashboard, its exports, its PDF and `manage.py absence_statistics` show.

Reads only through the policy ("statistics": the employer administrator, the arbodienst
administrator of the employers it serves); sums over the daily rollup (reports/rollup.py), a few
queries whatever the size of the employer and over rows that do not grow with it; never a name,
never anything medical. Groups of fewer than five employees are shown without figures
(figures.MIN_GROUP).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from openverzuim.accounts.models import Department, Organisation, User
from openverzuim.accounts.policies import organisations_granted
from openverzuim.cases.models import Case, Employee

from . import counting, rollup
from .figures import Counts, Window, frequent_window, trend_months
from .sector import SectorFigure, sector_figure


def statistics_organisations_for(*, user: User) -> QuerySet[Organisation]:
    """The employers whose statistics the user may see: their own, or those their arbodienst serves."""
    return organisations_granted(user, "statistics").order_by("name", "pk")


@dataclass(frozen=True)
class DepartmentRow:
    department: Department | None  # None: employees without a department
    depth: int  # 0 for a top department; its sub-departments one deeper
    counts: Counts
    frequent: int  # employees with three or more reports in the last twelve months


@dataclass(frozen=True)
class Dashboard:
    organisation: Organisation
    department: Department | None  # the scope; None for the whole employer
    window: Window
    basis: counting.Basis
    total: Counts
    year_before: Counts
    months: list[Window]
    trend: list[Counts]
    trend_year_before: list[Counts]
    departments: list[DepartmentRow]
    frequent: int  # employees with three or more reports in `frequent_window`
    frequent_window: Window
    without_employment: int  # cases left out: no employment to weigh their days by
    sector: SectorFigure | None  # CBS's absence percentage of the employer's sector, if held


def subtree(department: Department, departments: list[Department]) -> list[Department]:
    """The department and every sub-department below it (a cycle in the data ends the walk)."""
    children = defaultdict(list)
    for item in departments:
        children[item.parent_id].append(item)
    found, todo, seen = [], [department], set()
    while todo:
        item = todo.pop()
        if item.pk in seen:
            continue
        seen.add(item.pk)
        found.append(item)
        todo.extend(children[item.pk])
    return found


def department_keys(
    department: Department | None, departments: list[Department]
) -> list[int] | None:
    """The departments whose employees a scope holds: None for the whole employer."""
    return None if department is None else [d.pk for d in subtree(department, departments)]


def scope(
    organisation: Organisation, department: Department | None, departments: list[Department]
) -> QuerySet[Employee]:
    employees = Employee.objects.filter(organisation=organisation)
    keys = department_keys(department, departments)
    return employees if keys is None else employees.filter(department__in=keys)


def dashboard(
    *,
    organisation: Organisation,
    window: Window,
    department: Department | None = None,
    basis: counting.Basis | None = None,
) -> Dashboard:
    """The whole page for `organisation` (already checked against the user's reach)."""
    basis = basis or counting.Basis.configured()
    departments = list(Department.objects.filter(organisation=organisation).order_by("name", "pk"))
    employees = scope(organisation, department, departments)
    keys = department_keys(department, departments)
    months = trend_months(window.end)
    windows = [window, window.year_before(), *months, *(m.year_before() for m in months)]
    counted = [
        result.counts.get(None, Counts())
        for result in rollup.count(organisation, keys, windows, basis=basis)
    ]
    per_department = rollup.count(organisation, keys, [window], basis=basis, by_department=True)[0]
    recent = frequent_window(window.end)
    frequent = per_department.frequent  # in the twelve months up to the window's end
    rows = _department_rows(department, departments, per_department.counts, frequent)
    without = (
        Case.objects.filter(employee__in=employees, employment__isnull=True)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=window.start))
        .count()
    )
    return Dashboard(
        organisation,
        department,
        window,
        basis,
        counted[0],
        counted[1],
        months,
        counted[2:14],
        counted[14:],
        rows,
        sum(frequent.values()),
        recent,
        without,
        sector_figure(organisation.sector, window),
    )


def _department_rows(
    scope_department: Department | None,
    departments: list[Department],
    counts: dict[int | None, Counts],
    frequent: dict[int | None, int],
) -> list[DepartmentRow]:
    """Each department with its sub-departments rolled up, as a tree; then those without one."""
    children = defaultdict(list)
    for item in departments:
        children[item.parent_id].append(item)
    known = {d.pk for d in departments}
    roots = (
        [scope_department]
        if scope_department
        else [d for d in departments if d.parent_id is None or d.parent_id not in known]
    )
    rows: list[DepartmentRow] = []

    def visit(item: Department, depth: int, seen: frozenset[int]) -> tuple[Counts, int]:
        total, often = counts.get(item.pk, Counts()), frequent.get(item.pk, 0)
        index = len(rows)
        rows.append(DepartmentRow(item, depth, total, often))
        for child in children[item.pk]:
            if child.pk not in seen:
                sub, sub_often = visit(child, depth + 1, seen | {child.pk})
                total, often = total + sub, often + sub_often
        rows[index] = DepartmentRow(item, depth, total, often)
        return total, often

    for root in roots:
        visit(root, 0, frozenset({root.pk}))
    if scope_department is None and None in counts:
        rows.append(DepartmentRow(None, 0, counts[None], frequent.get(None, 0)))
    return rows
