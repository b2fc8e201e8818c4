"""The facts of a sickness case, as the engine takes them.

Frozen value types: the contract layer (`contract.py`) builds them from JSON, the Django side
(`cases/engine.py`) from the database. Validation of order and overlap lives in `contract.py`; the
engine assumes facts that passed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .milestones import FACTS, MILESTONE_RULES

#: The milestones of the contract, in the contract's table order (timeline-contract.md, "Milestones"):
#: the registry's (milestones.py).
MILESTONE_IDS = tuple(rule.id for rule in MILESTONE_RULES)
#: Event types that record a fact rather than fulfil a duty.
FACT_EVENT_TYPES = tuple(fact.id for fact in FACTS)
EVENT_TYPES = MILESTONE_IDS + FACT_EVENT_TYPES

#: Safety-net kinds (ZW art. 29a; art. 29 lid 2 sub e; art. 29b).
SAFETY_NET_KINDS = ("pregnancy", "organ_donation", "no_risk")
#: The employer may register *that* the safety net applies, not which one (law.md §8.1): the dossier
#: passes this value. The timeline is the same for every kind; only the contract names the kind.
SAFETY_NET_UNDISCLOSED = "undisclosed"
LEAVE_KINDS = ("pregnancy",)


@dataclass(frozen=True, slots=True)
class SicknessPeriod:
    """Incapacity for the agreed work. `end` is the last day of incapacity, or None while still sick."""

    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Leave:
    """Statutory pregnancy and maternity leave (WAZO): neither sick days nor fit days."""

    start: date
    end: date
    kind: str = "pregnancy"


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    date: date


#: WIA art. 25 lid 9: "Het tijdvak … is ten hoogste 52 weken."
MAX_WAGE_SANCTION_WEEKS = 52


@dataclass(frozen=True, slots=True)
class WageSanction:
    """A UWV wage sanction (WIA art. 25 lid 9), the date UWV confirmed its repair (lid 14) and, in
    contract v2, the date of UWV's decision imposing it (lid 10, 11 and 14, second sentence)."""

    weeks: int
    repair_confirmed_on: date | None = None
    decided_on: date | None = None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    sickness: tuple[SicknessPeriod, ...]
    leave: tuple[Leave, ...] = ()
    safety_net: str | None = None
    employment_end: date | None = None
    events: tuple[Event, ...] = ()
    voluntary_extension_weeks: int = 0
    wage_sanction: WageSanction | None = None
    #: Contract v2: the day the employee received UWV's letter about the WIA application (WIA art. 64
    #: lid 2 and 6).
    wia_letter_received_on: date | None = None
    #: Contract v2: the employee's date of birth, for the AOW age (BW 7:629 lid 2 sub b, law/aow.py).
    date_of_birth: date | None = None
