"""The definitions of the absence statistics that more than one layer needs (docs/statistics.md):
the duration classes of the Standaard verzuimregistratie (1996) and the twelve months in which
three reports make frequent absence. The arithmetic of the figures is in reports/figures.py; the
rollup that the dashboard sums (cases/statistics_rollup.py) is shaped by these two."""

from __future__ import annotations

from datetime import date, timedelta

#: A year of calendar days: the reporting frequency is per employee per year, a day's wage 12 / 365
#: of a month's.
DAYS_PER_YEAR = 365
#: The usual duration classes (short, medium, long, extra long), in calendar days of the case.
CLASSES: tuple[tuple[int, int | None], ...] = ((1, 7), (8, 42), (43, 365), (366, None))
#: Frequent absence: this many reports or more in the twelve months up to the end of the window.
FREQUENT_REPORTS = 3


def shift_year(day: date, years: int) -> date:
    """The same day `years` later (earlier when negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def frequent_start(end: date) -> date:
    """The first day of the twelve months up to `end` in which frequent absence is counted."""
    return shift_year(end, -1) + timedelta(days=1)
