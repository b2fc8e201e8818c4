"""`openverzuim assess`: JSON out, --explain, bad input exits 2 naming the field; and every citation a
finding can carry names an article, paragraph and sub that exist in the law texts."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from test_citations import _article_text  # tests/law is on the path: pytest's rootdir import mode

from openverzuim.law.assessment import assess
from openverzuim.law.assessment_cli import parse_dossier
from openverzuim.law.assessment_text import FINDINGS as FINDING_TEXTS
from openverzuim.law.cli import main

CASE = {
    "as_of": "2026-11-22",
    "sickness": [{"start": "2026-01-05", "end": None}],
    "events": [
        {"type": "problem_analysis", "date": "2026-02-10"},
        {"type": "action_plan", "date": "2026-02-20"},
    ],
    "dossier": {
        "action_plan": {"activities": True, "terms": False, "case_manager": True},
        "reviews": [
            {"date": "2026-04-01", "hours_worked": "8"},
            {"date": "2026-05-10", "hours_worked": "8"},
            {"date": "2026-06-15", "hours_worked": "8"},
        ],
        "advice": [{"date": "2026-06-01", "acted_on": None}],
        "work_resumptions": [{"kind": "therapeutic", "start": "2026-03-01", "hours_per_week": "4"}],
        "non_cooperation": [{"date": "2026-11-02"}],
        "reintegration_report_missing": ["l", "i"],
        "weekly_wage": "600",
    },
}


def _run(capsys, tmp_path, case, *args):
    path = tmp_path / "dossier.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code = main(["assess", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_findings_and_the_exposure_as_json(capsys, tmp_path):
    code, out, err = _run(capsys, tmp_path, CASE)
    result = json.loads(out)
    assert (code, err) == (0, "")
    assert result["exposure"]["amount"] == "31200.00" and result["exposure"]["level"] == "high"
    assert [f["id"] for f in result["findings"] if f["severity"] == "serious"] == [
        "advice_not_followed",
        "non_cooperation_not_addressed",
    ]
    incomplete = next(f for f in result["findings"] if f["id"] == "reintegration_report_incomplete")
    assert incomplete["reason"]["en"] == "The re-integration report lacks items i, l."
    assert "RPG art. 6 lid 1 sub i; RPG art. 6 lid 1 sub l" in incomplete["basis_short"]
    assert result["stalled"]["reasons"] == ["hours_stagnating", "advice_not_followed"]
    assert [s["id"] for s in result["stalled"]["steps"]] == [
        "talk",
        "reintegration_agreement",
        "daily_activities",
        "work_order",
        "businesslike",
        "consequences",
        "dossier",
    ]
    assert result["stalled"]["steps"][0]["text"]["nl"].startswith("Ga zo snel mogelijk")


@pytest.mark.parametrize(
    "lang, text",
    [
        ("nl", "Risico op een loonsanctie: hoog; tot 52 weken loon (€ 31.200,00)."),
        ("en", "[serious] The occupational physician's advice of 1 Jun 2026 has not been acted on"),
    ],
)
def test_it_explains_the_assessment(capsys, tmp_path, lang, text):
    code, out, _ = _run(capsys, tmp_path, CASE, "--explain", "--lang", lang)
    assert code == 0 and text in out


@pytest.mark.parametrize(
    "change, line",
    [
        (
            {"reviews": [{"date": "2026-04-01", "hours_worked": "lots"}]},
            "dossier.reviews[0].hours_worked: 'lots' is not a number",
        ),
        ({"reviews": [{"hours_worked": "8"}]}, "dossier.reviews[0].date: is required"),
        (
            {"advice": [{"date": "2026-06-01", "acted_on": "2026-05-01"}]},
            "dossier.advice[0].acted_on: 2026-05-01 is before the advice of 2026-06-01",
        ),
        (
            {"work_resumptions": [{"kind": "hobby", "start": "2026-03-01", "hours_per_week": "4"}]},
            "dossier.work_resumptions[0].kind: expected one of own_work, suitable_work, therapeutic",
        ),
        (
            {"non_cooperation": [{"date": "2026-11-02", "response": "warning"}]},
            "dossier.non_cooperation[0].response: addressed_on and response go together",
        ),
        (
            {"reintegration_report_missing": ["m"]},
            "dossier.reintegration_report_missing[0]: 'm' is not an item of RPG art. 6 lid 1",
        ),
        (
            {"track_two_decision": {"date": "2026-11-16", "reason": " "}},
            "dossier.track_two_decision.reason: expected a text",
        ),
        (
            {"action_plan": {"activities": "yes", "terms": True, "case_manager": True}},
            "dossier.action_plan.activities: expected true or false, got 'yes'",
        ),
        ({"weekly_wage": "-1"}, "dossier.weekly_wage: -1 is not between 0 and 1000000"),
        # Issue 13 finding 6: a huge wage overflowed the sanction amount (a traceback, exit 1).
        ({"weekly_wage": "1e308"}, "dossier.weekly_wage: 1e308 is not between 0 and 1000000"),
        ({"weekly_wage": "-1e308"}, "dossier.weekly_wage: -1e308 is not between 0 and 1000000"),
        ({"weekly_wage": "Infinity"}, "dossier.weekly_wage: Infinity is not between 0 and 1000000"),
        ({"contract_hours": "NaN"}, "dossier.contract_hours: NaN is not between 0 and 80"),
        (
            {"reviews": [{"date": "9999-12-31", "hours_worked": "8"}]},
            "dossier.reviews[0].date: 9999-12-31 is outside the dates the engine models",
        ),
        ({"wage": "600"}, "dossier.wage: unknown key"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(capsys, tmp_path, change, line):
    code, out, err = _run(capsys, tmp_path, {**CASE, "dossier": {**CASE["dossier"], **change}})
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(line), err


def test_errors_in_the_case_part_are_named_as_the_timeline_contract_names_them(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path, {**CASE, "sickness": []})
    assert code == 2 and err.startswith("sickness: at least one period is required")


def test_a_case_without_a_dossier_block_is_assessed_on_its_dates_alone(capsys, tmp_path):
    case = {key: value for key, value in CASE.items() if key != "dossier"}
    code, out, _ = _run(capsys, tmp_path, case)
    assert code == 0 and json.loads(out)["exposure"]["amount"] is None


LATE = {
    "action_plan": {"activities": False, "terms": False, "case_manager": False},
    "advice": [{"date": "2026-06-01", "acted_on": "2026-08-01"}],
    "reviews": [{"date": day, "hours_worked": "8"} for day in ("2026-04-01", "2026-07-20")],
    "non_cooperation": [
        {"date": "2026-08-03", "addressed_on": "2026-08-10", "response": "warning"}
    ],
}
LATE_EVENTS = [
    {"type": kind, "date": day}
    for kind, day in (
        ("problem_analysis", "2026-03-01"),
        ("action_plan", "2026-03-20"),
        ("progress_review", "2026-06-01"),
        ("first_year_evaluation", "2027-01-10"),
        ("track_two_start", "2027-03-01"),
        ("reintegration_report", "2027-10-10"),
    )
]
DECIDED = {
    "track_two_decision": {"date": "2026-11-16", "reason": "own company"},
    # Both parties signed a document as "seen, not agreed" (documents: signing with a position).
    "disagreements": [
        {"date": "2026-10-01", "party": "employee", "document": "Plan van aanpak"},
        {"date": "2026-10-02", "party": "employer", "document": "Bijstelling plan van aanpak"},
    ],
}
# Three dossiers that between them raise every finding: duties missing, duties late, a reason
# (and two documents signed as seen, not agreed).
EVERY_KIND = [
    (
        {
            **CASE,
            "events": [],
            "dossier": {**CASE["dossier"], "reintegration_report_missing": list("abcdefghijkl")},
        },
        "2027-11-01",
    ),
    ({**CASE, "events": LATE_EVENTS, "dossier": {**CASE["dossier"], **LATE}}, "2027-11-01"),
    (
        {
            **CASE,
            "events": [{"type": "first_year_evaluation", "date": "2026-11-16"}],
            "dossier": DECIDED,
        },
        "2027-01-01",
    ),
]
FINDINGS = [
    f
    for case, as_of in EVERY_KIND
    for f in assess(*parse_dossier({**case, "as_of": as_of}, today=date(2026, 11, 22))).findings
]


def test_the_three_dossiers_raise_every_kind_of_finding_the_texts_know():
    assert {f.id for f in FINDINGS} == set(FINDING_TEXTS["en"]) == set(FINDING_TEXTS["nl"])


@pytest.mark.parametrize(
    "citation",
    sorted({c for f in FINDINGS for c in f.basis.citations}, key=lambda c: c.short()),
    ids=lambda c: c.short(),
)
def test_every_citation_of_a_finding_exists_in_the_law_texts(citation):
    article = _article_text(citation)
    for part in (citation.lid, citation.sub):
        if part:
            assert re.search(rf"^{part}\.\s", article, re.MULTILINE), citation.short()
