"""Contract v1 input read straight into facts by msgspec: the happy path of `openverzuim timeline
--jsonl` (law/jsonl.py).

`parse_case` (contract.py) is the contract's reading of an input: it checks every field and names
the offending one. This module reads the same v1 input with msgspec's typed decoding (in C, without
building dicts first: about 1.5 us a line against 25 us for decoding plus `parse_case`) and repeats
only the checks that types cannot say: the range of every date, the order of periods and leave,
leave between periods, the whole numbers' bounds, the episode the engine models.

It never reports an error. Whatever it does not take returns None (a v2 input, a key or type it does
not know, a failed check, a first sick day it would have to chain to judge) and the caller goes the
contract's way, which gives the message: it may refuse more than the contract, never less, and what
it takes becomes exactly the facts `parse_case` makes (tests/law/test_typed_input.py and the golden
outputs of tests/law/test_bulk_golden.py).
"""

from __future__ import annotations

import datetime as dt

import msgspec

from .contract import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_VOLUNTARY_EXTENSION_WEEKS,
    MIN_VOLUNTARY_EXTENSION_WEEKS,
)
from .facts import (
    EVENT_TYPES,
    LEAVE_KINDS,
    MAX_WAGE_SANCTION_WEEKS,
    SAFETY_NET_KINDS,
    CaseFacts,
    Event,
    Leave,
    SicknessPeriod,
    WageSanction,
)
from .versions import EARLIEST_FIRST_SICK_DAY

_EVENT_TYPES = frozenset(EVENT_TYPES)  # contract v1's: a further milestone's event is v2
_SAFETY_NETS = frozenset((None, *SAFETY_NET_KINDS))
_LEAVE_KINDS = frozenset(LEAVE_KINDS)


# The contract's v1 objects with their keys (contract._TOP_KEYS[1] and the others): any other key is
# refused, as `_object` refuses it. Dates are msgspec's `YYYY-MM-DD`, which `_date` also takes.
class _Period(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    start: dt.date
    end: dt.date | None = None


class _Leave(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    kind: str
    start: dt.date
    end: dt.date


class _Event(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    type: str
    date: dt.date


class _Employment(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    end: dt.date | None = None


class _Sanction(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    weeks: int
    repair_confirmed_on: dt.date | None = None


class _Uwv(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    voluntary_extension_weeks: int = 0
    wage_sanction: _Sanction | None = None


class _Case(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    sickness: list[_Period]
    # `as_of` may be left out (today), not null: UNSET tells the two apart.
    as_of: dt.date | msgspec.UnsetType = msgspec.UNSET
    leave: list[_Leave] | None = None
    safety_net: str | None = None
    employment: _Employment | None = None
    events: list[_Event] | None = None
    uwv: _Uwv | None = None


_DECODER = msgspec.json.Decoder(_Case)


def _in_range(day: dt.date | None) -> bool:
    return day is None or EARLIEST_DATE <= day <= LATEST_DATE


def case_of(line: bytes, today: dt.date) -> tuple[CaseFacts, dt.date] | None:
    """The facts and `as_of` of a v1 input line, as `parse_case` gives them; None for anything
    else (the caller then reads the line the contract's way)."""
    try:
        case = _DECODER.decode(line)
    except msgspec.DecodeError:  # also msgspec.ValidationError: a type or key the contract may name
        return None
    lo, hi = EARLIEST_DATE, LATEST_DATE  # every date of the input lies within (contract._date)
    as_of = today if isinstance(case.as_of, msgspec.UnsetType) else case.as_of
    if not lo <= as_of <= hi or not case.sickness or case.safety_net not in _SAFETY_NETS:
        return None
    # Periods in order, not overlapping, only the last one open (contract._sickness).
    sickness: list[SicknessPeriod] = []
    previous: dt.date | None = None
    for given in case.sickness:
        start, end = given.start, given.end
        if not lo <= start <= hi or (end is not None and not start <= end <= hi):
            return None
        if sickness and (previous is None or start <= previous):
            return None
        sickness.append(SicknessPeriod(start, end))
        previous = end
    # The engine models the episode from its first sick day (contract._check_modelled): taken here
    # only when no period at all lies before that day; otherwise the contract chains and judges.
    if sickness[0].start < EARLIEST_FIRST_SICK_DAY:
        return None
    leave: list[Leave] = []
    for item in case.leave or ():
        start, end = item.start, item.end
        if item.kind not in _LEAVE_KINDS or not lo <= start <= end <= hi:
            return None
        if leave and start <= leave[-1].end:
            return None
        for period in sickness:  # leave lies between periods (contract._leave)
            if start <= (period.end or hi) and period.start <= end:
                return None
        leave.append(Leave(start, end, item.kind))
    events: list[Event] = []
    event_types = _EVENT_TYPES
    for event in case.events or ():
        if event.type not in event_types or not lo <= event.date <= hi:
            return None
        events.append(Event(event.type, event.date))
    employment_end = None if case.employment is None else case.employment.end
    if not _in_range(employment_end):
        return None
    weeks, sanction = 0, None
    if case.uwv is not None:
        weeks = case.uwv.voluntary_extension_weeks
        if not 0 <= weeks <= MAX_VOLUNTARY_EXTENSION_WEEKS:
            return None
        if 0 < weeks < MIN_VOLUNTARY_EXTENSION_WEEKS:
            return None
        imposed = case.uwv.wage_sanction
        if imposed is not None:
            if not 1 <= imposed.weeks <= MAX_WAGE_SANCTION_WEEKS:
                return None
            if not _in_range(imposed.repair_confirmed_on):
                return None
            sanction = WageSanction(imposed.weeks, imposed.repair_confirmed_on)
    facts = CaseFacts(
        tuple(sickness),
        tuple(leave),
        case.safety_net,
        employment_end,
        tuple(events),
        weeks,
        sanction,
    )
    return facts, as_of
