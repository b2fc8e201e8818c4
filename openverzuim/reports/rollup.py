"""The absence counts of the dashboard, its exports and `manage.py absence_statistics`, summed from
the daily rollup (cases.statistics_rollup, docs/statistics.md "The rollup"): one query for any
number of windows, over rows that grow with departments and days, not with employees.

`statistics_check` compares them with `reports.counting`, which counts the same at request time
from the stretches themselves: the reference, for the tests and the nightly check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from django.db import connection

from openverzuim.accounts.models import Organisation
from openverzuim.cases import statistics_rows as kinds
from openverzuim.cases.models import Employee, StatisticsTotal
from openverzuim.cases.models.cost_month import NO_DEPARTMENT
from openverzuim.cases.models.statistics_rollup import ALL_DEPARTMENTS
from openverzuim.cases.stretches import day_number

from . import counting
from .counting import Basis
from .figures import CLASSES, Counts, Window, frequent_window


def _working_before(x: str, least: str) -> str:
    """The working days (Monday to Friday) before day number x (day 0 is a Monday)."""
    return f"((({x}) / 7) * 5 + {least}(({x}) - (({x}) / 7) * 7, 5))"


def _sums(
    organisation: Organisation,
    departments: Sequence[int] | None,
    windows: Sequence[Window],
    basis: Basis,
    by_department: bool,
) -> dict[tuple[int, int | None, int], dict]:
    """{(window index, department key or None, kind): sums} over the organisation's rows."""
    greatest, least = ("GREATEST", "LEAST") if connection.vendor == "postgresql" else ("MAX", "MIN")
    table = connection.ops.quote_name(StatisticsTotal._meta.db_table)
    bounds = [(day_number(w.start), day_number(w.end)) for w in windows]
    values = ", ".join(
        f"({i}, {low:d}, {high:d}, {_working_before(str(high + 1), least)})"
        for i, (low, high) in enumerate(bounds)
    )
    params: list = [organisation.pk, max(high for _, high in bounds)]
    where = "organisation_id = %s AND since <= %s"
    if departments is not None:
        where += f" AND department_key IN ({', '.join(['%s'] * len(departments))})"
        params.extend(departments)
    elif by_department:
        where += f" AND department_key <> {ALL_DEPARTMENTS:d}"
    else:  # the organisation's own rows, summed over its departments when written
        where += f" AND department_key = {ALL_DEPARTMENTS:d}"
    group = "department_key, " if by_department else ""
    # The stored rows are one per department and key already; a subtree's are summed first. Only
    # integers and this module's own fragments are spliced in; values go as parameters.
    rows = (
        f"(SELECT {group}kind, day, since, SUM(fte) AS fte, SUM(head) AS head, "  # noqa: S608
        f"SUM(pay) AS pay, SUM(n) AS n, SUM(days) AS days FROM {table} WHERE {where} "
        f"GROUP BY {group}kind, day, since)"
        if departments is not None and not by_department
        else f"(SELECT {group}kind, day, since, fte, head, pay, n, days FROM {table} WHERE {where})"  # noqa: S608
    )
    days_from = f"{greatest}(r.day, w.lo)"
    calendar = f"(w.hi - {days_from} + 1)"
    days = calendar if basis.days == "calendar" else f"(w.wb - {_working_before(days_from, least)})"
    weight = "r.fte" if basis.weight == "fte" else "r.head"
    sql = (
        f"WITH w(idx, lo, hi, wb) AS (VALUES {values}), r AS {rows} "  # noqa: S608
        f"SELECT w.idx, {'r.department_key' if by_department else 'NULL'}, r.kind, "
        f"SUM({weight} * {days}), SUM(r.pay * {calendar}), SUM(r.n * {calendar}), "
        f"SUM(CASE WHEN r.day <= w.hi THEN r.n ELSE 0 END), "
        f"SUM(CASE WHEN r.day < w.lo THEN r.n ELSE 0 END), "
        f"SUM(CASE WHEN r.day >= w.lo THEN r.n ELSE 0 END), "
        f"SUM(CASE WHEN r.day >= w.lo THEN r.days ELSE 0 END) "
        f"FROM r JOIN w ON r.since <= w.hi GROUP BY w.idx, {group and 'r.'}{group}r.kind"
    )
    result = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for index, department, kind, *sums in cursor.fetchall():
            key = None if department in (None, NO_DEPARTMENT) else department
            result[(index, key, kind)] = dict(
                zip(
                    ("weighted", "pay", "calendar", "upto", "before", "pairs", "pair_days"),
                    sums,
                    strict=True,
                )
            )
    return result


