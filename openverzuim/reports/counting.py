"""Counting the days behind the absence figures, in the database (docs/statistics.md).

Every stretch of days (an employment, a sickness period, a partial resumption, a leave) is one row
with its first and last day as day numbers, clipped to its employment, made by the ORM. One query per
kind of stretch joins those rows to the windows (a small VALUES table), clips each to each window it
overlaps and sums per window (and per department): six queries whatever the number of employees,
cases or windows, and no case is ever loaded into Python. reports/figures.py works out the figures.

Day numbers count from Monday 1 January 1900, so that working days are plain arithmetic: the number
of working days before day x is 5 * (x div 7) + min(x mod 7, 5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from openverzuim.cases.models import (
    Employee,
    Employment,
    SicknessPeriod,
    WorkResumption,
)
from openverzuim.law.pay import TO_MONTH

from .figures import CLASSES, DAYS_PER_YEAR, FREQUENT_REPORTS, Counts, Window

EPOCH = date(1900, 1, 1)  # a Monday
MONTHS_PER_YEAR = 12
#: An open end, far beyond any window (day 9999-12-31 is about 3,000,000).
OPEN = 10_000_000
DAY_BASES, WEIGHTS = ("calendar", "working"), ("fte", "headcount")
#: From a sickness period or a resumption to the leave of its employee.
LEAVE = "case__employee__leave_periods__"


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


class DayNumber(Func):
    """Days since EPOCH, as an integer, on both databases."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]  # PostgreSQL: date minus date is an integer
        return super().as_sql(
            compiler, connection, template="(%(expressions)s - DATE '1900-01-01')"
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler,
            connection,
            template=("CAST(julianday(%(expressions)s) - julianday('1900-01-01') AS INTEGER)"),
        )


def day_number(day: date) -> int:
    return (day - EPOCH).days


def _day(path: str, *, open_end: bool = False):
    number = DayNumber(F(path))
    return Coalesce(number, Value(OPEN)) if open_end else number


def _employment_bounds(prefix: str) -> tuple:
    return _day(f"{prefix}start"), _day(f"{prefix}end", open_end=True)


def _weight(prefix: str, basis: Basis, hours: str = ""):
    """A day's weight: the part-time factor (or 1); with `hours` worked, the share of it they take."""

    def number(path: str):
        return Cast(F(path), FloatField())

    if hours:
        worked = Least(number(hours), number(f"{prefix}contract_hours"))
        base = "fulltime_hours" if basis.weight == "fte" else "contract_hours"
        return worked / number(f"{prefix}{base}")
    if basis.weight == "headcount":
        return Value(1.0)
    return number(f"{prefix}contract_hours") / number(f"{prefix}fulltime_hours")


def _daily_wage(prefix: str, hours: str = ""):
    """The gross wage of a calendar day (law.pay's conversion to a month, times 12 / 365); with
    `hours` worked, the share of it they earn."""

    def number(path: str):
        return Cast(F(path), FloatField())

    per_month = Case(
        *(
            When(**{f"{prefix}wage_period": period}, then=Value(float(factor)))
            for period, factor in TO_MONTH.items()
        ),
        When(
            **{f"{prefix}wage_period": "hour"},
            then=number(f"{prefix}contract_hours") * Value(float(TO_MONTH["week"])),
        ),
        default=Value(0.0),
        output_field=FloatField(),
    )
    daily = number(f"{prefix}wage") * per_month * Value(MONTHS_PER_YEAR / DAYS_PER_YEAR)
    if hours:
        worked = Least(number(hours), number(f"{prefix}contract_hours"))
        return daily * worked / number(f"{prefix}contract_hours")
    return daily


# ── the row-level stretches (ORM) ─────────────────────────────────────────────────────────────────


def _employments(employments: QuerySet, basis: Basis, group: str | None) -> QuerySet:
    low, high = _employment_bounds("")
    return _rows(
        employments,
        group,
        lo=low,
        hi=high,
        w=_weight("", basis),
        pay=_daily_wage(""),
        person=F("employee"),
    )


def _leaves(employments: QuerySet, basis: Basis, group: str | None) -> QuerySet:
    """The WAZO leave of the employee (cases.LeavePeriod, recorded in a case or on the employee
    page), one row per employment it overlaps, clipped to it."""
    low, high = _employment_bounds("")
    return _rows(
        employments.filter(employee__leave_periods__isnull=False),
        group,
        lo=Greatest(_day("employee__leave_periods__start"), low),
        hi=Least(_day("employee__leave_periods__end"), high),
        w=_weight("", basis),
        pay=_daily_wage(""),
    )


