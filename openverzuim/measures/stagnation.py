"""Is the re-integration stalled? The seam where every detector of stagnation plugs in.

A detector takes a case's run (cases.engine.CaseRun: the case with its prefetched records, the day,
and what the engine derived once) and returns `Stall`s. This app
detects only what it records itself: agreements and work orders of the stalled-case path whose check
date has passed without a later step. The gatekeeper assessment (law/assessment.py, `stalled()`:
hours not increasing over reviews, advice not followed) is another. Every detector, this module's own
too, is registered in one place, SignalsConfig.ready(), so that this module imports no detector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from openverzuim.cases.engine import CaseRun
from openverzuim.cases.models import Case

from .paths import STALLED


@dataclass(frozen=True)
class Stall:
    code: str  # what is stuck, for the page's wording (e.g. "follow_up_overdue")
    since: date
    step: str = ""  # the path step it concerns, if any
    text: str = ""  # a detector from elsewhere may bring its own (translated) sentence


Detector = Callable[[CaseRun], list[Stall]]
DETECTORS: list[Detector] = []


def register(detector: Detector) -> Detector:
    if detector not in DETECTORS:
        DETECTORS.append(detector)
    return detector


def open_follow_ups(case: Case) -> list:
    """Steps with a check date and no later step on the same path: agreements still to check."""
    steps = sorted(case.escalation_steps.all(), key=lambda s: (s.taken_on, s.recorded_at))
    return [
        s
        for i, s in enumerate(steps)
        if s.follow_up_on
        and s.path == STALLED
        and not any(later.path == s.path for later in steps[i + 1 :])
    ]


def follow_ups_overdue(run: CaseRun) -> list[Stall]:
    return [
        Stall("follow_up_overdue", s.follow_up_on, s.step)
        for s in open_follow_ups(run.case)
        if s.follow_up_on < run.as_of
    ]


def stalls_for(run: CaseRun) -> list[Stall]:
    return sorted(
        (stall for detector in DETECTORS for stall in detector(run)), key=lambda s: s.since
    )
