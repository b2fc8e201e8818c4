"""The gatekeeper test, early (*poortwachtertoets*): UWV's assessment framework run on a dossier.

BKP §3: "Bij de beoordeling door het UWV van de geleverde re-integratie-inspanningen staat het bereikte
resultaat voorop"; without a satisfactory result UWV looks at the efforts (BKP §4 a-c) and the
re-integration report (BKP §5), and a shortfall without a valid reason costs the employer a wage
sanction of up to 52 weeks (WIA art. 25 lid 9). This module asks those questions early, on what the
dossier holds on `as_of`, and returns findings, each with a severity, the rule it rests on and, through
assessment_text.py, its reason and what to do now. Every due date comes from the timeline engine.
Not coded: the satisfactory-result test of BKP §3 (a judgement on the functional possibilities) and
the medical aspects of BKP §4 sub b (medical data stays in the physician's vault).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from . import assessment_text
from .assessment_facts import Dossier, DossierFacts, Review
from .citations import BKP, BW7, RPG, WIA, Basis, Citation, basis
from .facts import MAX_WAGE_SANCTION_WEEKS, Event
from .sanctions import PROMPT_NOTICE_WORKING_DAYS
from .timeline import LATE, NOT_APPLICABLE, OVERDUE, REVIEW_INTERVAL_DAYS, Timeline, timeline

INFO, WARNING, SERIOUS = "info", "warning", "serious"
SEVERITIES = (INFO, WARNING, SERIOUS)

# The thresholds, each with its source. Six weeks for acting on advice is the project's reading of
# RPG art. 4 lid 4-5 (adjust the plan when the advice gives cause), on the six-week rhythm of the reviews.
ADVICE_DAYS = 42
THERAPEUTIC_DAYS = 42  # BKP §8: "in de regel niet langer dan 6 weken"
STAGNATION_REVIEWS = 3  # hours not up over three reviews in a row: BKP §4 sub a, "stagnatie"
CENT = Decimal("0.01")

# Seed 003, the seven steps for a stalled case, in its order.
STALL_STEPS = (
    "talk",
    "reintegration_agreement",
    "daily_activities",
    "work_order",
    "businesslike",
    "consequences",
    "dossier",
)

EXPOSURE_BASIS = basis(WIA.art("25", lid="9"), BKP.art("3"))
ADVICE_BASIS = basis(RPG.art("4", lid="4"), RPG.art("4", lid="5"), BKP.art("5"))
THERAPEUTIC_BASIS = basis(BKP.art("8"), BKP.art("5"))
STAGNATION_BASIS = basis(RPG.art("4", lid="5"), BKP.art("4"), BKP.art("5"))
EXPERT_OPINION_BASIS = basis(BW7.art("629a", lid="1"), BKP.art("10"))
NON_COOPERATION_BASIS = basis(BW7.art("629", lid="7"), BKP.art("3"), BKP.art("9"), decision="D13")


@dataclass(frozen=True, slots=True)
class Finding:
    id: str
    severity: str
    basis: Basis
    on: date | None  # the day the finding is about: a due date, an advice, the end of a gap
    params: tuple[tuple[str, object], ...] = ()

    def reason(self, lang: str = "nl") -> str:
        return assessment_text.reason(self.id, dict(self.params), lang)

    def action(self, lang: str = "nl") -> str:
        return assessment_text.action(self.id, dict(self.params), lang)


@dataclass(frozen=True, slots=True)
class Stall:
    """The case stalls (seed 003): since when, why, and the seven steps to take."""

    since: date
    reasons: tuple[str, ...]  # hours_stagnating, advice_not_followed, agreements_overdue
    steps: tuple[str, ...] = STALL_STEPS


@dataclass(frozen=True, slots=True)
class Exposure:
    """How exposed the employer is to a wage sanction; `amount` when the weekly wage is known."""

    level: str  # none, low, some, high
    weeks: int
    amount: Decimal | None
    basis: Basis = EXPOSURE_BASIS

    def line(self, lang: str = "nl") -> str:
        return assessment_text.exposure_line(self.level, self.weeks, self.amount, lang)


@dataclass(frozen=True, slots=True)
class Assessment:
    as_of: date
    timeline: Timeline
    findings: tuple[Finding, ...]  # serious first, then warnings, then information
    exposure: Exposure
    stall: Stall | None


class _Context:
    """What every check reads: the timeline, and the dossier facts known on `as_of` in this episode."""

    def __init__(self, dossier: Dossier, as_of: date, known_timeline: Timeline | None = None):
        known = dossier.facts
        # Reviews with hours are reviews: the timeline counts them like progress_review events.
        events = dossier.case.events + tuple(
            Event("progress_review", r.date) for r in known.reviews
        )
        case = replace(dossier.case, events=tuple(e for e in events if e.date <= as_of))
        # The caller's timeline serves when it was run on these very facts and day; else run one.
        reuse = (
            known_timeline is not None
            and known_timeline.as_of == as_of
            and known_timeline.facts == case
        )
        self.timeline = (
            known_timeline if reuse and known_timeline is not None else timeline(case, as_of)
        )
        self.as_of = as_of
        self.day1 = self.timeline.first_sick_day
        self.review_dates = sorted(
            {e.date for e in case.events if e.type == "progress_review" and e.date >= self.day1}
        )
        self.facts = self._known(known)

    def _in_episode(self, day: date) -> bool:
        return self.day1 <= day <= self.as_of

    def _known(self, facts: DossierFacts) -> DossierFacts:
        """Facts of an earlier episode or after `as_of` are left out (timeline contract rule 6)."""
        decision = facts.track_two_decision
        return replace(
            facts,
            reviews=tuple(
                sorted((r for r in facts.reviews if self._in_episode(r.date)), key=lambda r: r.date)
            ),
            advice=tuple(a for a in facts.advice if self._in_episode(a.date)),
            resumptions=tuple(r for r in facts.resumptions if self._in_episode(r.start)),
            expert_opinions=tuple(e for e in facts.expert_opinions if self._in_episode(e.date)),
            non_cooperation=tuple(n for n in facts.non_cooperation if self._in_episode(n.date)),
            track_two_decision=decision if decision and self._in_episode(decision.date) else None,
            agreements=tuple(a for a in facts.agreements if a.due >= self.day1),
            disagreements=tuple(d for d in facts.disagreements if self._in_episode(d.date)),
        )

    def done(self, day: date | None) -> date | None:
        """A completion date as known on `as_of`: a later one has not happened yet."""
        return day if day is not None and day <= self.as_of else None


def _extended(rule_basis: Basis, *extra: Citation) -> Basis:
    return Basis(rule_basis.citations + extra, rule_basis.decision, rule_basis.note)


# ── Duties of the timeline: missing or late ──────────────────────────────────────────────────────
# BKP §4 sub a asks whether the problem analysis, the plan of action and the first-year evaluation
# were made; BKP §5 whether the report is complete. The dates and statuses are the engine's.
_MILESTONE_CHECKS = (
    ("problem_analysis", BKP.art("4")),
    ("action_plan", BKP.art("4")),
    ("first_year_evaluation", BKP.art("4")),
    ("reintegration_report", BKP.art("5")),
)


def _milestones(ctx: _Context) -> Iterator[Finding]:
    for milestone_id, bkp in _MILESTONE_CHECKS:
        milestone = ctx.timeline.milestone(milestone_id)
        rule_basis = _extended(milestone.rule.basis, bkp)
        if milestone.status == OVERDUE:
            yield Finding(
                f"{milestone_id}_missing",
                SERIOUS,
                rule_basis,
                milestone.due,
                (("due", milestone.due),),
            )
        elif milestone.status == LATE:
            yield Finding(
                f"{milestone_id}_late",
                WARNING,
                rule_basis,
                milestone.done_on,
                (("due", milestone.due), ("done", milestone.done_on)),
            )


# ── Second track ──────────────────────────────────────────────────────────────────────────────────
# BKP §5 (opschudmoment) and decision D8: started within 42 days of the first-year evaluation, unless
# a reason is recorded (a structural return in the own company within 3 months expected, and so on).
def _track_two(ctx: _Context) -> Iterator[Finding]:
    milestone = ctx.timeline.milestone("track_two_start")
    decision = ctx.facts.track_two_decision
    if milestone.status == OVERDUE and decision is not None:
        yield Finding(
            "track_two_reason_recorded",
            INFO,
            milestone.rule.basis,
            decision.date,
            (("due", milestone.due), ("reason", decision.reason)),
        )
    elif milestone.status == OVERDUE:
        yield Finding(
            "track_two_not_started",
            SERIOUS,
            milestone.rule.basis,
            milestone.due,
            (("due", milestone.due),),
        )
    elif milestone.status == LATE:
        yield Finding(
            "track_two_late",
            WARNING,
            milestone.rule.basis,
            milestone.done_on,
            (("due", milestone.due), ("done", milestone.done_on)),
        )


# ── Contents of the plan of action ────────────────────────────────────────────────────────────────
# RPG art. 4 lid 2: activities and goals, terms (sub a), evaluation moments (sub b), a case manager
# (sub c). BKP §4 sub a: "een adequaat plan van aanpak … en is er een case-manager aangewezen?";
# BKP §6: a missing case manager alone is no ground for a sanction, hence a warning.
_PLAN_CHECKS = (
    (
        "activities",
        "action_plan_without_activities",
        SERIOUS,
        basis(RPG.art("4", lid="2", sub="a"), BKP.art("4")),
    ),
    ("terms", "action_plan_without_terms", WARNING, basis(RPG.art("4", lid="2", sub="a"))),
    (
        "case_manager",
        "action_plan_without_case_manager",
        WARNING,
        basis(RPG.art("4", lid="2", sub="c"), BKP.art("6")),
    ),
)


def _plan_contents(ctx: _Context) -> Iterator[Finding]:
    plan = ctx.timeline.milestone("action_plan").done_on
    contents = ctx.facts.action_plan
    if plan is None or contents is None:
        return
    for attribute, finding_id, severity, rule_basis in _PLAN_CHECKS:
        if not getattr(contents, attribute):
            yield Finding(finding_id, severity, rule_basis, plan, (("plan", plan),))


# ── Progress reviews ──────────────────────────────────────────────────────────────────────────────
# WIA art. 25 lid 2, BW 7:658a lid 3 and BKP §5 ("regelmatig overleggen over de voortgang"); six weeks
# is practice (the timeline's REVIEW_INTERVAL_DAYS). A past gap and the open one are separate findings.
def _reviews(ctx: _Context) -> Iterator[Finding]:
    milestone = ctx.timeline.milestone("progress_review")
    plan = ctx.timeline.milestone("action_plan").done_on
    if plan is None:
        return
    rule_basis = _extended(milestone.rule.basis, BKP.art("5"))
    dates = [plan, *(d for d in ctx.review_dates if d > plan)]
    gaps = [((later - earlier).days, earlier, later) for earlier, later in pairwise(dates)]
    days, earlier, later = max(gaps, default=(0, None, None))
    if days > REVIEW_INTERVAL_DAYS:
        yield Finding(
            "reviews_too_far_apart",
            WARNING,
            rule_basis,
            later,
            (("days", days), ("from", earlier), ("to", later)),
        )
    if milestone.status == OVERDUE:
        yield Finding(
            "review_overdue",
            WARNING,
            rule_basis,
            milestone.due,
            (("due", milestone.due), ("last", dates[-1])),
        )


# ── The physician's advice ────────────────────────────────────────────────────────────────────────
# RPG art. 4 lid 4: the employer asks the physician's advice "onverwijld" when the course of the
# incapacity calls for it; lid 5: the plan is adjusted when the advice gives cause.
def _advice(ctx: _Context) -> Iterator[Finding]:
    for advice in ctx.facts.advice:
        deadline = advice.date + timedelta(ADVICE_DAYS)
        acted = ctx.done(advice.acted_on)
        if acted is None and ctx.as_of > deadline:
            yield Finding(
                "advice_not_followed",
                SERIOUS,
                ADVICE_BASIS,
                advice.date,
                (("advised", advice.date), ("days", (ctx.as_of - advice.date).days)),
            )
        elif acted is not None and acted > deadline:
            yield Finding(
                "advice_followed_late",
                WARNING,
                ADVICE_BASIS,
                acted,
                (("advised", advice.date), ("acted", acted), ("days", (acted - advice.date).days)),
            )


# ── Therapeutic work ──────────────────────────────────────────────────────────────────────────────
# BKP §8: work without wage value "mits dit voor een korte periode gebeurt (in de regel niet langer
# dan 6 weken)"; BKP §5 lists "te lang gewerkt op arbeidstherapeutische basis" as a reason to adjust.
def _therapeutic(ctx: _Context) -> Iterator[Finding]:
    for work in ctx.facts.resumptions:
        if work.kind != "therapeutic":
            continue
        last = min(ctx.done(work.end) or ctx.as_of, ctx.as_of)
        days = (last - work.start).days + 1
        if days > THERAPEUTIC_DAYS:
            yield Finding(
                "therapeutic_work_too_long",
                WARNING,
                THERAPEUTIC_BASIS,
                work.start,
                (("start", work.start), ("days", days)),
            )


# ── Stagnation ────────────────────────────────────────────────────────────────────────────────────
# BKP §4 sub a: the analysis and plan must be adjusted "zeker in geval van stagnatie"; BKP §5 names
# "hervatting … voor te weinig uren" among the reasons to change course.
def _stagnating(ctx: _Context) -> tuple[Review, ...] | None:
    """The last reviews with hours when the hours did not go up over them, else None."""
    recorded = [(r, r.hours_worked) for r in ctx.facts.reviews if r.hours_worked is not None]
    last = recorded[-STAGNATION_REVIEWS:]
    if len(last) < STAGNATION_REVIEWS or last[-1][1] > last[0][1]:
        return None
    hours = ctx.facts.contract_hours
    if hours is not None and last[-1][1] >= hours:
        return None  # back to the full agreed hours: nothing left to increase
    return tuple(review for review, _ in last)


def _stagnation(ctx: _Context) -> Iterator[Finding]:
    last = _stagnating(ctx)
    if last is not None:
        yield Finding(
            "hours_stagnating",
            WARNING,
            STAGNATION_BASIS,
            last[-1].date,
            (("count", len(last)), ("hours", last[-1].hours_worked), ("since", last[0].date)),
        )


def _stall(ctx: _Context) -> Stall | None:
    starts: dict[str, date] = {}
    last = _stagnating(ctx)
    if last is not None:
        starts["hours_stagnating"] = last[0].date
    ignored = [
        a.date
        for a in ctx.facts.advice
        if ctx.done(a.acted_on) is None and ctx.as_of > a.date + timedelta(ADVICE_DAYS)
    ]
    if ignored:
        starts["advice_not_followed"] = min(ignored)
    overdue = [
        a.due for a in ctx.facts.agreements if a.due < ctx.as_of and ctx.done(a.done_on) is None
    ]
    if overdue:
        starts["agreements_overdue"] = min(overdue)
    if not starts:
        return None
    return Stall(min(starts.values()), tuple(starts))


# ── Expert opinion ────────────────────────────────────────────────────────────────────────────────
# BKP §10: parties are expected to break a stalled re-integration with an expert opinion, the
# employer first; failing that "kan dit leiden tot een loonsanctie". BW 7:629a lid 1.
def _expert_opinion(ctx: _Context, stall: Stall | None) -> Iterator[Finding]:
    if stall is None or any(e.date >= stall.since for e in ctx.facts.expert_opinions):
        return
    yield Finding(
        "no_expert_opinion", WARNING, EXPERT_OPINION_BASIS, stall.since, (("since", stall.since),)
    )


# ── A document signed as "seen, not agreed" ──────────────────────────────────────────────────────
# A dispute about the re-integration is settled by an expert opinion (BW 7:629a lid 1, BKP §10);
# until one is asked, UWV reads the dispute as a re-integration left unresolved.
def _disagreements(ctx: _Context) -> Iterator[Finding]:
    for record in ctx.facts.disagreements:
        asked = any(e.date >= record.date for e in ctx.facts.expert_opinions)
        yield Finding(
            f"{record.party}_signed_not_agreed",
            INFO if asked else WARNING,
            EXPERT_OPINION_BASIS,
            record.date,
            (("document", record.document), ("on", record.date)),
        )


# ── Non-cooperation of the employee ───────────────────────────────────────────────────────────────
# BKP §3 and §9: the employer must address it (expert opinion, wage measure, in the end dismissal),
# or UWV sanctions the employer. BW 7:629 lid 7: a wage measure needs notice "onverwijld" (D13).
def working_days_after(start: date, end: date) -> int:
    """Monday to Friday after `start` up to and including `end` (public holidays are counted: the
    warning comes a day early rather than late)."""
    return sum(1 for n in range(1, (end - start).days + 1) if (start + timedelta(n)).weekday() < 5)


def _non_cooperation(ctx: _Context) -> Iterator[Finding]:
    for record in ctx.facts.non_cooperation:
        answered = ctx.done(record.addressed_on)
        if answered is None:
            if working_days_after(record.date, ctx.as_of) > PROMPT_NOTICE_WORKING_DAYS:
                yield Finding(
                    "non_cooperation_not_addressed",
                    SERIOUS,
                    NON_COOPERATION_BASIS,
                    record.date,
                    (("since", record.date),),
                )
        elif working_days_after(record.date, answered) > PROMPT_NOTICE_WORKING_DAYS:
            yield Finding(
                "non_cooperation_addressed_late",
                WARNING,
                NON_COOPERATION_BASIS,
                answered,
                (("since", record.date), ("answered", answered)),
            )


# ── Completeness of the re-integration report ─────────────────────────────────────────────────────
# RPG art. 6 lid 1 sub a-l; WIA art. 25 lid 8 (UWV sets a term to complete it); BKP §5: an incomplete
# report is an administrative shortfall, and not completing it earns a wage sanction.
def _report_completeness(ctx: _Context) -> Iterator[Finding]:
    milestone = ctx.timeline.milestone("reintegration_report")
    missing = ctx.facts.reintegration_report_missing
    if not missing or milestone.status == NOT_APPLICABLE:
        return
    severity = SERIOUS if milestone.due is not None and ctx.as_of > milestone.due else WARNING
    rule_basis = basis(
        WIA.art("25", lid="3"),
        WIA.art("25", lid="8"),
        *(RPG.art("6", lid="1", sub=item) for item in missing),
        BKP.art("5"),
    )
    yield Finding(
        "reintegration_report_incomplete",
        severity,
        rule_basis,
        milestone.due,
        (("items", ", ".join(missing)), ("due", milestone.due)),
    )


_CHECKS = (
    _milestones,
    _track_two,
    _plan_contents,
    _reviews,
    _advice,
    _therapeutic,
    _stagnation,
    _non_cooperation,
    _report_completeness,
    _disagreements,
)


def _exposure(ctx: _Context, findings: list[Finding]) -> Exposure:
    wage = ctx.facts.weekly_wage
    amount = None if wage is None else (wage * MAX_WAGE_SANCTION_WEEKS).quantize(CENT)
    severities = {f.severity for f in findings}
    if ctx.timeline.waiting_time_last_day is None:
        level = "none"  # recovered before the end of the waiting time: no WIA claim to test
    elif SERIOUS in severities:
        level = "high"
    elif WARNING in severities:
        level = "some"
    else:
        level = "low"
    return Exposure(level, MAX_WAGE_SANCTION_WEEKS, amount)


def assess(dossier: Dossier, as_of: date, known_timeline: Timeline | None = None) -> Assessment:
    """The gatekeeper test on `as_of`: findings (serious first), the exposure and any stall.
    `known_timeline`: the case's timeline if the caller has run it already; it is used only when it
    was run on the facts the assessment reads (no reviews or later events added), else ignored."""
    ctx = _Context(dossier, as_of, known_timeline)
    stall = _stall(ctx)
    findings = [finding for check in _CHECKS for finding in check(ctx)]
    findings += _expert_opinion(ctx, stall)
    findings.sort(key=lambda f: (-SEVERITIES.index(f.severity), f.on or as_of, f.id))
    return Assessment(as_of, ctx.timeline, tuple(findings), _exposure(ctx, findings), stall)


def stalled(dossier: Dossier, as_of: date) -> Stall | None:
    """Whether the case stalls on `as_of` (seed 003), for the measures app's guided seven steps."""
    return _stall(_Context(dossier, as_of))
