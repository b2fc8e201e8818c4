"""docs/timeline-contract.md's examples are what the engine does (decisions.md C10 and C15)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from openverzuim.law.contract import ContractError, compute

CONTRACT = (Path(__file__).resolve().parents[2] / "docs" / "timeline-contract.md").read_text(
    encoding="utf-8"
)


def _json_blocks(heading: str) -> dict:
    section = CONTRACT[CONTRACT.index(f"## {heading}\n") :]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.DOTALL).group(1))


INPUT = _json_blocks("Input")
OUTPUT = _json_blocks("Other output")


def test_the_input_example_as_written_is_refused_for_its_leave_inside_an_open_period():
    with pytest.raises(ContractError, match=r"^leave\[0\]\.start: .* overlaps sickness\[1\]"):
        compute(INPUT, today=date(2026, 11, 22))


def test_the_output_example_is_what_the_engine_prints_for_the_input_example_without_its_leave():
    printed = compute({k: v for k, v in INPUT.items() if k != "leave"}, today=date(2026, 11, 22))
    shown = {m["id"]: m for m in OUTPUT["milestones"]}
    assert {k: v for k, v in printed.items() if k in OUTPUT and k != "milestones"} == {
        k: v for k, v in OUTPUT.items() if k != "milestones"
    }
    assert {
        m["id"]: {k: m[k] for k in shown[m["id"]]}
        for m in printed["milestones"]
        if m["id"] in shown
    } == shown


def test_the_v2_example_is_what_the_engine_prints():
    section = CONTRACT[CONTRACT.index("## Version 2\n") :]
    case, shown = (
        json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.DOTALL)
    )
    printed = compute(case, today=date(2026, 11, 22))
    milestones = {m["id"]: m for m in shown.pop("milestones")}
    assert {k: printed[k] for k in shown} == shown
    assert {
        m["id"]: {k: m[k] for k in milestones[m["id"]]}
        for m in printed["milestones"]
        if m["id"] in milestones
    } == milestones
