"""One milestone registry (law/milestones.py): each milestone's id (its event type), who acts, its basis,
its names and the texts the apps show; the other tables in law/ derive from it (issue 14, point 6).
A milestone without one of these fails here, not on a page."""

from __future__ import annotations

import re

import pytest

from openverzuim.law.explain import LANGUAGES, MILESTONE_NAMES
from openverzuim.law.facts import EVENT_TYPES, MILESTONE_IDS
from openverzuim.law.milestones import FACTS, MILESTONE_RULES, Text
from openverzuim.law.timeline import RULES


def test_every_event_type_is_one_entry_of_the_registry():
    assert len(set(EVENT_TYPES)) == len(EVENT_TYPES) == len(MILESTONE_RULES) + len(FACTS)


def test_the_timeline_computes_every_rule_of_the_registry_with_the_block_named_after_it():
    assert [rule for rule, _ in RULES] == list(MILESTONE_RULES)
    assert all(block.__name__ == rule.id for rule, block in RULES)


def test_each_rule_names_its_milestone_in_both_languages_once():
    for i, lang in enumerate(LANGUAGES):
        names = [rule.names[i] for rule in MILESTONE_RULES]
        assert all(name.strip() for name in names) and len(set(names)) == len(names)
        assert MILESTONE_NAMES[lang] == dict(zip(MILESTONE_IDS, names, strict=True))
    assert MILESTONE_NAMES["nl"]["uwv_42_week_report"] == "42e-weeksmelding aan UWV"
    assert MILESTONE_NAMES["en"]["track_two_start"] == "Start of the second track"


@pytest.mark.parametrize("rule", MILESTONE_RULES, ids=lambda rule: rule.id)
def test_each_rule_carries_its_citations_parties_and_every_text_the_apps_show(rule):
    assert rule.basis.citations
    assert rule.party in rule.parties
    texts = [rule.recorded, rule.todo, rule.duty.what.message, rule.duty.why.message]
    assert all(text.strip() and text == text.strip() for text in texts)
    assert re.fullmatch(r"[a-z-]+", rule.duty.topic)
    # The employee's own page lists the duties they take part in, and only those.
    assert (rule.employee_duty is not None) <= ("employee" in rule.parties)


@pytest.mark.parametrize(
    "text",
    [t for r in MILESTONE_RULES for t in (r.duty.what, r.duty.why)],
    ids=lambda text: text.message[:30],
)
def test_a_sentences_placeholders_are_exactly_its_citations(text):
    keys = [key for key, _ in text.citations]
    assert sorted(set(re.findall(r"%\((\w+)\)s", text.message))) == sorted(keys)
    assert "%" not in text.render(text.message)
    # No citation typed into the sentence itself: it would escape the citation check.
    assert not re.search(r"\b(RPG|BKP|ZW|WIA|BW|Arbowet) (art\.|§|7:)", text.message)


def test_a_sentence_renders_its_citations_short_form_into_the_translation():
    rule = next(r for r in MILESTONE_RULES if r.id == "track_two_start")
    assert (
        rule.duty.why.render("loonsanctie (%(basis)s).")
        == "loonsanctie (BKP § 5; WIA art. 25 lid 9)."
    )
    assert Text("plain").render("gewoon") == "gewoon"


def test_a_fact_is_recorded_under_a_name():
    assert all(fact.recorded.strip() for fact in FACTS)
