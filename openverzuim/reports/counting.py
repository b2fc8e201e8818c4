"""Counting the days behind the absence figures, in the database (docs/statistics.md).

Every stretch (an employment, a sickness period, a partial resumption, a leave) is clipped to each
window with GREATEST/LEAST on day numbers and summed by one aggregate query per kind of stretch, for
all windows at once: six queries whatever the number of employees, cases or windows, and no case is
ever loaded into Python. The figures are worked out from these sums by reports/figures.py.

Day numbers count from Monday 1 January 1900, so that working days are plain arithmetic:
the number of working days before day x is 5 * (x div 7) + min(x mod 7, 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
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
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Greatest, Least
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual, LessThanOrEqual

from openverzuim.cases.models import Employee, Employment, Leave, SicknessPeriod, WorkResumption

from .figures import CLASSES, Counts, Window

EPOCH = date(1900, 1, 1)  # a Monday
#: An open end, far beyond any window (day 9999-12-31 is about 3,000,000).
OPEN = 10_000_000
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


class DayNumber(Func):
    """Days since EPOCH, as an integer, on both databases."""

    output_field = IntegerField()

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: date minus date is an integer
        return self.as_sql_template(compiler, connection, "(%(expressions)s - DATE '1900-01-01')")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql_template(
            compiler, connection, "CAST(julianday(%(expressions)s) - julianday('1900-01-01') "
                                  "AS INTEGER)")

    def as_sql_template(self, compiler, connection, template):
        return super().as_sql(compiler, connection, template=template)


def day_number(day: date) -> int:
    return (day - EPOCH).days


def _number(field: str, *, open_end: bool = False):
    number = DayNumber(F(field))
    return Coalesce(number, Value(OPEN)) if open_end else number


def _working_before(x):
    weeks = x / Value(7)  # integer division of integers, on both databases
    return weeks * Value(5) + Least(x - weeks * Value(7), Value(5))


def _days(low, high, basis: Basis):
    """The days from `low` to `high` inclusive (day numbers), none when high < low."""
    working = basis.days == "working"
    span = (_working_before(high + Value(1)) - _working_before(low)) if working \
        else high - low + Value(1)
    return Greatest(span, Value(0))


def _ratio(numerator: str, denominator: str):
    return Cast(F(numerator), FloatField()) / Cast(F(denominator), FloatField())


@dataclass(frozen=True)
class Stretch:
    """How one model's rows are stretches: their bounds, the employment's, the weight per day."""

    low: object
    high: object
    weight: object
    employment: str  # the path to the employment, "" on Employment itself

    def clipped(self, window: Window, *extra: tuple) -> tuple:
        prefix = f"{self.employment}__" if self.employment else ""
        lows = [self.low, DayNumber(F(f"{prefix}start")), Value(day_number(window.start))]
        highs = [self.high, _number(f"{prefix}end", open_end=True), Value(day_number(window.end))]
        for low, high in extra:
            lows.append(low)
            highs.append(high)
        return Greatest(*lows), Least(*highs)


def _weight(employment: str, basis: Basis):
    prefix = f"{employment}__" if employment else ""
    if basis.weight == "headcount":
        return Value(1.0)
    return _ratio(f"{prefix}contract_hours", f"{prefix}fulltime_hours")


def _sum(expression):
    return Coalesce(Sum(expression, output_field=FloatField()), Value(0.0))


def _count(condition):
    return Coalesce(Sum(Case(When(condition, then=Value(1)), default=Value(0)),
                        output_field=IntegerField()), Value(0))


def _by_class(amount, duration):
    """`amount` for each duration class of a case lasting `duration` calendar days."""
    parts = []
    for low, high in CLASSES:
        condition = GreaterThanOrEqual(duration, Value(low))
        if high is not None:
            condition = condition & LessThanOrEqual(duration, Value(high))
        parts.append(_sum(Case(When(condition, then=amount), default=Value(0.0))))
    return parts


def _grouped(queryset: QuerySet, group: str | None, expressions: dict) -> dict:
    """{group value: {name: sum}}; a single row under None when not grouped."""
    if group is None:
        return {None: queryset.aggregate(**expressions)}
    rows = queryset.order_by().values(group).annotate(**expressions)
    return {row.pop(group): row for row in rows}


def count(employees: QuerySet[Employee], windows: Sequence[Window], *, basis: Basis,
          by_department: bool = False) -> list[dict[int | None, Counts]]:
    """For each window, the Counts of `employees` (per department id when `by_department`)."""
    first, last = min(w.start for w in windows), max(w.end for w in windows)
    employments = Employment.objects.filter(employee__in=employees, start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=first))
    periods = SicknessPeriod.objects.filter(
        case__employee__in=employees, case__employment__in=employments, start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=first))
    group = "employee__department" if by_department else None
    sums = {
        "employment": _grouped(employments, group, _employment_sums(windows, basis)),
        "leave": _grouped(Leave.objects.filter(employment__in=employments, start__lte=last,
                                               end__gte=first),
                          group and f"employment__{group}", _leave_sums(windows, basis)),
        "period": _grouped(periods, group and f"case__{group}", _period_sums(windows, basis)),
        "resumption": _grouped(_resumptions(periods), group and f"case__{group}",
                               _resumption_sums(windows, basis)),
        "leave_sick": _grouped(_with_leave(periods), group and f"case__{group}",
                               _leave_sick_sums(windows, basis)),
        # Leave days of a partial resumption were taken out whole above: the hours worked back.
        "leave_worked": _grouped(_with_leave(_resumptions(periods)), group and f"case__{group}",
                                 _resumption_sums(windows, basis, during_leave=True)),
    }
    groups = {key for rows in sums.values() for key in rows}
    return [{key: _counts(index, *(sums[kind].get(key, {}) for kind in sums)) for key in groups}
            for index in range(len(windows))]


def _counts(i: int, employment: dict, leave: dict, period: dict, resumption: dict,
            leave_sick: dict, leave_worked: dict) -> Counts:
    def get(row: dict, name: str) -> float:
        return row.get(f"{name}_{i}") or 0

    classes = tuple(get(period, f"class{c}") - get(resumption, f"class{c}")
                    - get(leave_sick, f"class{c}") + get(leave_worked, f"class{c}")
                    for c in range(len(CLASSES)))
    return Counts(available=get(employment, "available") - get(leave, "leave"),
                  sick=sum(classes), sick_by_class=classes,
                  headcount_days=int(get(employment, "headcount")), reports=int(get(period, "reports")),
                  ended=int(get(period, "ended")), ended_days=int(get(period, "ended_days")),
                  employees=int(get(employment, "employees")), absent=int(get(period, "absent")))


def _employment_sums(windows: Iterable[Window], basis: Basis) -> dict:
    stretch = Stretch(_number("start"), _number("end", open_end=True), _weight("", basis), "")
    calendar = Basis("calendar", basis.weight)
    sums = {}
    for i, window in enumerate(windows):
        low, high = stretch.clipped(window)
        sums[f"available_{i}"] = _sum(_days(low, high, basis) * stretch.weight)
        sums[f"headcount_{i}"] = _sum(_days(low, high, calendar))
        sums[f"employees_{i}"] = Count(Case(When(GreaterThan(_days(low, high, calendar), Value(0)),
                                                 then=F("employee"))), distinct=True)
    return sums


def _leave_sums(windows: Iterable[Window], basis: Basis) -> dict:
    stretch = Stretch(_number("start"), _number("end"), _weight("employment", basis), "employment")
    return {f"leave_{i}": _sum(_days(*stretch.clipped(window), basis) * stretch.weight)
            for i, window in enumerate(windows)}


def _period_sums(windows: Iterable[Window], basis: Basis) -> dict:
    low_day, high_day = _number("start"), _number("end", open_end=True)
    stretch = Stretch(low_day, high_day, _weight("case__employment", basis), "case__employment")
    calendar = Basis("calendar", basis.weight)
    sums = {}
    for i, window in enumerate(windows):
        low, high = stretch.clipped(window)
        lo, hi = Value(day_number(window.start)), Value(day_number(window.end))
        # A case's class is its length up to the end of the window (cases.md: first to last day).
        duration = Least(high_day, hi) - low_day + Value(1)
        for c, part in enumerate(_by_class(_days(low, high, basis) * stretch.weight, duration)):
            sums[f"class{c}_{i}"] = part
        begun = GreaterThanOrEqual(low_day, lo) & LessThanOrEqual(low_day, hi)
        ended = GreaterThanOrEqual(high_day, lo) & LessThanOrEqual(high_day, hi)
        sums[f"reports_{i}"] = _count(begun)
        sums[f"ended_{i}"] = _count(ended)
        sums[f"ended_days_{i}"] = Coalesce(Sum(Case(When(ended, then=high_day - low_day + Value(1)),
                                                    default=Value(0))), Value(0))
        sums[f"absent_{i}"] = Count(Case(When(GreaterThan(_days(low, high, calendar), Value(0)),
                                              then=F("case__employee"))), distinct=True)
    return sums


def _resumptions(periods: QuerySet[SicknessPeriod]) -> QuerySet[WorkResumption]:
    """Each partial resumption with the bounds it holds for: from its start to the day before the
    next resumption of the case, within the sickness period it began in (timeline-contract.md)."""
    later = WorkResumption.objects.filter(case=OuterRef("case"), start__gt=OuterRef("start"))
    holding = SicknessPeriod.objects.filter(case=OuterRef("case"), start__lte=OuterRef("start")
                                            ).order_by("-start")
    return WorkResumption.objects.filter(case__in=periods.values("case")).annotate(
        next_start=Subquery(later.order_by("start").values("start")[:1]),
        period_start=Subquery(holding.values("start")[:1]),
        period_end=Subquery(holding.values("end")[:1]),
    ).filter(period_start__isnull=False)


def _with_leave(queryset: QuerySet) -> QuerySet:
    """Each row joined with the leave of its case's employment (one row per leave)."""
    return queryset.annotate(leave_start=F("case__employment__leaves__start"),
                             leave_end=F("case__employment__leaves__end")).filter(
        leave_start__isnull=False)


