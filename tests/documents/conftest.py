"""Documents fixtures: a valid content per type, the three signing parties and a helper that drafts
and signs a document as each party would after logging in."""

from __future__ import annotations

import pytest
from django.utils import translation

from openverzuim.documents import selectors, services
from openverzuim.documents.spec import EMPLOYEE, EMPLOYER, PHYSICIAN
from openverzuim.documents.types import TYPES

_TERM = [{"description": "Werkplek aanpassen", "owner": "Anna", "term": "2026-03-01"}]

#: A valid content per document type, with a recognisable word in a key field for the PDF tests.
VALID = {
    "problem_analysis": {
        "limitations": "Niet tillen boven 10 kg",
        "prognosis": "Herstel binnen 3 maanden",
        "advice": "Opbouw in eigen werk",
    },
    "action_plan": {
        "physician_advice": "Advies: zittend werk, niet tillen",
        "goal": "Terug naar eigen werk, 32 uur",
        "employer_activities": _TERM,
        "employee_activities": [{"description": "Wandelen", "owner": "Eva", "term": "2026-03-15"}],
        "evaluation_moments": "Elke zes weken",
        "case_manager": "Bram",
        "communication": "Wekelijks bellen",
        "work_resumption": "Start met 2 uur per dag",
        "experts_and_facilities": "",
        "training": "",
        "duration": "Tot 1 juni 2026",
    },
    "progress_review": {
        "review_date": "2026-04-01",
        "physician_advice": "Advies: opbouw in uren",
        "agreed": "Opbouw naar 12 uur",
        "happened": "Opbouw gelukt",
        "hours_worked": "12",
        "next_steps": _TERM,
    },
    "first_year_evaluation": {
        "looking_back": "Traag herstel",
        "current_work": "Eigen werk 16 uur",
        "second_track_decision": "own_company",
        "decision_reason": "Volledige terugkeer verwacht binnen drie maanden",
        "next_steps": _TERM,
    },
    "final_evaluation": {
        "activities_done": "Opbouw eigen werk",
        "result": "16 uur eigen werk",
        "current_situation": "Stabiel op 16 uur",
    },
    "current_opinion": {
        "course": "Langzaam verbeterd",
        "limitations": "Maximaal 4 uur per dag",
        "prognosis": "Geen verdere verbetering",
    },
    "report_employer_part": {
        "business": "Ambachtelijke bakkerij",
        "job": "Verkoopmedewerker",
        "competences": "MBO-2 detailhandel",
        "working_relationship": "Goed",
        "suitable_work": "Alleen kassawerk",
    },
    "employee_opinion": {"opinion": "Ik ben het eens met het verslag"},
    "reintegration_agreement": {
        "employer_duties": "Passend werk zoeken",
        "employee_duties": "Meewerken aan afspraken",
        "contact": "Elke week op maandag",
    },
    "work_order": {
        "period": "Maart 2026",
        "tasks": [
            {"description": "Sollicitatiebrief schrijven", "deadline": "2026-03-10", "done": True}
        ],
    },
    "review_invitation": {
        "meeting_date": "2026-04-01",
        "meeting_place": "10:00, kantoor",
        "agenda": "Voortgang opbouw",
    },
    "written_warning": {
        "duty": "Niet verschenen bij de bedrijfsarts",
        "expected": "Afspraak maken",
        "deadline": "2026-04-10",
        "consequence": "Loonstop",
    },
    "wage_notice": {
        "ground": "lid6",
        "facts": "Niet bereikbaar voor controle",
        "known_on": "2026-04-01",
        "start": "2026-04-02",
    },
    "expert_opinion_request": {
        "question": "Is het aangeboden werk passend?",
        "employer_position": "Het werk is passend",
        "employee_position": "",
    },
}
assert set(VALID) == set(TYPES), "every document type needs a valid sample"


@pytest.fixture
def valid() -> dict:
    return VALID


@pytest.fixture(autouse=True)
def english():
    """Messages built outside a request are compared in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def parties(anna, eva_user, dirk):
    """The user who acts for each party in Eva's case."""
    return {EMPLOYER: anna, EMPLOYEE: eva_user, PHYSICIAN: dirk}


@pytest.fixture
def draft(eva_sick, parties):
    """Draft a document of a type as its author would."""

    def make(code: str, content: dict | None = None, free_text: str = ""):
        author = parties[TYPES[code].author]
        reach = selectors.case_reach_for(user=author, case_id=eva_sick.pk)
        return services.document_create(
            case=reach.case,
            type_code=code,
            by=author,
            content=VALID[code] if content is None else content,
            parties=reach.parties,
            free_text=free_text,
        )

    return make


@pytest.fixture
def sign(parties, today):
    """Every required party signs the newest version of a document, in the type's order."""

    def sign_all(document, only: tuple[str, ...] | None = None):
        version = document.versions.order_by("-number").first()
        for party in only or document.spec.signers:
            user = parties[party]
            reach = selectors.case_reach_for(user=user, case_id=document.case_id)
            services.version_sign(
                version=version,
                party=party,
                by=user,
                parties=reach.parties,
                today=today,
                expected_sha256=version.content_sha256,
            )
        version.refresh_from_db()
        return version

    return sign_all
