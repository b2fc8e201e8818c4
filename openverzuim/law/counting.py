"""Counting sick days: day 1, the sick-day count S(d) and adding periods together (*samentellen*).

timeline-contract.md, "Counting", rules 1-3; law.md §1 and §3.1, decision D1.

Days are handled as proleptic ordinals (`date.toordinal()`) inside this module and `timeline.py`:
the arithmetic is integer arithmetic, and a nightly recompute of every open case stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .citations import BW7, WIA, ZW, basis
from .facts import Leave, SicknessPeriod

# BW 7:629 lid 10: "… samengeteld indien zij elkaar met een onderbreking van minder dan vier weken
# opvolgen …"; the same test in ZW art. 38 lid 1 and WIA art. 23 lid 3. Leave days (WAZO) are left out
# of the interruption (WIA art. 23 lid 5 sub a; decision D1).
CHAIN_LIMIT_FIT_DAYS = 28
CHAIN_BASIS = basis(
    BW7.art("629", lid="10"), ZW.art("38", lid="1"), WIA.art("23", lid="3"), decision="D1"
)


def leave_days_between(first: int, last: int, leave: Sequence[Leave]) -> int:
    """Leave days in the ordinal range first..last (inclusive)."""
    days = 0
    for item in leave:
        lo = max(first, item.start.toordinal())
        hi = min(last, item.end.toordinal())
        if hi >= lo:
            days += hi - lo + 1
    return days


def fit_days_between(previous_end: date, start: date, leave: Sequence[Leave] = ()) -> int:
    """Fit days between two periods: `start − previous end − 1`, leave days not counted (rule 2)."""
    first, last = previous_end.toordinal() + 1, start.toordinal() - 1
    between = last - first + 1
    if leave and between > 0:
        between -= leave_days_between(first, last, leave)
    return between


def joins_episode(previous_end: date, start: date, leave: Sequence[Leave] = ()) -> bool:
    """Whether a period starting on `start` joins the episode whose last period ended on `previous_end`:
    fewer than 28 fit days between them, leave days not counted (rule 3; `CHAIN_BASIS`)."""
    return fit_days_between(previous_end, start, leave) < CHAIN_LIMIT_FIT_DAYS


def closed_end(period: SicknessPeriod) -> date:
    """The last day of a period that another follows: only the latest period may be open."""
    if period.end is None:
        raise ValueError(
            f"the sickness period from {period.start} is open, but a later one follows"
        )
    return period.end


@dataclass(frozen=True, slots=True)
class Interruption:
    """A stretch of days inside an episode that are not sick days: fit days or leave."""

    first: date
    last: date
    kind: str  # "fit" or "leave"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


class Episode:
    """The latest sickness period with every earlier period chained to it (rule 2).

    `day_of(n)` and `sick_days_until(d)` treat the last period as going on, as rule 3 says; whether the
    episode actually reached a day is the caller's question (`ended_before`).
    """

    __slots__ = ("_lengths", "_starts", "last_sick_day", "periods")

    def __init__(self, periods: Sequence[SicknessPeriod]):
        self.periods = tuple(periods)
        if len(self.periods) == 1:  # the common case, without the loops
            self._starts = [self.periods[0].start.toordinal()]
            self._lengths = []
        else:
            self._starts = [p.start.toordinal() for p in self.periods]
            # Lengths of every period but the last, which is treated as going on.
            self._lengths = [
                closed_end(p).toordinal() - s + 1
                for p, s in zip(self.periods[:-1], self._starts, strict=False)
            ]
        last_end = self.periods[-1].end
        self.last_sick_day: int | None = last_end.toordinal() if last_end else None

    @property
    def first_sick_day(self) -> int:
        return self._starts[0]

    def ended_before(self, day: int) -> bool:
        """The employee fully recovered before `day`: the duty of that day never arises."""
        return self.last_sick_day is not None and self.last_sick_day < day

    def day_of(self, n: int) -> int:
        """The day on which the sick-day count reaches n (n >= 1), if the last period goes on."""
        if not self._lengths:  # one period, the common case
            return self._starts[0] + n - 1
        counted = 0
        for start, length in zip(self._starts, self._lengths, strict=False):
            if counted + length >= n:
                return start + n - counted - 1
            counted += length
        return self._starts[-1] + n - counted - 1

    def sick_days_until(self, day: int) -> int:
        """S(day): sick days of the episode up to and including `day` (rule 3)."""
        if not self._lengths:  # one period: the loop below without its first part
            start = self._starts[0]
            if day < start:
                return 0
            if self.last_sick_day is not None and self.last_sick_day < day:
                day = self.last_sick_day
            return day - start + 1
        counted = 0
        for start, length in zip(self._starts, self._lengths, strict=False):
            if day < start:
                return counted
            if day < start + length:
                return counted + day - start + 1
            counted += length
        last_start = self._starts[-1]
        if day < last_start:
            return counted
        if self.last_sick_day is not None:
            day = min(day, self.last_sick_day)
        return counted + day - last_start + 1

    def is_sick_on(self, day: int) -> bool:
        if not self._lengths:  # one period
            return self._starts[0] <= day and (
                self.last_sick_day is None or day <= self.last_sick_day
            )
        for start, length in zip(self._starts, self._lengths, strict=False):
            if start <= day < start + length:
                return True
        return self._starts[-1] <= day and (self.last_sick_day is None or day <= self.last_sick_day)

    def interruptions(self, leave: Sequence[Leave] = ()) -> tuple[Interruption, ...]:
        """The fit and leave stretches between the episode's periods, in order (for explanations)."""
        stretches: list[Interruption] = []
        for previous, current in zip(self.periods, self.periods[1:], strict=False):
            cursor = closed_end(previous).toordinal() + 1
            stop = current.start.toordinal() - 1
            for item in sorted(leave, key=lambda x: x.start):
                lo, hi = max(cursor, item.start.toordinal()), min(stop, item.end.toordinal())
                if hi < lo:
                    continue
                if lo > cursor:
                    stretches.append(_stretch(cursor, lo - 1, "fit"))
                stretches.append(_stretch(lo, hi, "leave"))
                cursor = hi + 1
            if cursor <= stop:
                stretches.append(_stretch(cursor, stop, "fit"))
        return tuple(stretches)


def _stretch(first: int, last: int, kind: str) -> Interruption:
    return Interruption(date.fromordinal(first), date.fromordinal(last), kind)


def chain_periods(sickness: Sequence[SicknessPeriod], leave: Sequence[Leave] = ()) -> Episode:
    """The episode of the latest period: walk back while fewer than 28 fit days separate two periods.

    Assumes periods in order, not overlapping, only the last one open (checked by `contract.py`).
    """
    first = len(sickness) - 1
    while first > 0:
        previous, current = sickness[first - 1], sickness[first]
        if not joins_episode(closed_end(previous), current.start, leave):
            break
        first -= 1
    return Episode(sickness[first:])
