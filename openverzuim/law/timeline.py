"""The Poortwachter milestones of an episode: due dates, windows, statuses, citations.

timeline-contract.md, "Milestones", one block per milestone in the contract's order. Each block opens
with the operative sentence of its article and says what of that article is coded where (style.md §2.4).
Dates are ordinals here (see counting.py); `Timeline` hands out `datetime.date`s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Literal, NamedTuple

from .citations import BW7, WIA, basis
from .counting import Episode, chain_periods
from .facts import CaseFacts, WageSanction
from .milestones import MILESTONE_RULES, Rule
from .versions import coded_weeks
from .wage_duty import (
    WIA_APPLICATION_DAYS_BEFORE_END,
    WIA_LETTER_GRACE_DAYS,
    WageContinuation,
    letter_due,
    wage_continuation,
)

DONE, LATE, OPEN, OVERDUE, NOT_APPLICABLE = "done", "late", "open", "overdue", "not_applicable"
STATUSES = (DONE, LATE, OPEN, OVERDUE, NOT_APPLICABLE)
PENDING = frozenset((OPEN, OVERDUE))  # still to be done; the other statuses are settled

# How a due date was reached, kept as a small tuple so the hot path stays cheap; explain.py reads it.
#   ("sick_day", n, extra_days)    the day on which S = n, plus extra calendar days
#   ("event", event_type, days)    the first event of that type, plus days
#   ("latest_review", days)        the latest of action plan and progress reviews, plus days
#   ("waiting_time", days)         the waiting time's last day, plus (negative) days
#   ("wia_letter", days)           the day UWV's late letter was received, plus days (WIA art. 64 lid 6)
#   ("not_applicable", reason)     no due date; reason is a key of explain.NOT_APPLICABLE_REASONS
Derivation = (
    tuple[Literal["sick_day"], int, int]
    | tuple[Literal["event"], str, int]
    | tuple[Literal["latest_review"], int]
    | tuple[Literal["waiting_time"], int]
    | tuple[Literal["wia_letter"], int]
    | tuple[Literal["not_applicable"], str]
)
RECOVERED: Derivation = ("not_applicable", "recovered")
NEVER = 10**9  # an ordinal after every real date: "no recovery", "no end of employment"


class Milestone(NamedTuple):
    # A NamedTuple rather than a frozen dataclass: built ten times per case, and a frozen dataclass
    # is several times slower to construct (bench/timeline_bench.py).
    rule: Rule
    due: date | None
    window_start: date | None
    status: str
    done_on: date | None
    derivation: Derivation

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def is_pending(self) -> bool:
        """Still to be done, on time or not (open or overdue): a duty on someone's list."""
        return self.status in PENDING


class Timeline(NamedTuple):
    facts: CaseFacts
    as_of: date
    episode: Episode
    sick_days: int
    week: int | None
    milestones: tuple[Milestone, ...]
    waiting_time_last_day: date | None
    minimum_wage_floor_last_day: date | None
    wage_continuation: WageContinuation

    @property
    def first_sick_day(self) -> date:
        return self.episode.periods[0].start

    @property
    def wage_continuation_last_day(self) -> date:
        return self.wage_continuation.last_day

    def milestone(self, milestone_id: str) -> Milestone:
        for item in self.milestones:
            if item.id == milestone_id:
                return item
        raise KeyError(milestone_id)


# ── The waiting time ──────────────────────────────────────────────────────────────────────────────
# WIA art. 23 lid 1: "… geldt voor hem een wachttijd van 104 weken." Its last day is the day on which
# S = 728 (decision D2: ends are last days). lid 3 and 5 (adding periods, leave): counting.py.
# WIA art. 24 lid 1-2: UWV extends the waiting time on a joint request (voluntary extension, D15).
WAITING_TIME_SICK_DAYS = 7 * 104
WAITING_TIME_BASIS = basis(WIA.art("23", lid="1"), WIA.art("24", lid="1"), decision="D2")
# BW 7:629 lid 1: at least the minimum wage "gedurende de eerste 52 weken" → up to the day S = 364.
MINIMUM_WAGE_FLOOR_SICK_DAYS = 7 * 52
MINIMUM_WAGE_FLOOR_BASIS = basis(BW7.art("629", lid="1"))


