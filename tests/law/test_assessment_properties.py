"""Invariants of the gatekeeper assessment, on generated dossiers (Hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.law.assessment import ADVICE_DAYS, SERIOUS, WARNING, assess, stalled
from openverzuim.law.assessment_facts import (
    NON_COOPERATION_RESPONSES,
    ActionPlanContents,
    Advice,
    Agreement,
    Dossier,
    DossierFacts,
    ExpertOpinionRequest,
    NonCooperation,
    Review,
    TrackTwoDecision,
    WorkResumption,
)
from openverzuim.law.facts import EVENT_TYPES, CaseFacts, Event, SicknessPeriod
from openverzuim.law.pay import RESUMPTION_KINDS
from openverzuim.law.timeline import timeline

# Findings about a timeline duty, by the milestone whose due date they judge.
MILESTONE_FINDINGS = {
    f"{m}_{kind}": m
    for m in ("problem_analysis", "action_plan", "first_year_evaluation", "reintegration_report")
    for kind in ("missing", "late")
} | {"track_two_not_started": "track_two_start", "track_two_late": "track_two_start"}

day1s = st.dates(date(2020, 1, 1), date(2030, 12, 31))
offsets = st.integers(0, 800)


def _day(day1: date, offset: int) -> date:
    return day1 + timedelta(offset)


@st.composite
def diligent(draw):
    """Every duty done on time, every advice followed within six weeks, reviews at most six weeks
    apart, hours going up, non-cooperation answered within two days, therapeutic work short."""
    day1 = draw(day1s)
    analysis = _day(day1, draw(st.integers(0, 41)))
    plan = analysis + timedelta(draw(st.integers(0, 14)))
    evaluation = _day(day1, draw(st.integers(287, 363)))
    events = [
        Event("occupational_health_notified", _day(day1, draw(st.integers(0, 6)))),
        Event("problem_analysis", analysis),
        Event("action_plan", plan),
        Event("uwv_42_week_report", _day(day1, draw(st.integers(0, 294)))),
        Event("first_year_evaluation", evaluation),
        Event("track_two_start", evaluation + timedelta(draw(st.integers(0, 42)))),
        Event("reintegration_report", _day(day1, draw(st.integers(500, 636)))),
    ]
    reviews, day, hours = [], plan, 0
    while day < _day(day1, 900):
        day += timedelta(draw(st.integers(1, 42)))
        hours += 1
        reviews.append(Review(day, Decimal(hours)))
    advice = tuple(
        Advice(d, d + timedelta(draw(st.integers(0, ADVICE_DAYS))))
        for d in draw(st.lists(st.dates(day1, _day(day1, 700)), max_size=3))
    )
    non_cooperation = tuple(
        NonCooperation(d, d + timedelta(draw(st.integers(0, 2))), "warning")
        for d in draw(st.lists(st.dates(day1, _day(day1, 700)), max_size=2))
    )
    start = _day(day1, draw(st.integers(0, 600)))
    therapeutic = WorkResumption(
        "therapeutic", start, Decimal(4), start + timedelta(draw(st.integers(0, 41)))
    )
    facts = DossierFacts(
        action_plan=ActionPlanContents(True, True, True),
        reviews=tuple(reviews),
        advice=advice,
        resumptions=(therapeutic,),
        non_cooperation=non_cooperation,
        reintegration_report_missing=(),
    )
    case = CaseFacts(sickness=(SicknessPeriod(day1, None),), events=tuple(events))
    return Dossier(case, facts), _day(day1, draw(offsets))


def _maybe_day(day1: date):
    return st.none() | st.builds(_day, st.just(day1), st.integers(-10, 800))


@st.composite
def anything(draw):
    """Any dossier: duties done early, late or never, facts in any order."""
    day1 = draw(day1s)
    some_day = st.builds(_day, st.just(day1), st.integers(-10, 800))
    end = draw(_maybe_day(day1).filter(lambda d: d is None or d >= day1))
    events = draw(st.lists(st.builds(Event, st.sampled_from(EVENT_TYPES), some_day), max_size=12))
    hours = st.none() | st.decimals(0, 40, places=1)
    facts = DossierFacts(
        action_plan=draw(
            st.none() | st.builds(ActionPlanContents, st.booleans(), st.booleans(), st.booleans())
        ),
        reviews=tuple(draw(st.lists(st.builds(Review, some_day, hours), max_size=6))),
        advice=tuple(draw(st.lists(st.builds(Advice, some_day, _maybe_day(day1)), max_size=3))),
        resumptions=tuple(
            draw(
                st.lists(
                    st.builds(
                        WorkResumption,
                        st.sampled_from(RESUMPTION_KINDS),
                        some_day,
                        st.just(Decimal(4)),
                        _maybe_day(day1),
                    ),
                    max_size=2,
                )
            )
        ),
        expert_opinions=tuple(
            draw(st.lists(st.builds(ExpertOpinionRequest, some_day), max_size=2))
        ),
        non_cooperation=tuple(
            draw(
                st.lists(
                    st.builds(
                        NonCooperation,
                        some_day,
                        _maybe_day(day1),
                        st.sampled_from(NON_COOPERATION_RESPONSES),
                    ),
                    max_size=2,
                )
            )
        ),
        track_two_decision=draw(
            st.none() | st.builds(TrackTwoDecision, some_day, st.just("reason"))
        ),
        agreements=tuple(
            draw(st.lists(st.builds(Agreement, some_day, _maybe_day(day1)), max_size=2))
        ),
        reintegration_report_missing=draw(
            st.none() | st.lists(st.sampled_from("abcdefghijkl"), unique=True).map(tuple)
        ),
        contract_hours=draw(st.none() | st.just(Decimal(40))),
        weekly_wage=draw(st.none() | st.decimals(0, 5000, places=2)),
    )
    case = CaseFacts(sickness=(SicknessPeriod(day1, end),), events=tuple(events))
    return Dossier(case, facts), _day(day1, draw(offsets))


# Speed is not behaviour (benchmarks measure it): no health check or deadline on a busy machine.
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(diligent())
def test_a_dossier_with_every_duty_done_on_time_has_no_serious_finding(example):
    result = assess(*example)
    assert [f.id for f in result.findings if f.severity == SERIOUS] == []
    assert result.stall is None


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(anything())
def test_every_finding_cites_a_rule_and_speaks_both_languages(example):
    result = assess(*example)
    for finding in result.findings:
        assert finding.basis.citations and all(c.short().strip() for c in finding.basis.citations)
        for lang in ("nl", "en"):
            assert finding.reason(lang).endswith(".") and finding.action(lang)
    assert result.exposure.line("nl") and result.exposure.line("en")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(anything())
def test_as_of_before_a_due_date_never_yields_its_late_or_missing_finding(example):
    dossier, as_of = example
    result = assess(dossier, as_of)
    for finding in result.findings:
        if finding.id in MILESTONE_FINDINGS:
            due = result.timeline.milestone(MILESTONE_FINDINGS[finding.id]).due
            assert due is not None and due < as_of, finding
        if finding.id == "advice_not_followed":
            assert as_of > finding.on + timedelta(ADVICE_DAYS)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(anything())
def test_the_exposure_follows_the_worst_finding_and_stalled_agrees_with_assess(example):
    dossier, as_of = example
    result = assess(dossier, as_of)
    severities = {f.severity for f in result.findings}
    expected = (
        "none"
        if result.timeline.waiting_time_last_day is None
        else "high"
        if SERIOUS in severities
        else "some"
        if WARNING in severities
        else "low"
    )
    assert result.exposure.level == expected
    assert stalled(dossier, as_of) == result.stall


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(anything(), st.sampled_from(EVENT_TYPES), st.integers(1, 400))
def test_what_happens_after_as_of_changes_nothing_on_as_of(example, kind, days):
    dossier, as_of = example
    later = Event(kind, as_of + timedelta(days))
    review = Review(as_of + timedelta(days), Decimal(1))
    future = Dossier(
        replace(dossier.case, events=(*dossier.case.events, later)),
        replace(dossier.facts, reviews=(*dossier.facts.reviews, review)),
    )
    assert assess(future, as_of).findings == assess(dossier, as_of).findings


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(anything(), st.booleans())
def test_a_timeline_handed_in_changes_nothing_and_serves_only_when_run_on_the_same_facts(
    example, without
):
    """`assess(..., known_timeline)` spares the web page a second run of the engine: the result is the
    same whatever is handed in, and a timeline of other facts is not used."""
    dossier, as_of = example
    if without:  # no reviews and no later events: the assessment reads the case's own facts
        dossier = replace(
            dossier,
            case=replace(
                dossier.case, events=tuple(e for e in dossier.case.events if e.date <= as_of)
            ),
            facts=replace(dossier.facts, reviews=()),
        )
    own = timeline(dossier.case, as_of)
    result, alone = assess(dossier, as_of, own), assess(dossier, as_of)
    # Episodes compare by identity: the timelines are compared without them.
    assert replace(result, timeline=None) == replace(alone, timeline=None)
    assert result.timeline._replace(episode=None) == alone.timeline._replace(episode=None)
    assert (result.timeline is own) == (own.facts == result.timeline.facts)
    assert without <= (result.timeline is own)
