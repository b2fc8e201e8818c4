"""The stretches of days behind the absence statistics (docs/statistics.md), as row sets made by
the ORM: an employment, its employee's leave, a sickness period clipped to its employment, a
partial resumption within the period it began in. Each row has its first and last day as day
numbers (`lo`, `hi`), the period's own first and last day where it has one (`p_lo`, `p_hi`), a
day's weight (`w`) and wage (`pay`), and the employee (`person`).

Two readers: `reports.counting` clips them to windows at request time (the reference) and
`cases.statistics_rollup` turns each employee's stretches into the rows of the daily rollup that
the dashboard sums. Day numbers count from Monday 1 January 1900, so that working days are plain
arithmetic on them.
"""

from __future__ import annotations

from datetime import date

from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least

from openverzuim.law.pay import TO_MONTH
from openverzuim.law.statistics import DAYS_PER_YEAR

from .models import SicknessPeriod, WorkResumption

EPOCH = date(1900, 1, 1)  # a Monday
MONTHS_PER_YEAR = 12
#: An open end, far beyond any window (day 9999-12-31 is about 3,000,000).
OPEN = 10_000_000
#: From a sickness period or a resumption to the leave of its employee.
LEAVE = "case__employee__leave_periods__"


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


def weight(prefix: str, basis_weight: str, hours: str = ""):
    """A day's weight: the part-time factor (`fte`) or 1 (`headcount`); with `hours` worked, the
    share of it they take."""

    def number(path: str):
        return Cast(F(path), FloatField())

    if hours:
        worked = Least(number(hours), number(f"{prefix}contract_hours"))
        base = "fulltime_hours" if basis_weight == "fte" else "contract_hours"
        return worked / number(f"{prefix}{base}")
    if basis_weight == "headcount":
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


def employments(queryset: QuerySet, basis_weight: str, group: str | None) -> QuerySet:
    low, high = _employment_bounds("")
    return _rows(
        queryset,
        group,
        lo=low,
        hi=high,
        w=weight("", basis_weight),
        pay=_daily_wage(""),
        person=F("employee"),
    )


def leaves(queryset: QuerySet, basis_weight: str, group: str | None) -> QuerySet:
    """The WAZO leave of the employee (cases.LeavePeriod, recorded in a case or on the employee
    page), one row per employment it overlaps, clipped to it."""
    low, high = _employment_bounds("")
    return _rows(
        queryset.filter(employee__leave_periods__isnull=False),
        group,
        lo=Greatest(_day("employee__leave_periods__start"), low),
        hi=Least(_day("employee__leave_periods__end"), high),
        w=weight("", basis_weight),
        pay=_daily_wage(""),
        person=F("employee"),
    )


def periods(
    queryset: QuerySet, basis_weight: str, group: str | None, *, leave: bool = False
) -> QuerySet:
    """Sickness periods clipped to their employment; with `leave`, one row per leave of the
    employee, clipped to it as well (the days the period and the leave share)."""
    low, high = _employment_bounds("case__employment__")
    lows, highs = [_day("start"), low], [_day("end", open_end=True), high]
    if leave:
        lows.append(_day(f"{LEAVE}start"))
        highs.append(_day(f"{LEAVE}end"))
        queryset = queryset.filter(**{f"{LEAVE}isnull": False})
    return _rows(
        queryset,
        group and f"case__{group}",
        lo=Greatest(*lows),
        hi=Least(*highs),
        p_lo=_day("start"),
        p_hi=_day("end", open_end=True),
        w=weight("case__employment__", basis_weight),
        pay=_daily_wage("case__employment__"),
        person=F("case__employee"),
    )


def resumptions(
    queryset: QuerySet, basis_weight: str, group: str | None, *, leave: bool = False
) -> QuerySet:
    """Each partial resumption of the cases of the sickness periods `queryset`, from its start to
    the day before the next one of the case, within the sickness period it began in
    (timeline-contract.md) and the employment; weighed by the hours worked. With `leave`, one row
    per leave of the employee, clipped to it as well."""
    later = WorkResumption.objects.filter(case=OuterRef("case"), start__gt=OuterRef("start"))
    holding = SicknessPeriod.objects.filter(
        case=OuterRef("case"), start__lte=OuterRef("start")
    ).order_by("-start")
    rows = (
        WorkResumption.objects.filter(case__in=queryset.values("case"))
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
        w=weight("case__employment__", basis_weight, hours="hours_per_week"),
        pay=_daily_wage("case__employment__", hours="hours_per_week"),
        person=F("case__employee"),
    )


def _rows(queryset: QuerySet, group: str | None, **columns) -> QuerySet:
    if group is not None:
        columns["grp"] = F(group)
    return queryset.order_by().annotate(**columns).values(*columns)
