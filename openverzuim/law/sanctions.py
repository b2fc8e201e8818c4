"""Wage measures, dismissal for non-cooperation and UWV expert opinions: their preconditions as data.

BW 7:629 lid 3: "De werknemer heeft het in lid 1 bedoelde recht niet: …" (grounds a-f, a wage *stop*:
the wage for that time is lost for good). Lid 6: "De werkgever is bevoegd de betaling … op te schorten
voor de tijd, gedurende welke de werknemer zich niet houdt aan door de werkgever schriftelijk gegeven
redelijke voorschriften …" (a *suspension*: owed once the rules are kept, law.md §4.5). Lid 7: no
ground may be invoked unless the employee was told "onverwijld" once the suspicion arose; decision
D13 reads that as at most 2 working days (Awt art. 3 for the public holidays).
Dismissal for persistent non-cooperation (decision D18): BW 7:669 lid 3 sub e, with the preconditions
of 7:671b lid 5 (as numbered in the texts here) and the dismissal ban lifted by 7:670a lid 1.
Expert opinion: Wet SUWI art. 32 (the questions), 32a (fee, two weeks), BW 7:629a (its weight).

The checks return codes and numbers, never sentences: the apps word them in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .citations import AWT, BW7, SUWI, Basis, basis
from .parameters import value_on

SUSPENSION, STOP = "suspension", "stop"
MEASURE_KINDS = (SUSPENSION, STOP)
#: BW 7:629 lid 3 sub a-f stop the wage; lid 6 suspends it.
GROUNDS = {f"lid3_{sub}": STOP for sub in "abcdef"} | {"lid6": SUSPENSION}
#: "Onverwijld" (lid 7): more than this many working days after the cause became known is late (D13).
PROMPT_NOTICE_WORKING_DAYS = 2
#: SUWI art. 32a lid 3: "binnen een termijn van twee weken na ontvangst van het verzoek".
EXPERT_OPINION_DAYS = 14
ERROR, WARNING, OK = "error", "warning", "ok"


def ground_basis(ground: str) -> Basis:
    if ground not in GROUNDS:
        raise ValueError(f"ground: {ground!r} is not one of {sorted(GROUNDS)}")
    if ground == "lid6":
        return basis(BW7.art("629", lid="6"))
    return basis(BW7.art("629", lid="3", sub=ground[-1]))


# ── Working days (Algemene termijnenwet art. 3) ─────────────────────────────────────────────────
# Art. 3 lid 1: "Algemeen erkende feestdagen … zijn: de Nieuwjaarsdag, de Christelijke tweede Paas- en
# Pinksterdag, de beide Kerstdagen, de Hemelvaartsdag, de dag waarop de verjaardag van de Koning wordt
# gevierd en de vijfde mei." Lid 2: Good Friday counts as one. Lid 3 (days added by decree): not coded.
# Computed here because law/ imports nothing outside the standard library.
HOLIDAY_BASIS = basis(AWT.art("3", lid="1"), AWT.art("3", lid="2"))


def easter_sunday(year: int) -> date:
    """The Gregorian Easter Sunday (the anonymous Meeus/Jones/Butcher computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def royal_birthday(year: int) -> date:
    """King's Day on 27 April from 2014 (Queen's Day 30 April before); a Sunday moves it a day earlier."""
    day = date(year, 4, 27) if year >= 2014 else date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),
            easter + timedelta(days=1),
            easter + timedelta(days=39),
            easter + timedelta(days=50),
            royal_birthday(year),
            date(year, 5, 5),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def working_days_after(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count, day = 0, start + timedelta(days=1)
    while day <= end:
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


# ── Checks on one wage measure ──────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Check:
    """One finding: `code` names it for the app's wording, `severity` is error, warning or ok."""

    code: str
    severity: str
    basis: Basis
    working_days: int | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str
    ground: str
    cause_known_on: date
    employee_told_on: date | None
    start: date
    end: date | None = None
    written_warning_on: date | None = None
    rules_in_writing: bool = False  # lid 6: the control rules were given in writing
    complied_on: date | None = None  # lid 6: the day the employee kept the rules again


NOTICE_BASIS = basis(BW7.art("629", lid="7"), decision="D13")
WARNING_BASIS = basis(
    BW7.art("671b", lid="5", sub="a"),
    note="A written warning before a wage measure is practice (law.md §4.5), and "
    "one of the two routes to dismissal for non-cooperation.",
)


def measure_checks(measure: Measure, as_of: date) -> list[Check]:
    """Everything the employer must have done for the measure to hold, each met or not."""
    if GROUNDS.get(measure.ground) != measure.kind:
        raise ValueError(f"ground: {measure.ground!r} does not allow a wage {measure.kind}")
    checks = [_notice_check(measure, as_of)]
    warned = measure.written_warning_on is not None and measure.written_warning_on <= measure.start
    checks.append(
        Check(
            "warned_first" if warned else "no_written_warning",
            OK if warned else WARNING,
            WARNING_BASIS,
        )
    )
    if measure.kind == SUSPENSION:
        checks.append(
            Check(
                "rules_in_writing" if measure.rules_in_writing else "rules_not_in_writing",
                OK if measure.rules_in_writing else ERROR,
                ground_basis("lid6"),
            )
        )
    if measure.employee_told_on and measure.start < measure.employee_told_on:
        checks.append(Check("starts_before_notice", WARNING, NOTICE_BASIS))
    return checks


def _notice_check(measure: Measure, as_of: date) -> Check:
    if measure.employee_told_on is None:
        days = working_days_after(measure.cause_known_on, as_of)
        return Check(
            "not_told" if days > PROMPT_NOTICE_WORKING_DAYS else "tell_now",
            ERROR if days > PROMPT_NOTICE_WORKING_DAYS else WARNING,
            NOTICE_BASIS,
            days,
        )
    days = working_days_after(measure.cause_known_on, measure.employee_told_on)
    late = days > PROMPT_NOTICE_WORKING_DAYS
    return Check(
        "told_late" if late else "told_promptly", ERROR if late else OK, NOTICE_BASIS, days
    )


@dataclass(frozen=True, slots=True)
class BackPay:
    """Whether the wage withheld for `start`-`end` must still be paid, and why."""

    due: bool
    code: str  # suspension_complied, suspension_pending, stop_lost
    basis: Basis


def back_pay(measure: Measure) -> BackPay:
    """Suspension: owed in full once the employee keeps the rules again; stop: lost for good."""
    if measure.kind == STOP:
        return BackPay(False, "stop_lost", ground_basis(measure.ground))
    if measure.complied_on is None:
        return BackPay(False, "suspension_pending", ground_basis("lid6"))
    return BackPay(True, "suspension_complied", ground_basis("lid6"))


# ── Dismissal for non-cooperation (decision D18) ────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class DismissalFacts:
    written_warning: bool  # the employee was warned in writing to keep the 7:660a duties
    wage_stopped_with_notice: bool  # or the wage was stopped, told without delay (7:629 lid 7)
    expert_statement: bool  # a UWV expert opinion (7:629a) on the employee's duties
    expert_statement_unreasonable: bool = (
        False  # "tenzij … in redelijkheid niet … kan worden gevergd"
    )


DISMISSAL_GROUND = basis(BW7.art("669", lid="3", sub="e"), BW7.art("670a", lid="1"), decision="D18")


def dismissal_checks(facts: DismissalFacts) -> list[Check]:
    """BW 7:671b lid 5: the court refuses dissolution on 7:669 lid 3 sub e unless both are met."""
    warned = facts.written_warning or facts.wage_stopped_with_notice
    expert = facts.expert_statement or facts.expert_statement_unreasonable
    return [
        Check(
            "warned_or_wage_stopped" if warned else "not_warned",
            OK if warned else ERROR,
            basis(BW7.art("671b", lid="5", sub="a"), decision="D18"),
        ),
        Check(
            "expert_statement" if expert else "no_expert_statement",
            OK if expert else ERROR,
            basis(BW7.art("671b", lid="5", sub="b"), BW7.art("629a", lid="1"), decision="D18"),
        ),
    ]


def dismissal_possible(facts: DismissalFacts) -> bool:
    return all(check.severity == OK for check in dismissal_checks(facts))


# ── UWV expert opinion (deskundigenoordeel) ─────────────────────────────────────────────────────
#: The questions UWV answers (SUWI art. 32), by key.
EXPERT_QUESTIONS = {
    "incapacity": SUWI.art("32", lid="1"),  # is the employee unfit for work (a wage dispute)?
    "employee_duties": SUWI.art("32", lid="2"),  # does the employee keep the BW 7:660a duties?
    "suitable_work": SUWI.art("32", lid="3", sub="a"),  # is there suitable work?
    "employer_efforts": SUWI.art("32", lid="3", sub="b"),  # has the employer done enough?
}
REQUESTERS = ("employer", "employee")


@dataclass(frozen=True, slots=True)
class Fee:
    amount: Decimal
    provisional: str | None  # the missing parameter row (decision D16), if any
    basis: Basis


def expert_opinion_fee(requester: str, requested_on: date, *, for_dismissal: bool = False) -> Fee:
    """What UWV charges (SUWI art. 32a lid 2); free for an employer who needs it to ask dismissal."""
    if requester not in REQUESTERS:
        raise ValueError(f"requester: {requester!r} is not one of {REQUESTERS}")
    found = value_on("expert_opinion_fee", requested_on)
    fee_basis = basis(SUWI.art("32a", lid="2"), note=found.row.source)
    amount = Decimal("0") if requester == "employer" and for_dismissal else found.value[requester]
    return Fee(amount, found.missing, fee_basis)


def expert_opinion_expected(requested_on: date) -> date:
    """SUWI art. 32a lid 3: the opinion within two weeks of receipt (UWV says 2 to 4 in practice)."""
    return requested_on + timedelta(days=EXPERT_OPINION_DAYS)


EXPERT_OPINION_DUE_BASIS = basis(SUWI.art("32a", lid="3"))
#: Every citation this module can print, for tests/law/test_sanctions.py to resolve in the law texts.
ALL_BASES = (
    HOLIDAY_BASIS,
    NOTICE_BASIS,
    WARNING_BASIS,
    DISMISSAL_GROUND,
    EXPERT_OPINION_DUE_BASIS,
    basis(SUWI.art("32a", lid="2"), *EXPERT_QUESTIONS.values()),
    *(ground_basis(ground) for ground in GROUNDS),
    *(check.basis for check in dismissal_checks(DismissalFacts(False, False, False))),
)
