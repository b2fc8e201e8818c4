"""Contract v2's further milestones: duties the first contract left to prose (issue 18, item 22).

They are not in the milestone registry (milestones.py), whose table is contract v1's output: adding
rows there would change every v1 result. Version 2 prints them under `further_milestones`, each with
`statutory` saying whether a statute makes it a duty or practice recommends it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from .citations import BKP, RPG, ZW, Basis, basis
from .sanctions import is_working_day
from .timeline import DONE, LATE, NOT_APPLICABLE, OPEN, OVERDUE, Timeline

EMPLOYMENT_END_REPORT = "employment_end_report"
EMPLOYMENT_END_REINTEGRATION_REPORT = "employment_end_reintegration_report"
LABOUR_EXPERT_ASSESSMENT = "labour_expert_assessment"
#: Their ids, which are also the event types that fulfil them (v2 inputs only).
FURTHER_IDS = (EMPLOYMENT_END_REPORT, EMPLOYMENT_END_REINTEGRATION_REPORT, LABOUR_EXPERT_ASSESSMENT)

# ZW art. 38 lid 2, first sentence: the employer of the insured of art. 29 lid 2 sub c (whose employment
# ends while sick) reports the incapacity to UWV "op de laatste werkdag voordat de dienstbetrekking
# eindigt"; second sentence: "Indien tussen de eerste dag van de ongeschiktheid tot werken en de laatste
# werkdag … ten minste zes weken is gelegen", the employer who bears no own risk draws up a
# re-integration report "uiterlijk op die laatste werkdag" (decision D10). Lid 4: the first sentence
# does not apply in the safety net of art. 29 lid 2 sub e (organ donation); the second does.
# Readings (decisions.md C20): a working day is Monday to Friday without the Awt's public holidays;
# "six weeks" are 42 calendar days from day 1; an own-risk bearer is not a fact the contract carries.
EMPLOYMENT_END_REPORT_BASIS = basis(ZW.art("38", lid="2"), decision="D10")
REINTEGRATION_REPORT_WEEKS_DAYS = 42
# RPG art. 7a (further expertise "tijdig" when the physician finds it needed) and BKP §4 (were the
# chances of returning to work mapped?); no statute sets a date. Practice (law.md §2.10): around the
# first-year evaluation, weeks 46 to 52 (S = 316 to 364), when a return to the own work is doubtful.
LABOUR_EXPERT_BASIS = basis(
    RPG.art("7a"), BKP.art("4"), decision="C20", note="recommended practice, not a statutory duty"
)
LABOUR_EXPERT_WINDOW_SICK_DAYS, LABOUR_EXPERT_SICK_DAYS = 7 * 45 + 1, 7 * 52


class FurtherMilestone(NamedTuple):
    id: str
    due: date | None
    window_start: date | None
    status: str
    done_on: date | None
    party: str
    basis: Basis
    statutory: bool


def last_working_day(end: date) -> date:
    """The last working day on or before `end` (the contract's last day)."""
    while not is_working_day(end):
        end -= timedelta(days=1)
    return end


def _first_event(result: Timeline, kind: str) -> date | None:
    day1 = result.first_sick_day
    return min(
        (e.date for e in result.facts.events if e.type == kind and e.date >= day1), default=None
    )


def _status(due: date | None, done_on: date | None, result: Timeline) -> str:
    """Contract rule 5 and decisions.md C4, as the registry's milestones have them."""
    if due is None:
        return NOT_APPLICABLE
    if done_on is not None and done_on <= due:
        return DONE
    end = result.facts.employment_end
    if end is not None and end < due:
        return NOT_APPLICABLE
    if done_on is not None:
        return LATE
    return OPEN if result.as_of <= due else OVERDUE


def further_milestones(result: Timeline) -> tuple[FurtherMilestone, ...]:
    facts, episode = result.facts, result.episode
    end = facts.employment_end
    # Art. 29 lid 2 sub c: sick when the employment ends, the episode still running on its last day.
    leaving = last_working_day(end) if end and episode.is_sick_on(end.toordinal()) else None
    report_due = None if leaving is None or facts.safety_net == "organ_donation" else leaving
    long_enough = leaving is not None and (leaving - result.first_sick_day).days >= (
        REINTEGRATION_REPORT_WEEKS_DAYS
    )
    reintegration_due = leaving if long_enough else None
    expert_due = expert_window = None
    if "own_company_return_expected" not in {e.type for e in facts.events}:
        day = episode.day_of(LABOUR_EXPERT_SICK_DAYS)
        if not episode.ended_before(day):
            expert_due = date.fromordinal(day)
            expert_window = date.fromordinal(episode.day_of(LABOUR_EXPERT_WINDOW_SICK_DAYS))
    rows = (
        (EMPLOYMENT_END_REPORT, report_due, None, EMPLOYMENT_END_REPORT_BASIS, True),
        (
            EMPLOYMENT_END_REINTEGRATION_REPORT,
            reintegration_due,
            None,
            EMPLOYMENT_END_REPORT_BASIS,
            True,
        ),
        (LABOUR_EXPERT_ASSESSMENT, expert_due, expert_window, LABOUR_EXPERT_BASIS, False),
    )
    result_rows = []
    for kind, due, window, rule_basis, statutory in rows:
        done_on = _first_event(result, kind)
        result_rows.append(
            FurtherMilestone(
                kind,
                due,
                window,
                _status(due, done_on, result),
                done_on,
                "employer",
                rule_basis,
                statutory,
            )
        )
    return tuple(result_rows)