def _counts(sums: dict[int, dict]) -> tuple[Counts, int]:
    """The Counts of one group and window from its sums per kind, and its frequent absence."""

    def get(kind: int, name: str) -> float:
        # To a billionth (a wage to a millionth): what a rewrite took back out of a total, in
        # floating point, is zero again.
        return round(float((sums.get(kind) or {}).get(name) or 0), 6 if name == "pay" else 9)

    def people(start: int, end: int, gap: int) -> int:
        return int(get(start, "upto") - get(end, "before") - get(gap, "pairs"))

    classes = tuple(get(kinds.SICK + c, "weighted") for c in range(len(CLASSES)))
    counts = Counts(
        available=get(kinds.AVAILABLE, "weighted"),
        sick=sum(classes),
        sick_by_class=classes,
        headcount_days=int(get(kinds.AVAILABLE, "calendar")),
        reports=int(get(kinds.REPORT, "pairs")),
        ended=int(get(kinds.ENDED, "pairs")),
        ended_days=int(get(kinds.ENDED, "pair_days")),
        employees=people(kinds.EMPLOYED_START, kinds.EMPLOYED_END, kinds.EMPLOYED_GAP),
        absent=people(kinds.ABSENT_START, kinds.ABSENT_END, kinds.ABSENT_GAP),
        wages=get(kinds.AVAILABLE, "pay"),
        sick_wages=sum(get(kinds.SICK + c, "pay") for c in range(len(CLASSES))),
    )
    return counts, int(get(kinds.FREQUENT, "upto"))


@dataclass(frozen=True)
class Rolled:
    counts: dict[int | None, Counts]  # per department key (None: without one), or None: all
    frequent: dict[int | None, int]  # employees with three or more reports in the twelve months


def count(
    organisation: Organisation,
    departments: Sequence[int] | None,
    windows: Sequence[Window],
    *,
    basis: Basis,
    by_department: bool = False,
) -> list[Rolled]:
    """For each window, the Counts of the organisation's employees in `departments` (ids; None for
    all), per department when `by_department`; frequent absence in the twelve months up to each
    window's end. One query."""
    sums = _sums(organisation, departments, windows, basis, by_department)
    grouped: dict[tuple[int, int | None], dict[int, dict]] = {}
    for (index, department, kind), row in sums.items():
        grouped.setdefault((index, department), {})[kind] = row
    result = [Rolled({}, {}) for _ in windows]
    for (index, department), rows in grouped.items():
        counts, frequent = _counts(rows)
        if counts.employees:  # as counting.py: a group with nobody employed in the window is none
            result[index].counts[department] = counts
        result[index].frequent[department] = frequent
    return result


# ── the check ─────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Disagreement:
    window: Window
    department: int | None
    field: str
    rollup: float
    counted: float


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > 1e-6 * max(1.0, abs(a), abs(b))


def statistics_check(
    organisation: Organisation, windows: Sequence[Window], basis: Basis | None = None
) -> list[Disagreement]:
    """Where the rollup's counts differ from `reports.counting`'s, per window and department
    (floating sums within a millionth)."""
    basis = basis or Basis()
    employees = Employee.objects.filter(organisation=organisation)
    found = []
    for by_department in (False, True):
        rolled = count(organisation, None, windows, basis=basis, by_department=by_department)
        counted = counting.count(employees, windows, basis=basis, by_department=by_department)
        for window, mine, theirs in zip(windows, rolled, counted, strict=True):
            for department in sorted(
                set(mine.counts) | set(theirs), key=lambda d: (d is not None, d or 0)
            ):
                a, b = mine.counts.get(department, Counts()), theirs.get(department, Counts())
                for item in fields(Counts):
                    x, y = getattr(a, item.name), getattr(b, item.name)
                    pairs = zip(x, y, strict=True) if isinstance(x, tuple) else [(x, y)]
                    for p, q in pairs:
                        if _differs(float(p), float(q)):
                            found.append(Disagreement(window, department, item.name, p, q))
            reference = counting.frequent_absence(
                employees, frequent_window(window.end), by_department=by_department
            )
            for department in set(mine.frequent) | set(reference):
                p = mine.frequent.get(department, 0)
                q = reference.get(department, (0, 0))[0]
                if p != q:
                    found.append(Disagreement(window, department, "frequent", p, q))
    return found