class _Case:
    """What every milestone block reads: the episode, the facts and the events that count."""

    __slots__ = (
        "as_of",
        "cutoff",
        "day0",
        "employment_end",
        "episode",
        "extension_days",
        "facts",
        "first_event",
        "latest_review",
        "letter_due",
        "recovered",
        "waiting_time_last_day",
    )

    def __init__(self, facts: CaseFacts, episode: Episode, as_of: int):
        self.facts = facts
        self.episode = episode
        self.as_of = as_of
        # The day before day 1 when the episode is one period (S = n on day0 + n), else None.
        self.day0 = episode.first_sick_day - 1 if len(episode.periods) == 1 else None
        self.employment_end = facts.employment_end.toordinal() if facts.employment_end else None
        # Contract rule 6: events before day 1 belong to an earlier episode. Rule 5: the first counts.
        day1 = episode.first_sick_day
        first: dict[str, int] = {}
        latest_review = None
        for event in facts.events:
            day = event.date.toordinal()
            if day < day1:
                continue
            if event.type == "progress_review" and (latest_review is None or day > latest_review):
                latest_review = day
            known = first.get(event.type)
            if known is None or day < known:
                first[event.type] = day
        self.first_event = first
        self.latest_review = latest_review
        self.extension_days = 7 * facts.voluntary_extension_weeks
        self.waiting_time_last_day = episode.day_of(WAITING_TIME_SICK_DAYS) + self.extension_days
        # A duty falling after full recovery or after the contract's end never arises (rule 5).
        self.recovered = NEVER if episode.last_sick_day is None else episode.last_sick_day
        self.cutoff = (
            self.recovered
            if self.employment_end is None
            else min(self.recovered, self.employment_end)
        )
        self.letter_due = letter_due(facts, episode, first.get("uwv_42_week_report"))

    def status(self, due: int | None, done_on: int | None) -> str:
        """Contract rule 5, with the not-applicable cases of rule 5 and 7."""
        if due is None:
            return NOT_APPLICABLE
        if done_on is not None and done_on <= due:
            return DONE
        if self.cutoff < due:
            return NOT_APPLICABLE
        if done_on is not None:
            return LATE
        return OPEN if self.as_of <= due else OVERDUE

    def by_sick_day(self, n: int, extra: int = 0) -> int | None:
        """A due date reached by the sick-day count; none if the episode ended before it (rule 7)."""
        # One period, the common case: S = n on day 1 + n - 1 (Episode.day_of without the call).
        due = (self.day0 if self.day0 is not None else self.episode.day_of(n) - n) + n + extra
        return None if self.recovered < due else due

    def by_waiting_time(self, days: int) -> int | None:
        due = self.waiting_time_last_day + days
        return None if self.recovered < due else due


# A block returns (due, window_start, done_on, derivation); `status` is applied by `timeline()`.
BlockResult = tuple[int | None, int | None, int | None, Derivation]
Block = Callable[[_Case], BlockResult]


# ── Notifying the occupational health service ─────────────────────────────────────────────────────
# RPG art. 2 lid 1: the employer gives the physician "tijdig alle noodzakelijke gegevens" on the absence;
# Arbowet art. 14 lid 1 sub b: the physician assists with the guidance of sick employees. The week is
# practice, not statute: decision D4, due D1+6 (S = 7).
def occupational_health_notified(case: _Case) -> BlockResult:
    due = case.by_sick_day(7)
    how: Derivation = RECOVERED if due is None else ("sick_day", 7, 0)
    return due, None, case.first_event.get("occupational_health_notified"), how


