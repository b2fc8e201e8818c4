"""Contracts v1 and v2 (docs/timeline-contract.md): JSON input to facts, timeline to JSON output.

Version 2 is additive: two facts (`uwv.wia_letter_received_on`, `uwv.wage_sanction.decided_on`) and
the key `wage_continuation` in the output. An input is v2 when it says `"contract": 2` or carries a v2
fact; every other input is v1 and gets exactly its v1 output.

Every error names the offending field and the reason, as `<field path>: <reason>`; the input is
checked whole before anything is computed, so bad input never yields a partial timeline.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any, Literal, overload

from .counting import chain_periods
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
from .further import FURTHER_IDS, further_milestones
from .milestones import MILESTONE_RULES, Rule
from .timeline import STATUSES, Days, Timeline, timeline
from .versions import refusal
from .wage_duty import WageContinuation

CONTRACT_VERSION = 1
CONTRACT_VERSIONS = (1, 2)

# The first sick day from which every rule version the engine codes governs the episode (law/versions.py:
# the Verzamelwet SZW 2013, in force 2013-07-01); earlier episodes are refused, naming the rule and why,
# rather than computed with a text that may not apply (style.md §2.4 rule 6). The upper bound keeps
# every derived date inside the calendar.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MIN_VOLUNTARY_EXTENSION_WEEKS = 13  # UWV, decision D15: at least 13 weeks, no statutory maximum
MAX_VOLUNTARY_EXTENSION_WEEKS = 520  # not law: a bound on the engine's calendar, ten years

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The keys each version reads, by object, made once, not per item of a case (--jsonl reads
# millions); a v1 input is told about v1's keys only, as before v2.
_TOP_KEYS = {
    1: frozenset({"as_of", "sickness", "leave", "safety_net", "employment", "events", "uwv"})
}
_TOP_KEYS[2] = _TOP_KEYS[1] | {"contract"}
_UWV_KEYS = {1: frozenset({"voluntary_extension_weeks", "wage_sanction"})}
_UWV_KEYS[2] = _UWV_KEYS[1] | {"wia_letter_received_on"}
_SANCTION_KEYS = {1: frozenset({"weeks", "repair_confirmed_on"})}
_SANCTION_KEYS[2] = _SANCTION_KEYS[1] | {"decided_on"}
#: The facts only contract v2 carries, by path: an input naming one is a v2 input.
V2_FACTS = (
    "uwv.wia_letter_received_on",
    "uwv.wage_sanction.decided_on",
    "employment.date_of_birth",
)
_PERIOD_KEYS = frozenset({"start", "end"})
_LEAVE_KEYS = frozenset({"kind", "start", "end"})
_EVENT_KEYS = frozenset({"type", "date"})
_EMPLOYMENT_KEYS = {1: frozenset({"end"})}
_EMPLOYMENT_KEYS[2] = _EMPLOYMENT_KEYS[1] | {"date_of_birth"}
#: The earliest date of birth taken: employees of the engine's years were born after it.
EARLIEST_DATE_OF_BIRTH = date(1900, 1, 1)


class ContractError(ValueError):
    """Bad input: `field` is the path of the offending value, `reason` says what is wrong."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _object(value: Any, field: str, allowed: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ContractError(field, f"expected an object, got {_describe(value)}")
    for key in value:
        if key not in allowed:
            # A key with a line break or an unpaired surrogate would break the one-line error (and
            # the UTF-8 output of --jsonl): name it by its repr instead.
            name = key if key.isprintable() else repr(key)
            path = f"{field}.{name}" if field != "(root)" else name
            raise ContractError(
                path, f"unknown key (expected one of: {', '.join(sorted(allowed))})"
            )
    return value


