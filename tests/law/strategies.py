"""Hypothesis strategies for the timeline contract: whole cases as contract-v1 JSON objects.

Cases are built the way the contract takes them (ISO strings, periods in order, leave only inside gaps),
so every property runs through the public face of the engine, `compute()`, and the CLI alike. Day 1
stays between 2016 and 2090, so a case can be shifted by up to 300 days and still lie inside the dates
the engine models (docs/decisions.md C12).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import strategies as st

from openverzuim.law.facts import EVENT_TYPES, SAFETY_NET_KINDS

EARLIEST_DAY_1 = date(2016, 1, 1)
LATEST_DAY_1 = date(2090, 1, 1)
MAX_SHIFT = 300
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def day(value: str) -> date:
    return date.fromisoformat(value)


def shift(value: Any, days: int) -> Any:
    """The same case with every date moved by `days`."""
    if isinstance(value, str) and _ISO.fullmatch(value):
        return iso(day(value) + timedelta(days=days))
    if isinstance(value, dict):
        return {key: shift(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [shift(item, days) for item in value]
    return value


@st.composite
def periods(
    draw, *, max_periods: int = 4, last_open: bool | None = None, max_gap: int = 60
) -> list[list[date | None]]:
    """1-4 sickness periods as [start, end] pairs, gaps of 0..max_gap days between them."""
    start = draw(st.dates(EARLIEST_DAY_1, LATEST_DAY_1))
    result: list[list[date | None]] = []
    # Chained relapses and the 27/28/29 boundary are where the counting can go wrong: draw them often.
    gaps = st.one_of(st.integers(0, 27), st.sampled_from((27, 28, 29)), st.integers(0, max_gap))
    for _ in range(draw(st.sampled_from(range(max_periods, 0, -1)))):
        end = start + timedelta(days=draw(st.integers(0, 400)))
        result.append([start, end])
        start = end + timedelta(days=1 + min(draw(gaps), max_gap))
    if draw(st.booleans()) if last_open is None else last_open:
        result[-1][1] = None
    return result


@st.composite
def leave_in_gaps(draw, sickness: list[list[date | None]]) -> list[dict]:
    """Now and then a pregnancy leave inside a gap between two periods (never overlapping them)."""
    result = []
    for (_, end), (start, _) in pairwise(sickness):
        gap = (start - end).days - 1
        if gap >= 1 and draw(st.integers(0, 3)) == 0:
            first = draw(st.integers(1, gap))
            last = draw(st.integers(first, gap))
            result.append(
                {
                    "kind": "pregnancy",
                    "start": iso(end + timedelta(days=first)),
                    "end": iso(end + timedelta(days=last)),
                }
            )
    return result


def as_sickness(pairs: list[list[date | None]]) -> list[dict]:
    return [{"start": iso(start), "end": iso(end)} for start, end in pairs]


@st.composite
def cases(draw, *, last_open: bool | None = None, max_gap: int = 60) -> dict:
    """A whole case: periods, leave, safety net, employment end, events, UWV decisions, as_of."""
    pairs = draw(periods(last_open=last_open, max_gap=max_gap))
    day1 = pairs[0][0]

    def around_day1(low: int, high: int) -> str:
        return iso(day1 + timedelta(days=draw(st.integers(low, high))))

    events = [
        {"type": draw(st.sampled_from(EVENT_TYPES)), "date": around_day1(-30, 800)}
        for _ in range(draw(st.integers(0, 8)))
    ]
    sanction = None
    if draw(st.integers(0, 4)) == 0:
        sanction = {
            "weeks": draw(st.integers(1, 52)),
            "repair_confirmed_on": around_day1(600, 900) if draw(st.booleans()) else None,
        }
    # Half the time as_of sits on a boundary of a period, where off-by-one errors live.
    edges = [
        iso(edge + timedelta(days=k)) for pair in pairs for edge in pair if edge for k in (-1, 0, 1)
    ]
    as_of = draw(st.sampled_from(edges)) if draw(st.booleans()) else around_day1(-10, 1000)
    return {
        "as_of": as_of,
        "sickness": as_sickness(pairs),
        "leave": draw(leave_in_gaps(pairs)),
        "safety_net": draw(st.sampled_from((None, *SAFETY_NET_KINDS))),
        "employment": {"end": around_day1(0, 900) if draw(st.booleans()) else None},
        "events": events,
        "uwv": {
            "voluntary_extension_weeks": draw(st.sampled_from((0, 0, 13, 26, 52, 60))),
            "wage_sanction": sanction,
        },
    }
