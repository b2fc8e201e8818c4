"""Every citation the engine prints names an article, paragraph and sub that exist in the law texts.

The texts are in docs/law-texts/; the milestone table is in docs/timeline-contract.md and the
project's decisions in docs/decisions.md.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from openverzuim.law.aow import AOW_AGE_BASIS, AOW_WAGE_DUTY_BASIS
from openverzuim.law.citations import SOURCES, Citation
from openverzuim.law.contract import compute
from openverzuim.law.counting import CHAIN_BASIS
from openverzuim.law.facts import MILESTONE_IDS
from openverzuim.law.further import EMPLOYMENT_END_REPORT_BASIS, LABOUR_EXPERT_BASIS
from openverzuim.law.milestones import MILESTONE_RULES
from openverzuim.law.timeline import MINIMUM_WAGE_FLOOR_BASIS, WAITING_TIME_BASIS
from openverzuim.law.uwv import (
    LEAVE_BASIS,
    REPAIR_BASIS,
    VOLUNTARY_EXTENSION_BASIS,
    WAGE_SANCTION_BASIS,
)
from openverzuim.law.wage_duty import (
    SANCTION_DECISION_BASIS,
    WAGE_CONTINUATION_BASIS,
    WIA_LETTER_BASIS,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
LAW_TEXTS = DOCS / "law-texts"
#: The registry's sentences cite too (law/milestones.py, `Text`): the apps show them translated.
TEXT_BASES = [
    cited
    for rule in MILESTONE_RULES
    for text in (rule.duty.what, rule.duty.why)
    for _, cited in text.citations
]
ALL_BASES = (
    [rule.basis for rule in MILESTONE_RULES]
    + TEXT_BASES
    + [
        CHAIN_BASIS,
        WAITING_TIME_BASIS,
        MINIMUM_WAGE_FLOOR_BASIS,
        WAGE_CONTINUATION_BASIS,
        WAGE_SANCTION_BASIS,
        REPAIR_BASIS,
        VOLUNTARY_EXTENSION_BASIS,
        LEAVE_BASIS,
        WIA_LETTER_BASIS,
        SANCTION_DECISION_BASIS,
        EMPLOYMENT_END_REPORT_BASIS,
        LABOUR_EXPERT_BASIS,
        AOW_AGE_BASIS,
        AOW_WAGE_DUTY_BASIS,
    ]
)
ALL_CITATIONS = sorted({c for b in ALL_BASES for c in b.citations}, key=Citation.short)


def _article_text(citation: Citation) -> str:
    """The text of the cited article (or policy-rule section), from its heading to the next one."""
    text = (LAW_TEXTS / citation.source.law_text).read_text(encoding="utf-8")
    label = re.escape(citation.article)
    heading = (
        rf"^###\s*Artikel\s+{label}\s*$"
        if citation.source.unit == "art."
        else rf"^###\s*{label}\s*$"
    )
    match = re.search(heading, text, re.MULTILINE)
    assert match, (
        f"{citation.short()}: no heading for {citation.article} in {citation.source.law_text}"
    )
    following = re.compile(r"^###\s*(Artikel\s+\S+|\d+)\s*$", re.MULTILINE)
    end = following.search(text, match.end())
    return text[match.end() : end.start() if end else len(text)]


def _milestone_section() -> str:
    """The contract's "Milestones" section, up to the next heading."""
    contract = (DOCS / "timeline-contract.md").read_text(encoding="utf-8")
    section = contract[contract.index("\n## Milestones\n") :]
    return section[: section.index("\n## ", 1)]


@pytest.mark.parametrize("citation", ALL_CITATIONS, ids=Citation.short)
def test_it_cites_an_article_paragraph_and_sub_that_exist(citation):
    assert citation.source.law_text, f"{citation.short()}: its source has no law text to check"
    article = _article_text(citation)
    if citation.lid:
        assert re.search(rf"^{citation.lid}\.\s", article, re.MULTILINE), (
            f"{citation.short()}: article {citation.article} has no lid {citation.lid}"
        )
    if citation.sub:
        # "f.voor": the published text of BW 7:629 lid 3 has no space after one letter.
        assert re.search(rf"^{citation.sub}\.", article, re.MULTILINE), (
            f"{citation.short()}: no sub {citation.sub}"
        )


def test_every_source_names_its_bwb_id_and_a_link():
    for source in SOURCES:
        assert re.fullmatch(r"BWBR\d{7}", source.bwb_id), source
        assert source.url == f"https://wetten.overheid.nl/{source.bwb_id}"


#: The `basis` column of the contract's milestone table, copied by hand from timeline-contract.md.
CONTRACT_BASIS = {
    "occupational_health_notified": "RPG art. 2 lid 1; Arbowet art. 14 (practice: within one week)",
    "problem_analysis": "RPG art. 2 lid 2",
    "action_plan": "RPG art. 4 lid 1",
    "progress_review": "WIA art. 25 lid 2; BW 7:658a lid 3 (practice: every six weeks)",
    "safety_net_report": "ZW art. 38a lid 3",
    "uwv_42_week_report": "ZW art. 38 lid 1 and lid 4",
    "first_year_evaluation": "RPG art. 4 lid 2 b; BKP §5",
    "track_two_start": "BW 7:658a lid 1; BKP §5",
    "reintegration_report": "WIA art. 25 lid 3 and 4",
    "wia_application": "WIA art. 64 lid 3",
}


def test_it_prints_every_milestones_basis_exactly_as_the_contract_table_writes_it():
    printed = {
        m["id"]: m["basis"]
        for m in compute(
            {"as_of": "2026-03-01", "sickness": [{"start": "2026-01-05"}]},
            today=date(2026, 3, 1),
        )["milestones"]
    }
    assert printed == CONTRACT_BASIS


def test_the_hand_copied_basis_column_matches_the_contract_file():
    table = _milestone_section()
    rows = re.findall(r"^\| `([a-z0-9_]+)` \|.*\| ([^|]+) \|$", table, re.MULTILINE)
    assert dict(rows) == CONTRACT_BASIS


@pytest.mark.parametrize("rule", MILESTONE_RULES, ids=lambda rule: rule.id)
def test_the_cited_form_names_every_article_of_the_rules_basis_data(rule):
    for citation in rule.basis.citations:
        assert f"{citation.source.short} " in rule.cited_as, citation
        assert citation.article in rule.cited_as, citation


def test_the_full_form_spells_out_the_source_for_the_ui():
    rule = next(r for r in MILESTONE_RULES if r.id == "problem_analysis")
    assert str(rule.basis) == "Regeling procesgang eerste en tweede ziektejaar, art. 2 lid 2"
    assert rule.basis.short() == "RPG art. 2 lid 2"


def test_every_decision_named_by_a_rule_is_one_of_the_projects_decisions():
    decisions = set(
        re.findall(
            r"^\| ([DC]\d+) \|", (DOCS / "decisions.md").read_text(encoding="utf-8"), re.MULTILINE
        )
    )
    named = {b.decision for b in ALL_BASES if b.decision}
    assert named, "no rule names a decision"
    assert named <= decisions, named - decisions


def test_milestones_come_in_the_contracts_table_order():
    table = _milestone_section()
    ids = re.findall(r"^\| `([a-z0-9_]+)` \|", table, re.MULTILINE)
    assert tuple(ids) == MILESTONE_IDS
    assert tuple(rule.id for rule in MILESTONE_RULES) == MILESTONE_IDS