def _resumption_sums(windows: Iterable[Window], basis: Basis, *, during_leave: bool = False
                     ) -> dict:
    period_low, period_high = _number("period_start"), _number("period_end", open_end=True)
    high = Least(Coalesce(DayNumber(F("next_start")) - Value(1), Value(OPEN)), period_high)
    # Hours worked, at most the contract's: the share of the day's weight that was not absence.
    worked = Least(Cast(F("hours_per_week"), FloatField()),
                   Cast(F("case__employment__contract_hours"), FloatField()))
    base = "fulltime_hours" if basis.weight == "fte" else "contract_hours"
    weight = worked / Cast(F(f"case__employment__{base}"), FloatField())
    stretch = Stretch(_number("start"), high, weight, "case__employment")
    bounds = [(period_low, period_high)]
    if during_leave:
        bounds.append((_number("leave_start"), _number("leave_end")))
    sums = {}
    for i, window in enumerate(windows):
        low, top = stretch.clipped(window, *bounds)
        duration = Least(period_high, Value(day_number(window.end))) - period_low + Value(1)
        for c, part in enumerate(_by_class(_days(low, top, basis) * weight, duration)):
            sums[f"class{c}_{i}"] = part
    return sums


def _leave_sick_sums(windows: Iterable[Window], basis: Basis) -> dict:
    low_day, high_day = _number("start"), _number("end", open_end=True)
    stretch = Stretch(low_day, high_day, _weight("case__employment", basis), "case__employment")
    leave = (_number("leave_start"), _number("leave_end"))
    sums = {}
    for i, window in enumerate(windows):
        low, high = stretch.clipped(window, leave)
        duration = Least(high_day, Value(day_number(window.end))) - low_day + Value(1)
        for c, part in enumerate(_by_class(_days(low, high, basis) * stretch.weight, duration)):
            sums[f"class{c}_{i}"] = part
    return sums


def frequent_absence(employees: QuerySet[Employee], window: Window, *,
                     by_department: bool = False) -> dict[int | None, tuple[int, int]]:
    """Employees with FREQUENT_REPORTS or more reports in `window`: (frequent, employed) per group.
    Counts only; the names stay with the case manager's own worklist."""
    from .figures import FREQUENT_REPORTS

    frequent = SicknessPeriod.objects.filter(
        case__employee__in=employees, start__gte=window.start, start__lte=window.end,
    ).order_by().values("case__employee").annotate(n=Count("pk")).filter(
        n__gte=FREQUENT_REPORTS).values("case__employee")
    employed = Employment.objects.filter(employee__in=employees, start__lte=window.end).filter(
        Q(end__isnull=True) | Q(end__gte=window.start)).values("employee")
    group = "department" if by_department else None
    rows = _grouped(Employee.objects.filter(pk__in=employed), group, {
        "frequent": Count("pk", filter=Q(pk__in=frequent)), "employed": Count("pk")})
    return {key: (row["frequent"], row["employed"]) for key, row in rows.items()}