def _list(value: Any, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ContractError(field, f"expected a list, got {_describe(value)}")
    return value


@overload
def _date(
    value: Any, field: str, *, nullable: Literal[False] = False, earliest: date = EARLIEST_DATE
) -> date: ...
@overload
def _date(
    value: Any, field: str, *, nullable: bool, earliest: date = EARLIEST_DATE
) -> date | None: ...
def _date(
    value: Any, field: str, *, nullable: bool = False, earliest: date = EARLIEST_DATE
) -> date | None:
    """`earliest`: the first date the field may hold (a date of birth lies long before the
    engine's first sick day)."""
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ContractError(field, f"expected a date as YYYY-MM-DD, got {_describe(value)}")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ContractError(field, f"{value} is not a date") from None
    if not earliest <= day <= LATEST_DATE:
        raise ContractError(
            field, f"{value} is outside the dates the engine models ({earliest} to {LATEST_DATE})"
        )
    return day


@overload
def _required_date(
    obj: dict[str, Any], key: str, field: str, *, nullable: Literal[False] = False
) -> date: ...
@overload
def _required_date(obj: dict[str, Any], key: str, field: str, *, nullable: bool) -> date | None: ...
def _required_date(
    obj: dict[str, Any], key: str, field: str, *, nullable: bool = False
) -> date | None:
    if key not in obj:
        raise ContractError(f"{field}.{key}", "is required")
    return _date(obj[key], f"{field}.{key}", nullable=nullable)


def _whole_number(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContractError(field, f"expected a whole number, got {_describe(value)}")
    if not low <= value <= high:
        raise ContractError(field, f"{value} is not between {low} and {high}")
    return value


def _sickness(value: Any) -> tuple[SicknessPeriod, ...]:
    items = _list(value, "sickness")
    if not items:
        raise ContractError("sickness", "at least one period is required")
    periods: list[SicknessPeriod] = []
    for i, item in enumerate(items):
        field = f"sickness[{i}]"
        _object(item, field, _PERIOD_KEYS)
        start = _required_date(item, "start", field)
        end = _date(item.get("end"), f"{field}.end", nullable=True)
        if end is not None and end < start:
            raise ContractError(f"{field}.end", f"{end} is before the period's start {start}")
        if periods:
            previous = periods[-1]
            if previous.end is None:
                raise ContractError(
                    f"sickness[{i - 1}].end",
                    "only the last period may be open (null): a later period follows",
                )
            if start <= previous.end:
                raise ContractError(
                    f"{field}.start",
                    f"{start} is not after the end of sickness[{i - 1}] ({previous.end}): periods "
                    "must be in order and must not overlap",
                )
        periods.append(SicknessPeriod(start, end))
    return tuple(periods)


def _leave(value: Any, sickness: tuple[SicknessPeriod, ...]) -> tuple[Leave, ...]:
    result: list[Leave] = []
    for i, item in enumerate(_list(value, "leave")):
        field = f"leave[{i}]"
        _object(item, field, _LEAVE_KEYS)
        if item.get("kind") not in LEAVE_KINDS:
            raise ContractError(
                f"{field}.kind",
                f"expected one of {', '.join(LEAVE_KINDS)}, got {_describe(item.get('kind'))}",
            )
        start = _required_date(item, "start", field)
        end = _required_date(item, "end", field)
        if end < start:
            raise ContractError(f"{field}.end", f"{end} is before the leave's start {start}")
        if result and start <= result[-1].end:
            raise ContractError(
                f"{field}.start",
                f"{start} is not after the end of leave[{i - 1}] "
                f"({result[-1].end}): leave must be in order",
            )
        for j, period in enumerate(sickness):
            if start <= (period.end or LATEST_DATE) and period.start <= end:
                raise ContractError(
                    f"{field}.start",
                    f"the leave {start} to {end} overlaps "
                    f"sickness[{j}]: leave lies between periods",
                )
        result.append(Leave(start, end, item["kind"]))
    return tuple(result)


def _events(value: Any, version: int) -> tuple[Event, ...]:
    known = EVENT_TYPES if version == 1 else EVENT_TYPES + FURTHER_IDS
    result = []
    for i, item in enumerate(_list(value, "events")):
        field = f"events[{i}]"
        _object(item, field, _EVENT_KEYS)
        kind = item.get("type")
        if kind not in known:
            raise ContractError(
                f"{field}.type",
                f"{_describe(kind)} is not a known event type "
                f"(expected one of: {', '.join(known)})",
            )
        result.append(Event(kind, _required_date(item, "date", field)))
    return tuple(result)


def _v2_facts(obj: dict[str, Any]) -> list[str]:
    """The v2 facts an input names (by key; their values are checked where they are read)."""
    uwv = obj.get("uwv")
    found = []
    events = obj.get("events")
    for i, event in enumerate(events if isinstance(events, list) else []):
        if isinstance(event, dict) and event.get("type") in FURTHER_IDS:
            found.append(f"events[{i}].type")  # an event of a further milestone (further.py)
            break
    employment = obj.get("employment")
    if isinstance(employment, dict) and "date_of_birth" in employment:
        found.append(V2_FACTS[2])
    if isinstance(uwv, dict):
        if "wia_letter_received_on" in uwv:
            found.append(V2_FACTS[0])
        if isinstance(uwv.get("wage_sanction"), dict) and "decided_on" in uwv["wage_sanction"]:
            found.append(V2_FACTS[1])
    return found


def contract_version(obj: Any) -> int:
    """`"contract": 1 or 2` as given, else 2 when a v2 fact is named, else 1."""
    if not isinstance(obj, dict):
        return CONTRACT_VERSION
    facts = _v2_facts(obj)
    if "contract" not in obj:
        return 2 if facts else CONTRACT_VERSION
    version = obj["contract"]
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or version not in CONTRACT_VERSIONS
    ):
        raise ContractError("contract", f"expected 1 or 2, got {_describe(version)}")
    if version == 1 and facts:
        raise ContractError(facts[0], 'is a fact of contract 2, and the input says "contract": 1')
    return version


def _uwv(value: Any, version: int) -> tuple[int, WageSanction | None, date | None]:
    if value is None:
        return 0, None, None
    _object(value, "uwv", _UWV_KEYS[version])
    weeks = _whole_number(
        value.get("voluntary_extension_weeks", 0),
        "uwv.voluntary_extension_weeks",
        0,
        MAX_VOLUNTARY_EXTENSION_WEEKS,
    )
    if 0 < weeks < MIN_VOLUNTARY_EXTENSION_WEEKS:
        raise ContractError(
            "uwv.voluntary_extension_weeks",
            f"{weeks} is less than the minimum extension of 13 weeks (WIA art. 24)",
        )
    letter = _date(value.get("wia_letter_received_on"), "uwv.wia_letter_received_on", nullable=True)
    if letter is not None and weeks:
        # WIA art. 64 lid 2, second sentence: with an extension the letter comes with UWV's decision
        # on it, a date the contract does not carry (decisions.md C18).
        raise ContractError(
            "uwv.wia_letter_received_on",
            "is not modelled together with a voluntary "
            "extension (WIA art. 64 lid 2, second sentence)",
        )
    sanction = value.get("wage_sanction")
    if sanction is None:
        return weeks, None, letter
    field = "uwv.wage_sanction"
    _object(sanction, field, _SANCTION_KEYS[version])
    if "weeks" not in sanction:
        raise ContractError(f"{field}.weeks", "is required")
    return (
        weeks,
        WageSanction(
            _whole_number(sanction["weeks"], f"{field}.weeks", 1, MAX_WAGE_SANCTION_WEEKS),
            _date(
                sanction.get("repair_confirmed_on"), f"{field}.repair_confirmed_on", nullable=True
            ),
            _date(sanction.get("decided_on"), f"{field}.decided_on", nullable=True),
        ),
        letter,
    )


def parse_case(obj: Any, *, today: date) -> tuple[CaseFacts, date]:
    """Contract input to (facts, as_of). `today` is the default `as_of`; the engine reads no clock."""
    version = contract_version(obj)
    # "contract" itself is a v2 key: `{"contract": 1}` is read with v2's keys, then checked as v1.
    _object(obj, "(root)", _TOP_KEYS[2 if isinstance(obj, dict) and "contract" in obj else version])
    as_of = _date(obj["as_of"], "as_of") if "as_of" in obj else today
    if "sickness" not in obj:
        raise ContractError("sickness", "is required (at least one period)")
    sickness = _sickness(obj["sickness"])
    leave = _leave(obj.get("leave") or [], sickness)
    safety_net = obj.get("safety_net")
    if safety_net is not None and safety_net not in SAFETY_NET_KINDS:
        raise ContractError(
            "safety_net",
            f"expected null or one of {', '.join(SAFETY_NET_KINDS)}, got {_describe(safety_net)}",
        )
    employment_end = born = None
    if obj.get("employment") is not None:
        keys = _EMPLOYMENT_KEYS[2 if "contract" in obj else version]
        employment = _object(obj["employment"], "employment", keys)
        employment_end = _date(employment.get("end"), "employment.end", nullable=True)
        born = _date(
            employment.get("date_of_birth"),
            "employment.date_of_birth",
            nullable=True,
            earliest=EARLIEST_DATE_OF_BIRTH,
        )
        if born is not None and born >= sickness[0].start:
            raise ContractError(
                "employment.date_of_birth",
                f"{born} is not before the first sick day {sickness[0].start}",
            )
    events = _events(obj.get("events") or [], version)
    extension, sanction, letter = _uwv(obj.get("uwv"), 2 if "contract" in obj else version)
    facts = CaseFacts(
        sickness, leave, safety_net, employment_end, events, extension, sanction, letter, born
    )
    _check_modelled(facts)
    return facts, as_of


def _check_modelled(facts: CaseFacts) -> None:
    # Only the episode's day 1 matters; an old, unchained period before it is harmless.
    first = chain_periods(facts.sickness, facts.leave).periods[0]
    reason = refusal(first.start)
    if reason is not None:
        raise ContractError(f"sickness[{facts.sickness.index(first)}].start", reason)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def render(result: Timeline, version: int = CONTRACT_VERSION) -> dict[str, Any]:
    """The contract's output object, JSON-ready: v1's keys, and in v2 also `wage_continuation`."""
    output = {
        "contract": version,
        "first_sick_day": result.first_sick_day.isoformat(),
        "episode": [
            {"start": p.start.isoformat(), "end": _iso(p.end)} for p in result.episode.periods
        ],
        "sick_days": result.sick_days,
        "week": result.week,
        "milestones": [
            {
                "id": m.rule.id,
                "due": _iso(m.due),
                "window_start": _iso(m.window_start),
                "status": m.status,
                "done_on": _iso(m.done_on),
                "party": m.rule.party,
                "basis": m.rule.cited_as,
                "parties": list(m.rule.parties),
            }
            for m in result.milestones
        ],
        "waiting_time_last_day": _iso(result.waiting_time_last_day),
        "wage_continuation_last_day": result.wage_continuation_last_day.isoformat(),
        "minimum_wage_floor_last_day": _iso(result.minimum_wage_floor_last_day),
        "as_of": result.as_of.isoformat(),
    }
    if version >= 2:
        output["wage_continuation"] = _wage_continuation(result)
        output["further_milestones"] = [
            {
                "id": m.id,
                "due": _iso(m.due),
                "window_start": _iso(m.window_start),
                "status": m.status,
                "done_on": _iso(m.done_on),
                "party": m.party,
                "basis": m.basis.short(),
                "statutory": m.statutory,
            }
            for m in further_milestones(result)
        ]
    return output


class _DayJson(dict[date | None, str]):
    """The JSON text of a day (`"2026-01-05"`, or `null` for None), made once per distinct day: the
    engine's dates lie within a few hundred years, so the table stays small."""

    def __missing__(self, day: date | None) -> str:
        text = "null" if day is None else f'"{day.isoformat()}"'
        self[day] = text
        return text


_DAY_JSON = _DayJson()
_STATUS_JSON = {status: json.dumps(status) for status in STATUSES}


def _milestone_json(rule: Rule) -> tuple[str, str]:
    """The fixed text of a rule's milestone object around its dates and status (`render`'s keys in
    `render`'s order; the values encoded as `json.dumps` encodes them)."""
    head = f'{{"id":{_text(rule.id)},"due":'
    tail = (
        f',"party":{_text(rule.party)},"basis":{_text(rule.cited_as)},'
        f'"parties":[{",".join(_text(party) for party in rule.parties)}]}}'
    )
    return head, tail


def _text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


_MILESTONE_JSON = {rule.id: _milestone_json(rule) for rule in MILESTONE_RULES}


class _OrdinalJson(dict[int | None, str]):
    """`_DayJson` for the engine's ordinals (timeline.Days)."""

    def __missing__(self, day: int | None) -> str:
        text = "null" if day is None else f'"{date.fromordinal(day).isoformat()}"'
        self[day] = text
        return text


_ORDINAL_JSON = _OrdinalJson()


def render_json(result: Days) -> str:
    """`render(timeline(...))` of contract v1 as compact JSON text, the same characters as
    `json.dumps(render(result), ensure_ascii=False, separators=(",", ":"))`, written from the
    engine's ordinals and the fixed parts of each milestone instead of a dict per milestone (the
    bulk path, law/jsonl.py; tested equal in tests/law/test_bulk_golden.py)."""
    days, ordinals, statuses, fixed = _DAY_JSON, _ORDINAL_JSON, _STATUS_JSON, _MILESTONE_JSON
    milestones = []
    for rule, due, window, status, done_on, _ in result.milestones:
        head, tail = fixed[rule.id]
        milestones.append(
            f'{head}{ordinals[due]},"window_start":{ordinals[window]},'
            f'"status":{statuses[status]},"done_on":{ordinals[done_on]}{tail}'
        )
    periods = result.episode.periods
    episode = ",".join([f'{{"start":{days[p.start]},"end":{days[p.end]}}}' for p in periods])
    week = "null" if result.week is None else result.week
    return (
        f'{{"contract":1,"first_sick_day":{days[periods[0].start]},'
        f'"episode":[{episode}],"sick_days":{result.sick_days},"week":{week},'
        f'"milestones":[{",".join(milestones)}],'
        f'"waiting_time_last_day":{ordinals[result.waiting_time_last_day]},'
        f'"wage_continuation_last_day":{days[result.wage_continuation.last_day]},'
        f'"minimum_wage_floor_last_day":{ordinals[result.minimum_wage_floor_last_day]},'
        f'"as_of":{days[result.as_of]}}}'
    )


def _wage_continuation(result: Timeline) -> dict[str, Any]:
    """v2: what makes up `wage_continuation_last_day` (timeline-contract.md, "Version 2")."""
    wage = result.wage_continuation
    sanction = result.facts.wage_sanction
    return {
        "last_day": wage.last_day.isoformat(),
        "waiting_time_last_day": wage.waiting_time_last_day.isoformat(),
        "late_application_days": wage.late_application_days,
        "wage_sanction": None
        if sanction is None
        else {
            "decision_due": _iso(wage.sanction_decision_due),
            "decided_on": _iso(sanction.decided_on),
            "lapsed": wage.sanction_lapsed,
            "shortened_by_days": wage.sanction_shortened_days,
            "last_day": _iso(wage.sanction_last_day),
        },
        "capped_by": wage.capped_by,
        **_aow_age(wage),
    }


def _aow_age(wage: WageContinuation) -> dict[str, Any]:
    """v2, only with `employment.date_of_birth`: BW 7:629 lid 2 sub b (timeline-contract.md)."""
    aow = wage.aow
    if aow is None:
        return {}
    return {
        "aow_age": {
            "status": aow.status,
            "reached_on": _iso(aow.reached_on),
            "weeks": aow.weeks,
            "reason": aow.reason or None,
        }
    }


def compute(obj: Any, *, today: date) -> dict[str, Any]:
    """Contract input (decoded JSON) to the output of its version (JSON-ready)."""
    facts, as_of = parse_case(obj, today=today)
    return render(timeline(facts, as_of), contract_version(obj))
