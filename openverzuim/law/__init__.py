"""The Wet verbetering poortwachter as code: pure Python, no Django, no clock, no I/O outside cli.py.

The public API; the Django apps, the API and the reminders job use only these names.
"""

from .citations import Basis, Citation, Source
from .contract import ContractError, compute, parse_case, render
from .counting import CHAIN_LIMIT_FIT_DAYS, fit_days_between, joins_episode
from .explain import explain, how_computed
from .facts import (
    EVENT_TYPES,
    MAX_WAGE_SANCTION_WEEKS,
    MILESTONE_IDS,
    CaseFacts,
    Event,
    Leave,
    SicknessPeriod,
    WageSanction,
)
from .milestones import FACTS, MILESTONE_RULES, Rule, Text
from .pay import EmploymentTerms, PaySchedule, Resumption, WageMeasure, pay_schedule
from .timeline import Milestone, Timeline, timeline, with_wage_sanction

__all__ = [
    "CHAIN_LIMIT_FIT_DAYS",
    "EVENT_TYPES",
    "FACTS",
    "MAX_WAGE_SANCTION_WEEKS",
    "MILESTONE_IDS",
    "MILESTONE_RULES",
    "Basis",
    "CaseFacts",
    "Citation",
    "ContractError",
    "EmploymentTerms",
    "Event",
    "Leave",
    "Milestone",
    "PaySchedule",
    "Resumption",
    "Rule",
    "SicknessPeriod",
    "Source",
    "Text",
    "Timeline",
    "WageMeasure",
    "WageSanction",
    "compute",
    "explain",
    "fit_days_between",
    "how_computed",
    "joins_episode",
    "parse_case",
    "pay_schedule",
    "render",
    "timeline",
    "with_wage_sanction",
]
