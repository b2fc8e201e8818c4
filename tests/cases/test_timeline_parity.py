"""No page computes a deadline itself: the timeline on the case page, in its chart and on the worklist
is the engine's for the same facts, written here by hand in the contract's own format."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from openverzuim.cases import services
from openverzuim.law import compute

CASES = Path(__file__).resolve().parents[2] / "openverzuim" / "cases"


@pytest.fixture
def dossier(eva, anna, today):
    """Sick 5 Jan - 13 Feb, fit 16 days, sick again from 2 Mar (one case, BW 7:629 lid 10), with
    events: an analysis, a plan recorded on a wrong date and corrected, a withdrawn review."""
    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 1, 5), by=anna, today=today
    ).case
    services.recovery_report_create(case=case, recovered_on=date(2026, 2, 14), by=anna, today=today)
    services.sick_report_create(employee=eva, first_sick_day=date(2026, 3, 2), by=anna, today=today)
    services.event_record(
        case=case, kind="problem_analysis", date=date(2026, 3, 20), by=anna, today=today
    )
    wrong = services.event_record(
        case=case, kind="action_plan", date=date(2026, 5, 20), by=anna, today=today
    )
    services.event_correct(event=wrong, date=date(2026, 4, 1), note="", by=anna, today=today)
    review = services.event_record(
        case=case, kind="progress_review", date=date(2026, 6, 1), by=anna, today=today
    )
    services.event_withdraw(event=review, reason="not held", by=anna, today=today)
    services.event_record(case=case, kind="phone_call", date=date(2026, 6, 2), by=anna, today=today)
    return case


CONTRACT_INPUT = {
    "as_of": "2026-11-22",
    "sickness": [
        {"start": "2026-01-05", "end": "2026-02-13"},
        {"start": "2026-03-02", "end": None},
    ],
    "events": [
        {"type": "problem_analysis", "date": "2026-03-20"},
        {"type": "action_plan", "date": "2026-04-01"},
    ],
}


def _expected():
    return [
        (m["id"], m["due"], m["status"])
        for m in compute(CONTRACT_INPUT, today=date(2026, 11, 22))["milestones"]
    ]


def test_the_case_page_shows_the_engines_timeline_for_the_same_facts(client, anna, dossier):
    client.force_login(anna)
    response = client.get(reverse("cases:detail", args=[dossier.pk]))
    shown = [
        (
            r["milestone"].id,
            r["milestone"].due and r["milestone"].due.isoformat(),
            r["milestone"].status,
        )
        for r in response.context["rows"]
    ]
    assert shown == _expected()
    markers = [(m.id, m.due.isoformat(), m.status) for m in response.context["chart"].markers]
    assert sorted(markers) == sorted(e for e in _expected() if e[1])


def test_the_worklist_lists_the_engines_open_and_overdue_milestones(client, anna, dossier):
    client.force_login(anna)
    work = client.get(reverse("cases:worklist")).context["work"]
    listed = [
        (d.milestone, d.due.isoformat(), "overdue" if d.overdue else "open") for d in work.rows
    ]
    expected = sorted(
        (e for e in _expected() if e[2] in ("open", "overdue") and e[1]), key=lambda e: e[1]
    )
    assert listed == [e for e in expected if e[1] <= "2027-01-03"]
    assert work.later == len(expected) - len(listed)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names.add(f"{node.value.id}.{node.attr}")
    return names


def test_only_the_engine_adapter_asks_the_rules_engine_for_a_timeline():
    callers = {
        path.relative_to(CASES).as_posix()
        for path in CASES.rglob("*.py")
        if {"law.timeline", "openverzuim.law.timeline"} & _imports(path)
    }
    assert callers == {"engine.py"}


def test_no_template_does_date_arithmetic():
    for template in (CASES / "templates").rglob("*.html"):
        text = template.read_text()
        assert "|add:" not in text.replace("chart.width|add:", "").replace(
            "chart.band_y|add:", ""
        ), template
        assert "timesince" not in text and "timeuntil" not in text, template