def _periods(
    periods: QuerySet, basis: Basis, group: str | None, *, leave: bool = False
) -> QuerySet:
    """Sickness periods clipped to their employment; with `leave`, one row per leave of the
    employee, clipped to it as well (the days the period and the leave share)."""
    low, high = _employment_bounds("case__employment__")
    lows, highs = [_day("start"), low], [_day("end", open_end=True), high]
    if leave:
        lows.append(_day(f"{LEAVE}start"))
        highs.append(_day(f"{LEAVE}end"))
        periods = periods.filter(**{f"{LEAVE}isnull": False})
    return _rows(
        periods,
        group and f"case__{group}",
        lo=Greatest(*lows),
        hi=Least(*highs),
        p_lo=_day("start"),
        p_hi=_day("end", open_end=True),
        w=_weight("case__employment__", basis),
        pay=_daily_wage("case__employment__"),
        person=F("case__employee"),
    )


def _resumptions(
    periods: QuerySet, basis: Basis, group: str | None, *, leave: bool = False
) -> QuerySet:
    """Each partial resumption from its start to the day before the next one of the case, within the
    sickness period it began in (timeline-contract.md) and the employment; weighed by the hours
    worked. With `leave`, one row per leave of the employee, clipped to it as well."""
    later = WorkResumption.objects.filter(case=OuterRef("case"), start__gt=OuterRef("start"))
    holding = SicknessPeriod.objects.filter(
        case=OuterRef("case"), start__lte=OuterRef("start")
    ).order_by("-start")
    rows = (
        WorkResumption.objects.filter(case__in=periods.values("case"))
        .annotate(
            next_start=Subquery(later.order_by("start").values("start")[:1]),
            period_start=Subquery(holding.values("start")[:1]),
            period_end=Subquery(holding.values("end")[:1]),
        )
        .filter(period_start__isnull=False)
    )
    low, high = _employment_bounds("case__employment__")
    period_low, period_high = _day("period_start"), _day("period_end", open_end=True)
    lows = [_day("start"), period_low, low]
    highs = [Coalesce(DayNumber(F("next_start")) - Value(1), Value(OPEN)), period_high, high]
    if leave:
        lows.append(_day(f"{LEAVE}start"))
        highs.append(_day(f"{LEAVE}end"))
        rows = rows.filter(**{f"{LEAVE}isnull": False})
    return _rows(
        rows,
        group and f"case__{group}",
        lo=Greatest(*lows),
        hi=Least(*highs),
        p_lo=period_low,
        p_hi=period_high,
        w=_weight("case__employment__", basis, hours="hours_per_week"),
        pay=_daily_wage("case__employment__", hours="hours_per_week"),
    )


def _rows(queryset: QuerySet, group: str | None, **columns) -> QuerySet:
    if group is not None:
        columns["grp"] = F(group)
    return queryset.order_by().annotate(**columns).values(*columns)


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
            _employments(employments, basis, group),
            {
                "available": "SUM({days} * s.w)",
                "wages": "SUM({calendar} * s.pay)",
                "headcount": "SUM({calendar})",
                "employees": "COUNT(DISTINCT s.person)",
            },
        ),
        "leave": summed(
            _leaves(employments, basis, group),
            {"leave": "SUM({days} * s.w)", "wages": "SUM({calendar} * s.pay)"},
        ),
        "period": summed(
            _periods(periods, basis, group),
            weighted
            | {
                "reports": "SUM(CASE WHEN s.p_lo >= w.lo THEN 1 ELSE 0 END)",
                "ended": "SUM(CASE WHEN s.p_hi <= w.hi THEN 1 ELSE 0 END)",
                "ended_days": "SUM(CASE WHEN s.p_hi <= w.hi THEN s.p_hi - s.p_lo + 1 ELSE 0 END)",
                "absent": "COUNT(DISTINCT s.person)",
            },
        ),
        "resumption": summed(_resumptions(periods, basis, group), weighted),
        "leave_sick": summed(_periods(periods, basis, group, leave=True), weighted),
        # Leave days of a partial resumption were taken out whole above: the hours worked back.
        "leave_worked": summed(_resumptions(periods, basis, group, leave=True), weighted),
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
