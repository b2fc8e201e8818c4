"""The dossier facts the gatekeeper assessment reads beyond the timeline contract (docs/assessment.md).

The timeline's `CaseFacts` say *when* each duty was done; these say *what* was done: the contents of
the plan of action, the hours worked at each review, the physician's advice and when it was acted on,
work resumptions, expert-opinion requests, non-cooperation and its answer, the second-track decision,
the agreements of a stalled case (seed 003) and the completeness of the re-integration report.
Frozen value types, built by `assessment_cli.py` from JSON or by the Django side from the database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .facts import CaseFacts

#: How the employer answered non-cooperation (BKP §3: an expert opinion, (the threat of) a wage
#: measure; a written warning first, seed 001).
NON_COOPERATION_RESPONSES = ("warning", "measure", "expert_opinion")
#: Who asked UWV for an expert opinion (SUWI art. 32: employer or employee).
REQUESTERS = ("employer", "employee")
#: The items a re-integration report must hold (RPG art. 6 lid 1 sub a-l).
REPORT_ITEMS = tuple("abcdefghijkl")


@dataclass(frozen=True, slots=True)
class ActionPlanContents:
    """What the plan of action holds (RPG art. 4 lid 2)."""

    activities: bool  # sub a: activities of employer and employee, and their goals
    terms: bool  # sub a: the terms within which the goals should be reached
    case_manager: bool  # sub c: a person who guides the activities (the case manager)


@dataclass(frozen=True, slots=True)
class Review:
    """A progress review and the hours a week the employee worked at the time, if recorded."""

    date: date
    hours_worked: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Advice:
    """The occupational physician's advice and the day the employer acted on it (None: not yet)."""

    date: date
    acted_on: datetime.date | None = None  # `date` is the field above here


@dataclass(frozen=True, slots=True)
class WorkResumption:
    kind: str  # one of pay.RESUMPTION_KINDS (decision D12)
    start: date
    hours_per_week: Decimal
    end: date | None = None  # last day, or None while it goes on


@dataclass(frozen=True, slots=True)
class ExpertOpinionRequest:
    date: date
    requested_by: str = "employer"


@dataclass(frozen=True, slots=True)
class NonCooperation:
    """The employee did not cooperate; `date` is when the employer knew or should have known."""

    date: date
    addressed_on: datetime.date | None = None  # `date` is the field above here
    response: str | None = None


@dataclass(frozen=True, slots=True)
class TrackTwoDecision:
    """At the first-year evaluation: no second track yet, and why (decision D8)."""

    date: date
    reason: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A party signed a document as "seen, not agreed", with a comment saying why: the dispute an
    expert opinion (BW 7:629a) can settle."""

    date: date
    party: str  # "employee" or "employer"
    # The document's title: a text, or a translation the caller's active language prints.
    document: object


@dataclass(frozen=True, slots=True)
class Agreement:
    """A re-integration agreement or work-order task with its due date (seed 003, steps 2 and 4)."""

    due: date
    done_on: date | None = None


@dataclass(frozen=True, slots=True)
class DossierFacts:
    action_plan: ActionPlanContents | None = None  # None: the contents are not recorded
    reviews: tuple[Review, ...] = ()
    advice: tuple[Advice, ...] = ()
    resumptions: tuple[WorkResumption, ...] = ()
    expert_opinions: tuple[ExpertOpinionRequest, ...] = ()
    non_cooperation: tuple[NonCooperation, ...] = ()
    track_two_decision: TrackTwoDecision | None = None
    agreements: tuple[Agreement, ...] = ()
    # Items of RPG art. 6 lid 1 missing from the re-integration report; None: not checked yet.
    reintegration_report_missing: tuple[str, ...] | None = None
    contract_hours: Decimal | None = None  # hours a week of the agreed work
    disagreements: tuple[Disagreement, ...] = ()
    weekly_wage: Decimal | None = None  # what the employer pays a week during sickness


@dataclass(frozen=True, slots=True)
class Dossier:
    case: CaseFacts
    facts: DossierFacts = field(default_factory=DossierFacts)
