"""The happy path of `--jsonl` (law/typed_input.py) takes a line only when the contract's
`parse_case` takes it, and then makes the very same facts; whatever it leaves, the contract reads,
so every message stays the contract's."""

from __future__ import annotations

import json
from datetime import date

import pytest

from openverzuim.law.contract import ContractError, parse_case
from openverzuim.law.jsonl import decode, line_result, text
from openverzuim.law.typed_input import case_of

TODAY = date(2026, 11, 22)
BASE = {
    "as_of": "2026-11-22",
    "sickness": [{"start": "2025-01-06", "end": "2025-02-01"}, {"start": "2025-02-20"}],
    "leave": [],
    "safety_net": None,
    "employment": {"end": None},
    "events": [{"type": "problem_analysis", "date": "2025-02-10"}],
    "uwv": {"voluntary_extension_weeks": 13, "wage_sanction": {"weeks": 4}},
}


def _with(**changes) -> bytes:
    case = {**BASE, **changes}
    return json.dumps({key: value for key, value in case.items() if value is not ...}).encode()


def _contract(line: bytes):
    try:
        return parse_case(decode(text(line)), today=TODAY)
    except ContractError as exc:
        return str(exc)


LINES = [
    _with(),
    _with(as_of=...),  # today
    _with(as_of=None),  # null is not "left out": the contract refuses it
    _with(leave=None, events=None, uwv=None, employment=None, safety_net=...),
    _with(leave=0, events=False),  # the contract reads a falsy value as none
    _with(sickness=[]),
    _with(sickness=[{"start": "2025-01-06"}, {"start": "2025-02-20"}]),  # an open period before
    _with(sickness=[{"start": "2025-01-06", "end": "2025-01-05"}]),
    _with(sickness=[{"start": "2025-01-06", "end": "2025-02-01"}, {"start": "2025-02-01"}]),
    _with(sickness=[{"start": "2013-06-30"}]),  # before the coded versions
    _with(sickness=[{"start": "2012-01-02", "end": "2012-01-09"}, {"start": "2025-02-20"}]),
    _with(sickness=[{"start": "2025-01-06", "extra": 1}]),
    _with(sickness=[{"start": "2025-1-06"}]),
    _with(sickness=[{"start": "2025-02-30"}]),
    _with(sickness=[{"start": "2101-01-01"}]),
    _with(as_of="1999-12-31"),
    _with(leave=[{"kind": "pregnancy", "start": "2025-02-02", "end": "2025-02-19"}]),
    _with(leave=[{"kind": "pregnancy", "start": "2025-02-02", "end": "2025-02-20"}]),  # overlaps
    _with(leave=[{"start": "2025-02-02", "end": "2025-02-19"}]),  # no kind
    _with(leave=[{"kind": "other", "start": "2025-02-02", "end": "2025-02-19"}]),
    _with(
        leave=[
            {"kind": "pregnancy", "start": "2025-02-10", "end": "2025-02-12"},
            {"kind": "pregnancy", "start": "2025-02-05", "end": "2025-02-06"},
        ]
    ),
    _with(events=[{"type": "labour_expert_assessment", "date": "2025-03-01"}]),  # v2 event
    _with(events=[{"type": "unknown", "date": "2025-03-01"}]),
    _with(events=[{"type": "action_plan"}]),
    _with(events=[{"type": "action_plan", "date": "1999-01-01"}]),
    _with(safety_net="pregnancy"),
    _with(safety_net="undisclosed"),  # the dossier's value, not the contract's
    _with(safety_net=1),
    _with(employment={"end": "2026-01-31"}),
    _with(employment={"end": "2026-01-31", "date_of_birth": "1970-01-01"}),  # v2 fact
    _with(employment={}),
    _with(uwv={"voluntary_extension_weeks": 12}),
    _with(uwv={"voluntary_extension_weeks": 521}),
    _with(uwv={"voluntary_extension_weeks": 13.0}),
    _with(uwv={"voluntary_extension_weeks": True}),
    _with(uwv={"voluntary_extension_weeks": 10**30}),
    _with(uwv={"wage_sanction": {"weeks": 0}}),
    _with(uwv={"wage_sanction": {"weeks": 53}}),
    _with(uwv={"wage_sanction": {}}),
    _with(uwv={"wage_sanction": {"weeks": 52, "repair_confirmed_on": "2026-01-05"}}),
    _with(uwv={"wage_sanction": {"weeks": 2, "decided_on": "2026-01-05"}}),  # v2 fact
    _with(uwv={"wia_letter_received_on": "2026-01-05"}),  # v2 fact
    _with(contract=1),
    _with(contract=2),
    _with(unknown=1),
    b'{"sickness": [{"start": "2025-01-06"}], "sickness": [{"start": "2025-03-06"}]}',
    b'{"sickness": [{"start": "\\u0032025-01-06"}]}',  # an escaped digit is still the date
    b'{"\\u0073ickness": [{"start": "2025-01-06"}]}',
    b"\xef\xbb\xbf" + _with(),  # a byte-order mark: the contract reads it
    b'{"sickness": [{"start": "2025-01-06"}], "as_of": NaN}',
    b'{"sickness": [{"start": "2025-01-06"}], "safety_net": "\\ud800"}',
    b'{"sickness": [{"start": "2025-01-06"}], "safety_net": "\xff"}',
    b"[]",
    b"null",
    b"",
    b"   ",
    b'{"sickness": [{"start": "2025-01-06"}]',
]


@pytest.mark.parametrize("line", LINES)
def test_a_line_taken_gives_the_contracts_facts_and_a_line_left_the_contracts_answer(line):
    taken = case_of(line, TODAY)
    if taken is not None:
        assert taken == _contract(line)
    assert line_result(line, TODAY)[0] == line_result_by_the_contract(line)


def line_result_by_the_contract(line: bytes) -> str:
    from openverzuim.law.contract import compute

    try:
        result = compute(decode(text(line)), today=TODAY)
    except ContractError as exc:
        return json.dumps({"error": str(exc)}, ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def test_the_common_lines_are_taken():
    """The happy path is the path: a plain v1 case does not fall back."""
    for line in (LINES[0], LINES[1], LINES[3], LINES[16], LINES[28]):
        assert case_of(line, TODAY) is not None, line