# ── Problem analysis ──────────────────────────────────────────────────────────────────────────────
# RPG art. 2 lid 2: "… binnen zes weken na de eerste dag van ongeschiktheid tot het verrichten van
# arbeid een oordeel van de bedrijfsarts of de arbodienst …". Decision D5: due at S = 42 (D1+41).
# lid 3 (opinion "onverwijld" when long absence only shows later): not coded, the physician's date
# arrives as an event. RPG art. 5 (parties may deviate with reasons): not coded, descriptive.
def problem_analysis(case: _Case) -> BlockResult:
    due = case.by_sick_day(42)
    how: Derivation = RECOVERED if due is None else ("sick_day", 42, 0)
    return due, None, case.first_event.get("problem_analysis"), how


# ── Plan of action ────────────────────────────────────────────────────────────────────────────────
# RPG art. 4 lid 1: "… stelt de werkgever in overeenstemming met de werknemer, binnen twee weken na het
# oordeel een plan van aanpak op." Decision D5: without a problem analysis, due at S = 56 (D1+55).
# lid 2 (contents), lid 3 (in writing, copies): documents/, not the timeline. lid 4-5: progress_review.
PLAN_AFTER_ANALYSIS_DAYS = 14


def action_plan(case: _Case) -> BlockResult:
    done_on = case.first_event.get("action_plan")
    analysis = case.first_event.get("problem_analysis")
    if analysis is not None:
        return (
            analysis + PLAN_AFTER_ANALYSIS_DAYS,
            None,
            done_on,
            ("event", "problem_analysis", PLAN_AFTER_ANALYSIS_DAYS),
        )
    due = case.by_sick_day(56)
    return due, None, done_on, RECOVERED if due is None else ("sick_day", 56, 0)


# ── Progress reviews ──────────────────────────────────────────────────────────────────────────────
# WIA art. 25 lid 2 ("periodiek geëvalueerd") and BW 7:658a lid 3 ("regelmatig geëvalueerd en zo nodig
# bijgesteld"); every six weeks is UWV practice (law.md §2.6). Always the *next* review: 42 days after
# the latest of the action plan and the reviews; never done, only open or overdue (contract rule 5).
REVIEW_INTERVAL_DAYS = 42


def progress_review(case: _Case) -> BlockResult:
    plan = case.first_event.get("action_plan")
    if plan is None:
        return None, None, case.latest_review, ("not_applicable", "no_action_plan")
    latest = plan if case.latest_review is None else max(plan, case.latest_review)
    return (
        latest + REVIEW_INTERVAL_DAYS,
        None,
        case.latest_review,
        ("latest_review", REVIEW_INTERVAL_DAYS),
    )


# ── Safety-net sick report to UWV ─────────────────────────────────────────────────────────────────
# ZW art. 38a lid 3: for an employee in the safety net (ZW art. 29a, 29 lid 2 sub e, 29b) the employer
# reports "uiterlijk op de eerste dag na zes weken": the day after S = 42. lid 2 (4th-day report in the
# flexible leave window and after the leave): not coded, the contract has no such facts yet.
def safety_net_report(case: _Case) -> BlockResult:
    done_on = case.first_event.get("safety_net_report")
    if case.facts.safety_net is None:
        return None, None, done_on, ("not_applicable", "no_safety_net")
    due = case.by_sick_day(42, 1)
    return due, None, done_on, RECOVERED if due is None else ("sick_day", 42, 1)


# ── The 42nd-week report to UWV ───────────────────────────────────────────────────────────────────
# ZW art. 38 lid 1: "… uiterlijk op de eerste dag nadat de ongeschiktheid van die werknemer 42 weken
# heeft geduurd, aangifte …": the day after S = 294 (decision D3: no shift for weekends). lid 4: not for
# an employee already in the safety net. lid 3 (fine) and WIA art. 64 lid 6: assessment, not timeline.
def uwv_42_week_report(case: _Case) -> BlockResult:
    done_on = case.first_event.get("uwv_42_week_report")
    if case.facts.safety_net is not None:
        return None, None, done_on, ("not_applicable", "safety_net")
    due = case.by_sick_day(294, 1)
    return due, None, done_on, RECOVERED if due is None else ("sick_day", 294, 1)


