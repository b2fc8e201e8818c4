"""The absence figures from counted days: pure arithmetic, no Django, no clock (docs/statistics.md).

The counting (sick days, available days, reports) happens in the database (reports/counting.py);
this module turns the counts of one group and one window into the four figures of CBS and the
Standaard verzuimregistratie, and knows the windows (month, quarter, year, rolling 12 months),
the duration classes and the smallest group that may be shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from openverzuim.law.statistics import CLASSES as CLASSES  # read from here as well
from openverzuim.law.statistics import DAYS_PER_YEAR, frequent_start, shift_year
from openverzuim.law.statistics import FREQUENT_REPORTS as FREQUENT_REPORTS

#: Groups of fewer employees are not shown: with four people, one long case is a person.
MIN_GROUP = 5
#: The kinds of window the page offers.
PERIODS = ("month", "quarter", "year", "rolling")
FIGURES = (
    "absence_percentage",
    "reporting_frequency",
    "average_duration_days",
    "zero_absence_percentage",
    "absence_cost_percentage",
)


@dataclass(frozen=True, slots=True)
class Window:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def year_before(self) -> Window:
        return Window(shift_year(self.start, -1), shift_year(self.end, -1))


def _month_start(year: int, month: int) -> date:
    index = year * 12 + month - 1
    return date(index // 12, index % 12 + 1, 1)


def _month_end(year: int, month: int) -> date:
    following = _month_start(year, month + 1)
    return following - timedelta(days=1)


def window(period: str, year: int, month: int, today: date) -> Window | None:
    """The window of `period` that ends in (or holds) the given month, cut off at today: days yet
    to come are neither sick nor available. None for a window that has not begun."""
    if period == "month":
        first, last = (year, month), (year, month)
    elif period == "quarter":
        first_month = (month - 1) // 3 * 3 + 1
        first, last = (year, first_month), (year, first_month + 2)
    elif period == "year":
        first, last = (year, 1), (year, 12)
    elif period == "rolling":
        first, last = (year, month - 11), (year, month)
    else:
        raise ValueError(f"unknown period {period!r}; expected one of {PERIODS}")
    start, end = _month_start(*first), min(_month_end(*last), today)
    return Window(start, end) if start <= end else None


def trend_months(end: date) -> list[Window]:
    """The twelve months up to and including the month of `end`, the last cut off at `end`."""
    months = []
    for back in range(11, -1, -1):
        start = _month_start(end.year, end.month - back)
        months.append(Window(start, min(_month_end(start.year, start.month), end)))
    return months


def frequent_window(end: date) -> Window:
    """The twelve months up to `end` in which three reports make frequent absence."""
    return Window(frequent_start(end), end)


@dataclass(frozen=True, slots=True)
class Counts:
    """What the database counted for one group in one window (reports/counting.py)."""

    available: float = 0.0  # available days x part-time factor, leave left out
    sick: float = 0.0  # sick days x part-time factor x the share of hours not worked
    sick_by_class: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0)  # `sick`, by the case's duration class
    headcount_days: int = 0  # calendar days employed, each employee counting once
    reports: int = 0  # sickness periods begun in the window
    ended: int = 0  # sickness periods ended in the window
    ended_days: int = 0  # their durations, first to last calendar day
    employees: int = 0  # employed on at least one day of the window
    absent: int = 0  # of whom sick on at least one day of the window
    wages: float = 0.0  # gross wage of the available calendar days (leave left out)
    sick_wages: float = 0.0  # of which the wage of the sick days, hours not worked only

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.available + other.available,
            self.sick + other.sick,
            tuple(a + b for a, b in zip(self.sick_by_class, other.sick_by_class, strict=True)),
            self.headcount_days + other.headcount_days,
            self.reports + other.reports,
            self.ended + other.ended,
            self.ended_days + other.ended_days,
            self.employees + other.employees,
            self.absent + other.absent,
            self.wages + other.wages,
            self.sick_wages + other.sick_wages,
        )

    @property
    def suppressed(self) -> bool:
        return self.employees < MIN_GROUP


@dataclass(frozen=True, slots=True)
class Figure:
    numerator: Decimal
    denominator: Decimal
    value: Decimal | None  # None when there is nothing to divide by


def _figure(numerator: float, denominator: float, scale: int, places: str) -> Figure:
    num, den = _rounded(numerator, "0.0001"), _rounded(denominator, "0.0001")
    if not denominator:
        return Figure(num, den, None)
    value = Decimal(repr(numerator * scale / denominator))
    return Figure(num, den, value.quantize(Decimal(places), ROUND_HALF_UP))


def _rounded(number: float, places: str) -> Decimal:
    return Decimal(repr(float(number))).quantize(Decimal(places), ROUND_HALF_UP)


def absence_percentage(counts: Counts) -> Figure:
    return _figure(counts.sick, counts.available, 100, "0.01")


def class_percentages(counts: Counts) -> list[Figure]:
    """The absence percentage split by the duration class of the cases; the parts add up."""
    return [_figure(sick, counts.available, 100, "0.01") for sick in counts.sick_by_class]


def reporting_frequency(counts: Counts) -> Figure:
    """Reports per employee per year: the denominator is employee-years (headcount)."""
    return _figure(counts.reports, counts.headcount_days / DAYS_PER_YEAR, 1, "0.01")


def average_duration(counts: Counts) -> Figure:
    return _figure(counts.ended_days, counts.ended, 1, "0.1")


def zero_absence_percentage(counts: Counts) -> Figure:
    return _figure(counts.employees - counts.absent, counts.employees, 100, "0.1")


def absence_cost_percentage(counts: Counts) -> Figure:
    """The Standaard verzuimregistratie's fourth quantity: the share of the gross wage bill that
    is the wage of the days not worked for sickness (docs/statistics.md)."""
    return _figure(counts.sick_wages, counts.wages, 100, "0.01")


def figures(counts: Counts) -> dict[str, Figure]:
    return {
        "absence_percentage": absence_percentage(counts),
        "reporting_frequency": reporting_frequency(counts),
        "average_duration_days": average_duration(counts),
        "zero_absence_percentage": zero_absence_percentage(counts),
        "absence_cost_percentage": absence_cost_percentage(counts),
    }
