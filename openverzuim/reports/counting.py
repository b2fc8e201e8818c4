"""Counting the days behind the absence figures at request time, in the database: the reference
the daily rollup (reports/rollup.py, which the pages read) is tested and checked against
(docs/statistics.md).

Every stretch of days (an employment, a sickness period, a partial resumption, a leave) is one row
with its first and last day as day numbers, clipped to its employment (cases/stretches.py). One query
per kind of stretch joins those rows to the windows (a small VALUES table), clips each to each window
it overlaps and sums per window (and per department): six queries whatever the number of employees,
cases or windows, and no case is ever loaded into Python. reports/figures.py works out the figures.

Day numbers count from Monday 1 January 1900, so that working days are plain arithmetic: the number
of working days before day x is 5 * (x div 7) + min(x mod 7, 5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, QuerySet

from openverzuim.cases import stretches
from openverzuim.cases.models import Employee, Employment, SicknessPeriod
from openverzuim.cases.stretches import day_number

from .figures import CLASSES, FREQUENT_REPORTS, Counts, Window

DAY_BASES, WEIGHTS = ("calendar", "working"), ("fte", "headcount")


@dataclass(frozen=True, slots=True)
class Basis:
    """The choices where the definitions differ (a setting; docs/statistics.md)."""

    days: str = "calendar"  # calendar days (CBS) or working days, Monday to Friday
    weight: str = "fte"  # the part-time factor (contract over full-time hours) or each person as 1

    def __post_init__(self) -> None:
        if self.days not in DAY_BASES or self.weight not in WEIGHTS:
            raise ValueError(f"basis: days one of {DAY_BASES}, weight one of {WEIGHTS}")

    @classmethod
    def configured(cls) -> Basis:
        return cls(settings.STATISTICS_DAYS, settings.STATISTICS_WEIGHT)


# ── summing per window (SQL over the rows) ────────────────────────────────────────────────────────


def _sql_functions() -> tuple[str, str]:
    return ("GREATEST", "LEAST") if connection.vendor == "postgresql" else ("MAX", "MIN")


def _days_sql(low: str, high: str, basis: Basis) -> str:
    if basis.days == "calendar":
        return f"({high} - {low} + 1)"
    _, least = _sql_functions()

    def before(x: str) -> str:
        return f"((({x}) / 7) * 5 + {least}(({x}) - (({x}) / 7) * 7, 5))"

    return f"({before(f'{high} + 1')} - {before(low)})"


def _summed(
    rows: QuerySet, windows: Sequence[Window], basis: Basis, grouped: bool, measures: dict[str, str]
) -> dict:
    """{(window index, group): {name: value}} for SQL `measures` over the rows clipped to each
    window: `{days}` is the clipped days on the basis, `{calendar}` in calendar days, `{duration}`
    a period's length up to the window's end."""
    greatest, least = _sql_functions()
    low, high = f"{greatest}(s.lo, w.lo)", f"{least}(s.hi, w.hi)"
    values = {
        "days": _days_sql(low, high, basis),
        "calendar": _days_sql(low, high, Basis()),
        "duration": f"({least}(s.p_hi, w.hi) - s.p_lo + 1)",
    }
    table = ", ".join(
        f"({i}, {day_number(w.start):d}, {day_number(w.end):d})" for i, w in enumerate(windows)
    )
    inner, params = rows.query.sql_with_params()
    group = ", s.grp" if grouped else ""
    selected = ", ".join(f"{sql.format(**values)} AS {name}" for name, sql in measures.items())
    # MATERIALIZED: each row's bounds (subqueries among them) are worked out once, not once per
    # mention in the sums (PostgreSQL would fold the rows into the outer query otherwise). Only
    # integers and this module's own fragments are spliced in; values go as parameters.
    sql = (
        f"WITH w(idx, lo, hi) AS (VALUES {table}), s AS MATERIALIZED ({inner}) "  # noqa: S608
        f"SELECT w.idx{group}, {selected} FROM s "
        f"JOIN w ON s.lo <= w.hi AND s.hi >= w.lo AND s.lo <= s.hi GROUP BY w.idx{group}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        result = {}
        for row in cursor.fetchall():
            record = dict(zip(names, row, strict=True))
            result[(record.pop("idx"), record.pop("grp", None))] = record
    return result


def _class_sums(amount: str) -> dict[str, str]:
    sums = {}
    for index, (low, high) in enumerate(CLASSES):
        within = f"{{duration}} >= {low}" + (f" AND {{duration}} <= {high}" if high else "")
        sums[f"class{index}"] = f"SUM(CASE WHEN {within} THEN {amount} ELSE 0 END)"
    return sums


def count(
    employees: QuerySet[Employee],
    windows: Sequence[Window],
    *,
    basis: Basis,
    by_department: bool = False,
) -> list[dict[int | None, Counts]]:
    """For each window, the Counts of `employees` (per department id when `by_department`)."""
    first, last = min(w.start for w in windows), max(w.end for w in windows)
    employments = Employment.objects.filter(employee__in=employees, start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=first)
    )
    periods = SicknessPeriod.objects.filter(
        case__employee__in=employees, case__employment__in=employments, start__lte=last
    ).filter(Q(end__isnull=True) | Q(end__gte=first))
    group = "employee__department" if by_department else None
    weighted = _class_sums("{days} * s.w") | {"wage": "SUM({calendar} * s.pay)"}

    def summed(rows: QuerySet, measures: dict[str, str]) -> dict:
        return _summed(rows, windows, basis, by_department, measures)

    sums = {
        "employment": summed(
            stretches.employments(employments, basis.weight, group),
            {
                "available": "SUM({days} * s.w)",
                "wages": "SUM({calendar} * s.pay)",
                "headcount": "SUM({calendar})",
                "employees": "COUNT(DISTINCT s.person)",
            },
        ),
        "leave": summed(
            stretches.leaves(employments, basis.weight, group),
            {"leave": "SUM({days} * s.w)", "wages": "SUM({calendar} * s.pay)"},
        ),
        "period": summed(
            stretches.periods(periods, basis.weight, group),
            weighted
            | {
                "reports": "SUM(CASE WHEN s.p_lo >= w.lo THEN 1 ELSE 0 END)",
                "ended": "SUM(CASE WHEN s.p_hi <= w.hi THEN 1 ELSE 0 END)",
                "ended_days": "SUM(CASE WHEN s.p_hi <= w.hi THEN s.p_hi - s.p_lo + 1 ELSE 0 END)",
                "absent": "COUNT(DISTINCT s.person)",
            },
        ),
        "resumption": summed(stretches.resumptions(periods, basis.weight, group), weighted),
        "leave_sick": summed(stretches.periods(periods, basis.weight, group, leave=True), weighted),
        # Leave days of a partial resumption were taken out whole above: the hours worked back.
        "leave_worked": summed(
            stretches.resumptions(periods, basis.weight, group, leave=True), weighted
        ),
    }
    keys = {key for rows in sums.values() for key in rows}
    results: list[dict[int | None, Counts]] = [{} for _ in windows]
    for index, department in keys:
        results[index][department] = _counts(
            *(sums[kind].get((index, department), {}) for kind in sums)
        )
    return results


def _counts(
    employment: dict,
    leave: dict,
    period: dict,
    resumption: dict,
    leave_sick: dict,
    leave_worked: dict,
) -> Counts:
    def get(row: dict, name: str) -> float:
        return float(row.get(name) or 0)

    def not_worked(name: str) -> float:
        """Sick, less the hours worked back, less the leave, plus the hours worked in leave
        (taken out whole with the leave)."""
        return (
            get(period, name)
            - get(resumption, name)
            - get(leave_sick, name)
            + get(leave_worked, name)
        )

    classes = tuple(not_worked(f"class{c}") for c in range(len(CLASSES)))
    return Counts(
        available=get(employment, "available") - get(leave, "leave"),
        wages=get(employment, "wages") - get(leave, "wages"),
        sick_wages=not_worked("wage"),
        sick=sum(classes),
        sick_by_class=classes,
        headcount_days=int(get(employment, "headcount")),
        reports=int(get(period, "reports")),
        ended=int(get(period, "ended")),
        ended_days=int(get(period, "ended_days")),
        employees=int(get(employment, "employees")),
        absent=int(get(period, "absent")),
    )


def frequent_absence(
    employees: QuerySet[Employee], window: Window, *, by_department: bool = False
) -> dict[int | None, tuple[int, int]]:
    """Employees with FREQUENT_REPORTS or more reports in `window`: (frequent, employed) per group.
    Counts only; the names stay with the case manager's own worklist."""
    frequent = (
        SicknessPeriod.objects.filter(
            case__employee__in=employees,
            start__gte=window.start,
            start__lte=window.end,
        )
        .order_by()
        .values("case__employee")
        .annotate(n=Count("pk"))
        .filter(n__gte=FREQUENT_REPORTS)
        .values("case__employee")
    )
    employed = (
        Employment.objects.filter(employee__in=employees, start__lte=window.end)
        .filter(Q(end__isnull=True) | Q(end__gte=window.start))
        .values("employee")
    )
    counted = Employee.objects.filter(pk__in=employed).order_by()
    expressions: dict[str, Count] = {
        "frequent": Count("pk", filter=Q(pk__in=frequent)),
        "employed": Count("pk"),
    }
    if not by_department:
        row = counted.aggregate(**expressions)
        return {None: (row["frequent"], row["employed"])}
    rows = counted.values("department").annotate(
        frequent=expressions["frequent"], employed=expressions["employed"]
    )
    return {row["department"]: (row["frequent"], row["employed"]) for row in rows}
