"""The gatekeeper assessment: each finding triggered in one dossier and not in a near-identical one,
at its threshold (ok/ko pairs), plus the exposure line and the stalled-case helper.

The base dossier is Eva's: sick from Monday 5 January 2026 (day 1), every duty done on time, judged on
22 November 2026. Due dates (timeline engine): problem analysis 15 Feb, plan of action 14 days after
the analysis, first-year evaluation 3 Jan 2027, second track 42 days after the evaluation,
re-integration report 3 Oct 2027.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from openverzuim.law.assessment import (
    SERIOUS,
    STALL_STEPS,
    WARNING,
    assess,
    stalled,
    working_days_after,
)
from openverzuim.law.assessment_facts import (
    ActionPlanContents,
    Advice,
    Agreement,
    Disagreement,
    Dossier,
    DossierFacts,
    ExpertOpinionRequest,
    NonCooperation,
    Review,
    TrackTwoDecision,
    WorkResumption,
)
from openverzuim.law.facts import CaseFacts, Event, SicknessPeriod

D = date.fromisoformat
AS_OF = D("2026-11-22")
EVENTS = {
    "occupational_health_notified": "2026-01-08",
    "problem_analysis": "2026-02-10",
    "action_plan": "2026-02-20",
    "uwv_42_week_report": "2026-10-20",
    "first_year_evaluation": "2026-11-16",
}
# Every six weeks or sooner after the plan of 20 Feb, hours going up.
REVIEWS = (
    ("2026-04-01", 4),
    ("2026-05-10", 8),
    ("2026-06-20", 12),
    ("2026-07-31", 16),
    ("2026-09-10", 20),
    ("2026-10-20", 24),
    ("2026-11-20", 28),
)


def dossier(
    events: dict | None = None, reviews=REVIEWS, end: str | None = None, **facts
) -> Dossier:
    merged = {**EVENTS, **(events or {})}
    case = CaseFacts(
        sickness=(SicknessPeriod(D("2026-01-05"), D(end) if end else None),),
        events=tuple(Event(kind, D(day)) for kind, day in merged.items() if day is not None),
    )
    base = DossierFacts(
        action_plan=ActionPlanContents(activities=True, terms=True, case_manager=True),
        reviews=tuple(Review(D(day), Decimal(hours)) for day, hours in reviews),
        advice=(Advice(D("2026-06-01"), D("2026-06-15")),),
        resumptions=(WorkResumption("therapeutic", D("2026-03-01"), Decimal(4), D("2026-04-05")),),
        non_cooperation=(NonCooperation(D("2026-08-03"), D("2026-08-05"), "warning"),),
        contract_hours=Decimal(40),
        weekly_wage=Decimal("600.00"),
    )
    return Dossier(case, replace(base, **facts))


def ids(result) -> set[str]:
    return {finding.id for finding in result.findings}


def test_the_base_dossier_has_every_duty_done_on_time_and_no_finding():
    result = assess(dossier(), AS_OF)
    assert result.findings == ()
    assert result.stall is None
    assert (result.exposure.level, result.exposure.amount) == ("low", Decimal("31200.00"))


def _therapeutic(end: str | None) -> dict:
    return {
        "resumptions": (
            WorkResumption("therapeutic", D("2026-03-01"), Decimal(4), D(end) if end else None),
        )
    }


def _hours(*hours: int) -> tuple:
    return tuple(zip(("2026-09-10", "2026-10-20", "2026-11-20"), hours, strict=True))


def _non_cooperation(known: str, addressed: str | None) -> dict:
    response = "warning" if addressed else None
    return {
        "non_cooperation": (
            NonCooperation(D(known), D(addressed) if addressed else None, response),
        )
    }


NO_EXPERT = {"reviews": REVIEWS[:4] + _hours(24, 24, 24)}
# (finding, severity, ok dossier and as_of, ko dossier and as_of); ok and ko differ by one day or value.
PAIRS = [
    # RPG art. 2 lid 2: due 15 Feb (S = 42).
    (
        "problem_analysis_missing",
        SERIOUS,
        (dossier({"problem_analysis": "2026-03-01"}), "2026-02-15"),
        (dossier({"problem_analysis": "2026-03-01"}), "2026-02-16"),
    ),
    (
        "problem_analysis_late",
        WARNING,
        (dossier({"problem_analysis": "2026-02-15", "action_plan": "2026-02-25"}), AS_OF),
        (dossier({"problem_analysis": "2026-02-16", "action_plan": "2026-02-25"}), AS_OF),
    ),
    # RPG art. 4 lid 1: 14 days after the analysis of 10 Feb.
    (
        "action_plan_missing",
        SERIOUS,
        (dossier({"action_plan": None}), "2026-02-24"),
        (dossier({"action_plan": None}), "2026-02-25"),
    ),
    (
        "action_plan_late",
        WARNING,
        (dossier({"action_plan": "2026-02-24"}), AS_OF),
        (dossier({"action_plan": "2026-02-25"}), AS_OF),
    ),
    (
        "action_plan_without_activities",
        SERIOUS,
        (dossier(), AS_OF),
        (dossier(action_plan=ActionPlanContents(False, True, True)), AS_OF),
    ),
    (
        "action_plan_without_terms",
        WARNING,
        (dossier(), AS_OF),
        (dossier(action_plan=ActionPlanContents(True, False, True)), AS_OF),
    ),
    (
        "action_plan_without_case_manager",
        WARNING,
        (dossier(), AS_OF),
        (dossier(action_plan=ActionPlanContents(True, True, False)), AS_OF),
    ),
    # Six weeks between reviews: 31 Jul + 42 days = 11 Sep.
    (
        "reviews_too_far_apart",
        WARNING,
        (dossier(reviews=REVIEWS[:4] + (("2026-09-11", 20),) + REVIEWS[5:]), AS_OF),
        (dossier(reviews=REVIEWS[:4] + (("2026-09-12", 20),) + REVIEWS[5:]), AS_OF),
    ),
    # Last review 20 Oct: the next is due 1 Dec.
    (
        "review_overdue",
        WARNING,
        (dossier(reviews=REVIEWS[:6]), "2026-12-01"),
        (dossier(reviews=REVIEWS[:6]), "2026-12-02"),
    ),
    # Advice of 1 Jun: six weeks end on 13 Jul.
    (
        "advice_not_followed",
        SERIOUS,
        (dossier(advice=(Advice(D("2026-06-01")),)), "2026-07-13"),
        (dossier(advice=(Advice(D("2026-06-01")),)), "2026-07-14"),
    ),
    (
        "advice_followed_late",
        WARNING,
        (dossier(advice=(Advice(D("2026-06-01"), D("2026-07-13")),)), AS_OF),
        (dossier(advice=(Advice(D("2026-06-01"), D("2026-07-14")),)), AS_OF),
    ),
    # Day 1 + 363 = 3 Jan 2027.
    (
        "first_year_evaluation_missing",
        SERIOUS,
        (dossier({"first_year_evaluation": None}), "2027-01-03"),
        (dossier({"first_year_evaluation": None}), "2027-01-04"),
    ),
    (
        "first_year_evaluation_late",
        WARNING,
        (dossier({"first_year_evaluation": "2027-01-03"}), "2027-01-10"),
        (dossier({"first_year_evaluation": "2027-01-04"}), "2027-01-10"),
    ),
    # Evaluation 16 Nov + 42 days = 28 Dec (D8).
    ("track_two_not_started", SERIOUS, (dossier(), "2026-12-28"), (dossier(), "2026-12-29")),
    (
        "track_two_late",
        WARNING,
        (dossier({"track_two_start": "2026-12-28"}), "2027-01-05"),
        (dossier({"track_two_start": "2026-12-29"}), "2027-01-05"),
    ),
    # BKP §8: therapeutic work from 1 Mar, 42 days is 1 Mar to 11 Apr.
    (
        "therapeutic_work_too_long",
        WARNING,
        (dossier(**_therapeutic("2026-04-11")), AS_OF),
        (dossier(**_therapeutic("2026-04-12")), AS_OF),
    ),
    (
        "therapeutic_work_too_long",
        WARNING,
        (dossier(**_therapeutic(None)), "2026-04-11"),
        (dossier(**_therapeutic(None)), "2026-04-12"),
    ),
    # Three reviews with hours: up is fine, level or down is stagnation.
    (
        "hours_stagnating",
        WARNING,
        (dossier(reviews=REVIEWS[:4] + _hours(24, 24, 25)), AS_OF),
        (dossier(reviews=REVIEWS[:4] + _hours(24, 24, 24)), AS_OF),
    ),
    (
        "hours_stagnating",
        WARNING,
        (dossier(reviews=REVIEWS[:4] + _hours(40, 40, 40)), AS_OF),  # back at the contract hours
        (dossier(reviews=REVIEWS[:4] + _hours(24, 20, 24)), AS_OF),
    ),
    # The stall starts at the first of the three reviews (10 Sep); an opinion asked since then counts.
    (
        "no_expert_opinion",
        WARNING,
        (dossier(**NO_EXPERT, expert_opinions=(ExpertOpinionRequest(D("2026-09-10")),)), AS_OF),
        (dossier(**NO_EXPERT, expert_opinions=(ExpertOpinionRequest(D("2026-09-09")),)), AS_OF),
    ),
    # D13: known Monday 3 Aug; Wednesday is 2 working days later, Thursday 3.
    (
        "non_cooperation_not_addressed",
        SERIOUS,
        (dossier(**_non_cooperation("2026-08-03", None)), "2026-08-05"),
        (dossier(**_non_cooperation("2026-08-03", None)), "2026-08-06"),
    ),
    # Known Friday 7 Aug: the weekend does not count, so Tuesday is still in time.
    (
        "non_cooperation_not_addressed",
        SERIOUS,
        (dossier(**_non_cooperation("2026-08-07", None)), "2026-08-11"),
        (dossier(**_non_cooperation("2026-08-07", None)), "2026-08-12"),
    ),
    (
        "non_cooperation_addressed_late",
        WARNING,
        (dossier(**_non_cooperation("2026-08-03", "2026-08-05")), AS_OF),
        (dossier(**_non_cooperation("2026-08-03", "2026-08-06")), AS_OF),
    ),
    # WIA art. 25 lid 3: day 1 + 727 - 91 = 3 Oct 2027.
    ("reintegration_report_missing", SERIOUS, (dossier(), "2027-10-03"), (dossier(), "2027-10-04")),
    (
        "reintegration_report_late",
        WARNING,
        (dossier({"reintegration_report": "2027-10-03"}), "2027-10-10"),
        (dossier({"reintegration_report": "2027-10-04"}), "2027-10-10"),
    ),
    (
        "reintegration_report_incomplete",
        WARNING,
        (dossier(reintegration_report_missing=()), AS_OF),
        (dossier(reintegration_report_missing=("i", "l")), AS_OF),
    ),
    (
        "reintegration_report_incomplete",
        SERIOUS,
        (
            dossier({"reintegration_report": "2027-09-01"}, reintegration_report_missing=()),
            "2027-10-04",
        ),
        (
            dossier({"reintegration_report": "2027-09-01"}, reintegration_report_missing=("i",)),
            "2027-10-04",
        ),
    ),
]


@pytest.mark.parametrize(
    "finding_id, severity, ok, ko", PAIRS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS)]
)
def test_it_finds_each_shortfall_at_its_threshold_and_not_a_day_before(
    finding_id, severity, ok, ko
):
    ok_result = assess(ok[0], ok[1] if isinstance(ok[1], date) else D(ok[1]))
    ko_result = assess(ko[0], ko[1] if isinstance(ko[1], date) else D(ko[1]))
    assert finding_id not in ids(ok_result)
    found = [f for f in ko_result.findings if f.id == finding_id]
    assert len(found) == 1 and found[0].severity == severity
    assert found[0].basis.citations, "every finding rests on a rule"


def test_a_recorded_reason_turns_the_missing_second_track_into_information():
    decision = TrackTwoDecision(D("2026-11-16"), "return in the own company within 3 months")
    result = assess(dossier(track_two_decision=decision), D("2026-12-29"))
    assert "track_two_not_started" not in ids(result)
    (finding,) = [f for f in result.findings if f.id == "track_two_reason_recorded"]
    assert finding.severity == "info"
    assert finding.reason("en") == (
        "The second track has not started; recorded reason: return in "
        "the own company within 3 months."
    )


def test_an_expected_return_in_the_own_company_means_no_second_track_is_due():
    result = assess(dossier({"own_company_return_expected": "2026-11-16"}), D("2027-02-01"))
    assert not {"track_two_not_started", "track_two_reason_recorded"} & ids(result)


def test_facts_after_as_of_are_not_known_yet():
    # The plan of action is dated after as_of: on 25 Feb it is missing, not late.
    result = assess(dossier({"action_plan": "2026-03-10"}), D("2026-02-25"))
    assert "action_plan_missing" in ids(result) and "action_plan_late" not in ids(result)


def test_serious_findings_come_first_and_each_has_both_languages():
    result = assess(
        dossier(
            advice=(Advice(D("2026-06-01")),), action_plan=ActionPlanContents(True, False, True)
        ),
        AS_OF,
    )
    assert [f.severity for f in result.findings] == ["serious", "warning", "warning"]
    advice = result.findings[0]
    assert advice.reason("nl") == (
        "Het advies van de bedrijfsarts van 1 jun 2026 is na 174 dagen nog niet opgevolgd."
    )
    assert (
        advice.action("en") == "Carry out the advice or adjust the plan of action, and record why."
    )
    assert advice.basis.short() == "RPG art. 4 lid 4; RPG art. 4 lid 5; BKP § 5"


@pytest.mark.parametrize(
    "facts, as_of, level, line",
    [
        (
            {},
            AS_OF,
            "low",
            "Risico op een loonsanctie: laag; bij een tekortkoming tot 52 weken loon "
            "(€ 31.200,00).",
        ),
        (
            {"action_plan": ActionPlanContents(True, False, True)},
            AS_OF,
            "some",
            "Risico op een loonsanctie: aanwezig; tot 52 weken loon (€ 31.200,00).",
        ),
        (
            {"weekly_wage": None},
            D("2027-01-04"),
            "high",
            "Risico op een loonsanctie: hoog; tot 52 weken loon.",
        ),
    ],
)
def test_the_exposure_line_says_how_exposed_the_employer_is(facts, as_of, level, line):
    exposure = assess(dossier(**facts), as_of).exposure
    assert (exposure.level, exposure.line("nl")) == (level, line)


def test_no_exposure_when_the_employee_recovered_before_the_waiting_time_ended():
    result = assess(dossier({"action_plan": None}, end="2026-03-31"), AS_OF)
    assert "action_plan_missing" in ids(result)  # the duty arose before the recovery
    assert result.exposure.level == "none"
    assert result.exposure.line("en").startswith("No wage-sanction exposure")


def test_stalled_names_why_since_when_and_the_seven_steps():
    overdue = (Agreement(D("2026-11-01")), Agreement(D("2026-10-15"), D("2026-10-14")))
    stall = stalled(dossier(agreements=overdue, advice=(Advice(D("2026-09-01")),)), AS_OF)
    assert stall is not None
    assert (stall.since, stall.reasons) == (
        D("2026-09-01"),
        ("advice_not_followed", "agreements_overdue"),
    )
    assert stall.steps == STALL_STEPS and len(STALL_STEPS) == 7


def test_an_agreement_kept_or_not_yet_due_does_not_stall_the_case():
    agreements = (Agreement(D("2026-11-01"), D("2026-11-01")), Agreement(D("2026-11-22")))
    assert stalled(dossier(agreements=agreements), AS_OF) is None


def test_working_days_skip_the_weekend():
    friday = D("2026-08-07")
    assert [working_days_after(friday, D(f"2026-08-{d:02}")) for d in (7, 8, 9, 10, 11)] == [
        0,
        0,
        0,
        1,
        2,
    ]


def test_a_document_signed_seen_not_agreed_warns_until_an_expert_opinion_is_asked():
    disputed = (Disagreement(D("2026-03-02"), "employee", "Plan van aanpak"),)
    finding = next(
        f
        for f in assess(dossier(disagreements=disputed), AS_OF).findings
        if f.id == "employee_signed_not_agreed"
    )
    assert (finding.severity, finding.on) == (WARNING, D("2026-03-02"))
    assert finding.reason("nl") == (
        "De werknemer tekende 'Plan van aanpak' op 2 mrt 2026 als 'gezien, niet akkoord'."
    )
    asked = (ExpertOpinionRequest(D("2026-03-10"), "employee"),)
    result = assess(dossier(disagreements=disputed, expert_opinions=asked), AS_OF)
    assert [f.severity for f in result.findings if f.id == "employee_signed_not_agreed"] == ["info"]


def test_a_disagreement_of_an_earlier_episode_or_after_the_day_is_not_judged():
    for day in ("2025-12-01", "2026-11-23"):
        disputed = (Disagreement(D(day), "employer", "Voortgangsrapportage"),)
        assert "employer_signed_not_agreed" not in ids(
            assess(dossier(disagreements=disputed), AS_OF)
        )
