"""Scenario tables (style.md §2.7): every entry of tests/law/scenarios/*.yaml is one pytest item.

An entry has a `name` (a sentence, the item's id), a `basis` (the rule it tests), an `input` (a case in
contract-v1 JSON, written as YAML) and an `expect`: a subset of the output's keys, with `milestones`
given by id (`{problem_analysis: {due: ..., status: ...}}`), or `{error: "<field>: <reason>"}` for
bad input. Every expected date is worked out by hand from law.md and the contract; the arithmetic
stands in a comment beside it. Unquoted YAML dates are read as the ISO strings the contract takes.
"""

from __future__ import annotations

from datetime import date

import pytest
from scenario_files import as_json, load_scenarios
from schemas import TIMELINE, TIMELINE_V2

from openverzuim.law.contract import ContractError, compute

#: `as_of` when a scenario gives none (the default of the CLI is today; tests freeze it).
SCENARIO_TODAY = date(2026, 11, 22)


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".yaml" and file_path.parent.name == "scenarios":
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    def collect(self):
        for entry in load_scenarios(self.path):
            yield Scenario.from_parent(self, name=entry["name"], entry=entry)


class ScenarioMismatch(AssertionError):
    pass


def _milestone_mismatches(expected: dict, actual: list[dict]) -> list[str]:
    by_id = {m["id"]: m for m in actual}
    problems = []
    for milestone_id, keys in expected.items():
        if milestone_id not in by_id:
            problems.append(f"milestones.{milestone_id}: missing from the output")
            continue
        for key, value in keys.items():
            got = by_id[milestone_id].get(key, "<missing>")
            if got != value:
                problems.append(f"milestones.{milestone_id}.{key}: expected {value!r}, got {got!r}")
    return problems


def mismatches(expected: dict, actual: dict) -> list[str]:
    problems = []
    for key, value in expected.items():
        if key in ("milestones", "further_milestones"):  # given by id
            problems += _milestone_mismatches(value, actual.get(key, []))
        elif isinstance(value, dict) and isinstance(actual.get(key), dict):
            # A v2 object such as `wage_continuation`: its named keys (one level, then equality).
            problems += [f"{key}.{p}" for p in mismatches(value, actual[key])]
        elif actual.get(key, "<missing>") != value:
            problems.append(f"{key}: expected {value!r}, got {actual.get(key, '<missing>')!r}")
    return problems


class Scenario(pytest.Item):
    def __init__(self, *, entry: dict, **kwargs):
        super().__init__(**kwargs)
        self.entry = entry

    def runtest(self):
        expected = as_json(self.entry["expect"])
        try:
            result = compute(as_json(self.entry["input"]), today=SCENARIO_TODAY)
        except ContractError as exc:
            if str(exc) != expected.get("error"):
                raise ScenarioMismatch([f"unexpected bad input: {exc}"]) from None
            return
        if "error" in expected:
            raise ScenarioMismatch([f"expected bad input ({expected['error']}), got a timeline"])
        (TIMELINE_V2 if result["contract"] == 2 else TIMELINE).validate(result)
        problems = mismatches(expected, result)
        if problems:
            raise ScenarioMismatch(problems)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScenarioMismatch):
            lines = [f"scenario: {self.name}", f"basis: {self.entry['basis']}"]
            return "\n".join(lines + [f"  {p}" for p in excinfo.value.args[0]])
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"scenario: {self.name}"
