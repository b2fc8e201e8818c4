"""One milestone registry: timeline.RULES holds each milestone's id (its event type), basis and names
in both languages; the other tables in law/ derive from it (issue 14, point 6)."""

from __future__ import annotations

from openverzuim.law.explain import LANGUAGES, MILESTONE_NAMES
from openverzuim.law.facts import EVENT_TYPES, MILESTONE_IDS
from openverzuim.law.timeline import MILESTONE_RULES


def test_the_contract_ids_are_the_rules_in_their_order():
    assert tuple(rule.id for rule in MILESTONE_RULES) == MILESTONE_IDS
    assert set(MILESTONE_IDS) <= set(EVENT_TYPES)


def test_each_rule_names_its_milestone_in_both_languages_once():
    for i, lang in enumerate(LANGUAGES):
        names = [rule.names[i] for rule in MILESTONE_RULES]
        assert all(name.strip() for name in names) and len(set(names)) == len(names)
        assert MILESTONE_NAMES[lang] == dict(zip(MILESTONE_IDS, names, strict=True))
    assert MILESTONE_NAMES["nl"]["uwv_42_week_report"] == "42e-weeksmelding aan UWV"
    assert MILESTONE_NAMES["en"]["track_two_start"] == "Start of the second track"


def test_each_rule_carries_its_citations():
    assert all(rule.basis.citations for rule in MILESTONE_RULES)