# ── First-year evaluation ─────────────────────────────────────────────────────────────────────────
# RPG art. 4 lid 2 sub b: evaluation "in ieder geval aan het einde van het eerste ziektejaar": due at
# S = 364. BKP §5 (opschudmoment) and decision D7: the window opens at the start of week 42 (S = 288).
def first_year_evaluation(case: _Case) -> BlockResult:
    due = case.by_sick_day(364)
    if due is None:
        return None, None, case.first_event.get("first_year_evaluation"), RECOVERED
    window = case.episode.day_of(288)
    return due, window, case.first_event.get("first_year_evaluation"), ("sick_day", 364, 0)


# ── Second track ──────────────────────────────────────────────────────────────────────────────────
# BW 7:658a lid 1: when the own work is out of reach, the employer promotes work "in het bedrijf van een
# andere werkgever". BKP §5 and decision D8: start within 42 days of the first-year evaluation (without
# one, of its due date) unless a structural return in the own company within 3 months is expected.
TRACK_TWO_AFTER_EVALUATION_DAYS = 42


def track_two_start(case: _Case) -> BlockResult:
    done_on = case.first_event.get("track_two_start")
    if "own_company_return_expected" in case.first_event:
        return None, None, done_on, ("not_applicable", "own_company_return_expected")
    evaluation = case.first_event.get("first_year_evaluation")
    if evaluation is not None:
        return (
            evaluation + TRACK_TWO_AFTER_EVALUATION_DAYS,
            None,
            done_on,
            ("event", "first_year_evaluation", TRACK_TWO_AFTER_EVALUATION_DAYS),
        )
    due = case.by_sick_day(364, TRACK_TWO_AFTER_EVALUATION_DAYS)
    how: Derivation = (
        RECOVERED if due is None else ("sick_day", 364, TRACK_TWO_AFTER_EVALUATION_DAYS)
    )
    return due, None, done_on, how


# ── Re-integration report ─────────────────────────────────────────────────────────────────────────
# WIA art. 25 lid 3: "Uiterlijk dertien weken voor het verstrijken van de wachttijd stelt de werkgever
# … een reïntegratieverslag op …"; lid 4: with a voluntary extension, 13 weeks before its end.
# Contents (RPG art. 6): documents/.
# The version in force from 2013-07-01 (law/versions.py; earlier: fifteen weeks).
REINTEGRATION_REPORT_DAYS_BEFORE_END = 7 * coded_weeks("reintegration_report")


def reintegration_report(case: _Case) -> BlockResult:
    due = case.by_waiting_time(-REINTEGRATION_REPORT_DAYS_BEFORE_END)
    how: Derivation = (
        RECOVERED if due is None else ("waiting_time", -REINTEGRATION_REPORT_DAYS_BEFORE_END)
    )
    return due, None, case.first_event.get("reintegration_report"), how


# ── WIA application ───────────────────────────────────────────────────────────────────────────────
# WIA art. 64 lid 3: the application is made "uiterlijk elf weken voor afloop van de wachttijd"
# (WIA_APPLICATION_DAYS_BEFORE_END); after a late letter of UWV, lid 6 gives four weeks from its receipt
# (wage_duty.letter_due). A late application extends the wage duty: wage_duty.wage_continuation().


def wia_application(case: _Case) -> BlockResult:
    due = case.by_waiting_time(-WIA_APPLICATION_DAYS_BEFORE_END)
    how: Derivation = (
        RECOVERED if due is None else ("waiting_time", -WIA_APPLICATION_DAYS_BEFORE_END)
    )
    if due is not None and case.letter_due is not None and case.letter_due > due:
        due, how = case.letter_due, ("wia_letter", WIA_LETTER_GRACE_DAYS)
    return due, None, case.first_event.get("wia_application"), how


#: Each rule of the registry with its block: a block is named after the milestone it computes.
_BLOCKS: dict[str, Block] = {
    block.__name__: block
    for block in (
        occupational_health_notified,
        problem_analysis,
        action_plan,
        progress_review,
        safety_net_report,
        uwv_42_week_report,
        first_year_evaluation,
        track_two_start,
        reintegration_report,
        wia_application,
    )
}
RULES: tuple[tuple[Rule, Block], ...] = tuple((rule, _BLOCKS[rule.id]) for rule in MILESTONE_RULES)
# The same with whether the rule's done date counts for its status, read once instead of per case.
_RULES_RUN = tuple((rule, block, not rule.recurring) for rule, block in RULES)


