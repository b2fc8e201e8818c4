"""The end of the wage duty: BW 7:629 lid 1 and 11, with the WIA application's terms (WIA art. 64
lid 3 and 6) and UWV's wage sanction (WIA art. 25 lid 9-14). timeline.py hands in the episode's dates
as ordinals (counting.py) and keeps the milestones; this module keeps what moves the last day of pay.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .aow import AowLimit, aow_limit
from .citations import BW7, WIA, basis
from .counting import Episode
from .facts import CaseFacts
from .versions import coded_weeks

# WIA art. 64 lid 3: the application "uiterlijk elf weken voor afloop van de wachttijd".
# The version in force from 2013-07-01 (law/versions.py; earlier: thirteen weeks).
WIA_APPLICATION_DAYS_BEFORE_END = 7 * coded_weeks("wia_application")

# BW 7:629 lid 1 (104 weeks) and lid 11: extended by a late WIA application (sub a), the voluntary
# extension (sub b) and a wage sanction (sub c; WIA art. 25 lid 9, ended early by lid 14).
WAGE_CONTINUATION_BASIS = basis(
    BW7.art("629", lid="1"),
    BW7.art("629", lid="11"),
    WIA.art("25", lid="9"),
    WIA.art("25", lid="14"),
)
SANCTION_AFTER_REPAIR_DAYS = (
    42  # WIA art. 25 lid 14: "eindigt zes weken nadat het UWV heeft vastgesteld …"
)
# WIA art. 25 lid 10: UWV decides on the sanction "uiterlijk zes weken voor de afloop van de wachttijd"
# (or of the extended period of art. 24, or, after a late application, of BW 7:629 lid 11 sub a).
SANCTION_DECISION_DAYS_BEFORE_END = 42
SANCTION_DECISION_BASIS = basis(
    WIA.art("25", lid="10"), WIA.art("25", lid="11"), WIA.art("25", lid="14"), decision="C19"
)


class WageContinuation(NamedTuple):
    """The last day of the duty to pay and what moved it (BW 7:629 lid 1 and lid 11)."""

    last_day: date
    waiting_time_last_day: date  # as if the last period went on, extension included
    late_application_days: int
    sanction_last_day: date | None
    capped_by: str | None  # "recovery", "employment_end", "aow_age" (contract v2) or None
    # Contract v2 (WIA art. 25 lid 10, 11 and 14): the day by which UWV had to decide on the sanction,
    # the days by which a late decision shortened it, and whether it lapsed (decided after the end).
    sanction_decision_due: date | None = None
    sanction_shortened_days: int = 0
    sanction_lapsed: bool = False
    # Contract v2 with a date of birth: BW 7:629 lid 2 sub b (law/aow.py).
    aow: AowLimit | None = None


# WIA art. 64 lid 2: UWV tells the employee in writing "uiterlijk op de dag waarop de wachttijd 89
# weken heeft geduurd" (the day S = 623); with a voluntary extension, with its decision (second
# sentence: a date the contract does not carry, so contract.py refuses the letter then). Lid 6: "Een
# aanvraag wordt geacht tijdig te zijn ingediend indien … bij een latere kennisgeving … de aanvraag
# wordt ingediend binnen vier weken nadat deze kennisgeving is ontvangen. Dit lid is niet van
# toepassing indien de werkgever de aangifte, bedoeld in artikel 38, eerste lid, van de Ziektewet,
# niet heeft gedaan voor de dag waarop de wachttijd 81 weken heeft geduurd" (before the day S = 567).
# The contract carries the day of receipt; a letter received after the day S = 623 is the later
# notice (decision C18). Lid 6's first case (no notice at all) is not coded: "no letter" cannot be told
# apart from "letter not recorded".
WIA_LETTER_SICK_DAYS = 7 * coded_weeks("wia_letter")  # 89 weeks (law/versions.py)
WIA_LETTER_GRACE_DAYS = 7 * 4
WIA_LETTER_REPORT_SICK_DAYS = 7 * coded_weeks("wia_letter_report")  # 81 weeks
WIA_LETTER_BASIS = basis(WIA.art("64", lid="2"), WIA.art("64", lid="6"), decision="C18")


def letter_due(facts: CaseFacts, episode: Episode, report: int | None) -> int | None:
    """The last day of lid 6's four weeks when UWV's letter came late and the report was in time."""
    if facts.wia_letter_received_on is None:
        return None
    received = facts.wia_letter_received_on.toordinal()
    if received <= episode.day_of(WIA_LETTER_SICK_DAYS):
        return None  # the letter was in time: lid 3 alone
    if report is None or report >= episode.day_of(WIA_LETTER_REPORT_SICK_DAYS):
        return None  # lid 6, second sentence
    return received + WIA_LETTER_GRACE_DAYS


def wage_continuation(
    facts: CaseFacts, episode: Episode, waiting_last: int, applied: int | None, letter: int | None
) -> WageContinuation:
    """BW 7:629 lid 1 and lid 11; WIA art. 25 lid 9 and 14 (timeline-contract.md, "Other output")."""
    last = waiting_last
    # lid 11 sub a: a late WIA application extends the period "met de duur van de vertraging".
    late = 0
    if applied is not None:
        # The term "voorgeschreven" by WIA art. 64: lid 3, or lid 6's four weeks after a late letter.
        due = waiting_last - WIA_APPLICATION_DAYS_BEFORE_END
        if letter is not None:
            due = max(due, letter)
        late = max(0, applied - due)
        last += late
    # WIA art. 25 lid 9: the sanction runs from the next day, at most 52 weeks (checked on input,
    # facts.MAX_WAGE_SANCTION_WEEKS); lid 14: it ends six
    # weeks after UWV confirmed the repair, if that is earlier.
    sanction_last = decision_due = None
    shortened, lapsed = 0, False
    sanction = facts.wage_sanction
    if sanction is not None:
        # Lid 10: the decision is due six weeks before the end of the period it extends (`last`).
        decision_due = last - SANCTION_DECISION_DAYS_BEFORE_END
        decided = None if sanction.decided_on is None else sanction.decided_on.toordinal()
        if decided is not None and decided > last:
            lapsed = True  # lid 11: "Verlenging … vindt niet plaats" when decided after the end
        else:
            sanction_last = last + 7 * sanction.weeks
            if sanction.repair_confirmed_on is not None:
                repaired = sanction.repair_confirmed_on.toordinal() + SANCTION_AFTER_REPAIR_DAYS
                sanction_last = min(sanction_last, repaired)
            # Lid 14, second sentence: a late decision ends the period "zoveel eerder als de
            # beschikking later is afgegeven".
            shortened = 0 if decided is None else max(0, decided - decision_due)
            sanction_last = max(last, sanction_last - shortened)
            last = sanction_last
    # BW 7:629 lid 2 sub b: from the AOW age six (or thirteen) weeks, within the period reached so far.
    capped_by = None
    aow = None
    if facts.date_of_birth is not None:
        aow = aow_limit(facts.date_of_birth, episode, date.fromordinal(last))
        if aow.status == "applied":
            last, capped_by = aow.last_day.toordinal(), "aow_age"
    # Recovery ends the duty, also during a sanction; so does the end of the contract (BW 7:629 lid 1).
    recovered = episode.last_sick_day
    if recovered is not None and recovered < last:
        last, capped_by = recovered, "recovery"
    end = facts.employment_end.toordinal() if facts.employment_end else None
    if end is not None and end < last:
        last, capped_by = end, "employment_end"
    return WageContinuation(
        date.fromordinal(last),
        date.fromordinal(waiting_last),
        late,
        date.fromordinal(sanction_last) if sanction_last is not None else None,
        capped_by,
        date.fromordinal(decision_due) if decision_due is not None else None,
        shortened,
        lapsed,
        aow,
    )
