"""The apps' tables keyed by milestone are derived from law's registry (law/milestones.py), not typed
beside it: the event kinds, the case page's to-do lines and the guide's duties. These tests check the
derivation: the stored values, the translation at the edge and the citations filled into sentences."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.utils import translation

from openverzuim.cases.models import EventKind
from openverzuim.cases.models.event import Event
from openverzuim.guide.duties import DOCUMENT_FOR, EMPLOYEE_DUTIES, EMPLOYER_DUTIES
from openverzuim.law import FACTS, MILESTONE_RULES

IDS = [rule.id for rule in MILESTONE_RULES]


def test_the_event_kinds_are_the_registrys_event_types_then_everyday_contact():
    # The stored values: the registry's ids, unchanged, so no data migration follows from it.
    assert EventKind.values == [
        *IDS,
        *(fact.id for fact in FACTS),
        "employment_end_report",  # contract v2's further milestone the app records (law.further)
        "phone_call",
        "meeting",
        "note",
        "assignment",
    ]
    assert EventKind.PROBLEM_ANALYSIS == "problem_analysis"
    assert EventKind.OWN_COMPANY_RETURN_EXPECTED == "own_company_return_expected"
    assert Event._meta.get_field("kind").choices == EventKind.choices


def test_an_event_kinds_label_is_the_registrys_text_in_the_pages_language():
    with translation.override("en"):
        assert EventKind.PROBLEM_ANALYSIS.label == "Problem analysis received"
        assert dict(EventKind.choices)["own_company_return_expected"] == (
            "Return in own company within 3 months expected"
        )
    with translation.override("nl"):
        assert EventKind.PROBLEM_ANALYSIS.label == "Probleemanalyse ontvangen"


@pytest.mark.parametrize("rule", MILESTONE_RULES, ids=lambda rule: rule.id)
def test_every_registry_text_the_apps_show_has_a_dutch_translation(rule):
    texts = [rule.recorded, rule.todo, rule.duty.what.message, rule.duty.why.message]
    texts += [rule.employee_duty] if rule.employee_duty else []
    with translation.override("nl"):
        for text in texts:
            assert translation.gettext(text) != text, text


def test_the_todo_tag_shows_the_registrys_line_in_the_pages_language():
    template = Template('{% load cases %}{% todo "action_plan" %}')
    with translation.override("en"):
        assert template.render(Context()) == next(
            r.todo for r in MILESTONE_RULES if r.id == "action_plan"
        )
    with translation.override("nl"):
        assert "plan van aanpak" in template.render(Context())


def test_the_guides_duties_are_the_registrys_and_fill_in_their_citations_in_both_languages():
    assert list(EMPLOYER_DUTIES) == IDS
    assert list(EMPLOYEE_DUTIES) == [r.id for r in MILESTONE_RULES if r.employee_duty]
    for rule in MILESTONE_RULES:
        why = rule.duty.why
        assert set(re.findall(r"%\((\w+)\)s", why.message)) == {key for key, _ in why.citations}
        for language in ("nl", "en"):
            with translation.override(language):
                shown = str(EMPLOYER_DUTIES[rule.id].why)
            assert "%(" not in shown
            for _, cited in why.citations:
                assert cited.short() in shown, (rule.id, language, shown)
    with translation.override("nl"):
        assert "regelmatige evaluatie (WIA art. 25 lid 2; BW 7:658a lid 3)" in str(
            EMPLOYER_DUTIES["progress_review"].why
        )


def test_a_duty_links_the_document_the_employer_prepares_for_it():
    assert DOCUMENT_FOR == {
        "action_plan": "action_plan",
        "progress_review": "progress_review",
        "first_year_evaluation": "first_year_evaluation",
    }


def test_the_wage_measure_choices_are_the_laws_kinds_and_grounds():
    from openverzuim.cases.models import WageMeasure
    from openverzuim.law.sanctions import GROUNDS, MEASURE_KINDS

    assert tuple(WageMeasure.Kind.values) == MEASURE_KINDS
    assert set(WageMeasure.Ground.values) == set(GROUNDS)