#: One milestone in ordinals: (rule, due, window_start, status, done_on, derivation).
MilestoneDays = tuple[Rule, int | None, int | None, str, int | None, Derivation]


class Days(NamedTuple):
    """A timeline in ordinals (counting.py), before any `date` is made: `timeline` turns it into
    dates; the bulk encoder of `--jsonl` (contract.render_json) writes it as it is."""

    facts: CaseFacts
    as_of: date
    episode: Episode
    milestones: list[MilestoneDays]
    sick_days: int
    week: int | None
    waiting_time_last_day: int | None
    minimum_wage_floor_last_day: int | None
    wage_continuation: WageContinuation


def timeline_days(facts: CaseFacts, as_of: date) -> Days:
    """`timeline`, with its days as ordinals."""
    episode = chain_periods(facts.sickness, facts.leave)
    today = as_of.toordinal()
    case = _Case(facts, episode, today)
    status = case.status
    milestones: list[MilestoneDays] = []
    for rule, block, counts_done in _RULES_RUN:
        due, window, done_on, how = block(case)
        milestones.append(
            (rule, due, window, status(due, done_on if counts_done else None), done_on, how)
        )
    sick_days = episode.sick_days_until(today)
    waiting = case.waiting_time_last_day
    floor = episode.day_of(MINIMUM_WAGE_FLOOR_SICK_DAYS)
    # tuple.__new__ skips the NamedTuple's keyword __new__, which is Python code: this runs once
    # per case of a bulk run (bench/timeline_bench.py), as the milestones' below do ten times.
    return tuple.__new__(
        Days,
        (
            facts,
            as_of,
            episode,
            milestones,
            sick_days,
            -(-sick_days // 7) if episode.is_sick_on(today) else None,
            None if episode.ended_before(waiting) else waiting,
            None if episode.ended_before(floor) else floor,
            wage_continuation(
                facts,
                episode,
                waiting,
                case.first_event.get("wia_application"),
                case.letter_due,
            ),
        ),
    )


def timeline(facts: CaseFacts, as_of: date) -> Timeline:
    """The timeline of the episode of the latest sickness period, judged on `as_of`."""
    days = timeline_days(facts, as_of)
    fromordinal = date.fromordinal
    milestones = tuple(
        [
            tuple.__new__(
                Milestone,
                (
                    rule,
                    None if due is None else fromordinal(due),
                    None if window is None else fromordinal(window),
                    status,
                    None if done_on is None else fromordinal(done_on),
                    how,
                ),
            )
            for rule, due, window, status, done_on, how in days.milestones
        ]
    )
    waiting, floor = days.waiting_time_last_day, days.minimum_wage_floor_last_day
    return tuple.__new__(
        Timeline,
        (
            facts,
            as_of,
            days.episode,
            days.sick_days,
            days.week,
            milestones,
            None if waiting is None else fromordinal(waiting),
            None if floor is None else fromordinal(floor),
            days.wage_continuation,
        ),
    )


def with_wage_sanction(result: Timeline, sanction: WageSanction) -> Timeline:
    """`result` as if UWV had imposed `sanction`: equal to `timeline()` on the facts with that sanction,
    without running the milestones again. A sanction moves only the last day of payment (BW 7:629
    lid 11 sub c, WIA art. 25 lid 9 and 14); this prices the sanction exposure of a case."""
    facts = replace(result.facts, wage_sanction=sanction)
    case = _Case(facts, result.episode, result.as_of.toordinal())
    return result._replace(
        facts=facts,
        wage_continuation=wage_continuation(
            facts,
            result.episode,
            case.waiting_time_last_day,
            case.first_event.get("wia_application"),
            case.letter_due,
        ),
    )
