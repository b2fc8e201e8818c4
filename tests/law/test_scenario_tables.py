"""The scenario tables themselves: enough of them, each named once, every milestone and status covered."""

from __future__ import annotations

from scenario_files import all_scenarios, as_json

from openverzuim.law.facts import MILESTONE_IDS
from openverzuim.law.timeline import STATUSES


def test_there_are_at_least_60_scenarios_each_with_its_own_name_and_basis():
    scenarios = all_scenarios()
    names = [entry["name"] for entry in scenarios]
    assert len(scenarios) >= 60
    assert len(set(names)) == len(names)
    assert all(str(entry["basis"]).strip() for entry in scenarios)


def test_every_milestone_and_every_status_is_expected_somewhere():
    milestones = [
        m
        for entry in all_scenarios()
        for m in as_json(entry["expect"]).get("milestones", {}).items()
    ]
    assert {milestone_id for milestone_id, _ in milestones} == set(MILESTONE_IDS)
    assert {keys["status"] for _, keys in milestones if "status" in keys} == set(STATUSES)
