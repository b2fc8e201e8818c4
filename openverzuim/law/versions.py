"""Rules whose wording changed, as versions per period (issue: rules in force by date).

Each version says from when to when its text was in force, what the number is, and where the text is
(docs/law-texts/). Superseded versions are kept. The engine codes one version of each rule (`coded`);
a case is computed only when that version governs it, which our sources establish only for an episode
whose first sick day lies on or after the coded version's first day: an act's transitional law could
keep an earlier text for episodes that began before it, and the transitional provisions of the acts
below are not in our sources. An earlier first sick day is refused, naming the rule and why
(`check_first_sick_day`), never computed with a text that may not apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .citations import WIA, Citation

_EARLIER = "docs/law-texts/wet-wia-earlier-versions.md"
_CURRENT = "docs/law-texts/wet-wia.md"
VERZAMELWET_2013 = "Verzamelwet SZW 2013 (Stb. 2013, 236)"


@dataclass(frozen=True, slots=True)
class RuleVersion:
    """One wording of a rule: `weeks` as the text gives it, in force `valid_from`-`valid_until`
    (None: not known before the earliest text held / still in force)."""

    valid_from: date | None
    valid_until: date | None
    weeks: int | None  # None: the text counts otherwise (see `wording`)
    wording: str
    text: str
    coded: bool = False


@dataclass(frozen=True, slots=True)
class VersionedRule:
    id: str
    citation: Citation
    what: str  # in words, for the refusal
    versions: tuple[RuleVersion, ...]

    @property
    def coded(self) -> RuleVersion:
        return next(v for v in self.versions if v.coded)

    def in_force_on(self, day: date) -> RuleVersion | None:
        """The version whose text was in force on `day`, if our sources hold it."""
        for version in self.versions:
            starts = version.valid_from is None or version.valid_from <= day
            if starts and (version.valid_until is None or day <= version.valid_until):
                return version
        return None


_UNTIL_2011, _Y2012, _Y2013 = date(2011, 12, 31), date(2012, 1, 1), date(2013, 7, 1)
_UNTIL_2013 = date(2013, 6, 30)

RULES = (
    VersionedRule(
        "wia_letter",
        WIA.art("64", lid="2"),
        "UWV's letter by week 89",
        (
            RuleVersion(
                None,
                _UNTIL_2011,
                None,
                "uiterlijk 20 maanden na aanvang van de wachttijd",
                _EARLIER,
            ),
            RuleVersion(_Y2012, _UNTIL_2013, 87, "wachttijd 87 weken heeft geduurd", _EARLIER),
            RuleVersion(_Y2013, None, 89, "wachttijd 89 weken heeft geduurd", _CURRENT, coded=True),
        ),
    ),
    VersionedRule(
        "wia_application",
        WIA.art("64", lid="3"),
        "the application 11 weeks before the waiting time ends",
        (
            RuleVersion(
                None, _UNTIL_2013, 13, "dertien weken voor afloop van de wachttijd", _EARLIER
            ),
            RuleVersion(
                _Y2013, None, 11, "elf weken voor afloop van de wachttijd", _CURRENT, coded=True
            ),
        ),
    ),
    VersionedRule(
        "wia_letter_report",
        WIA.art("64", lid="6"),
        "the report before week 81 for a late letter's four weeks",
        (
            RuleVersion(
                None,
                _UNTIL_2011,
                None,
                "binnen vier weken nadat deze kennisgeving is ontvangen",
                _EARLIER,
            ),
            RuleVersion(_Y2012, _UNTIL_2013, 79, "wachttijd 79 weken heeft geduurd", _EARLIER),
            RuleVersion(_Y2013, None, 81, "wachttijd 81 weken heeft geduurd", _CURRENT, coded=True),
        ),
    ),
    VersionedRule(
        "reintegration_report",
        WIA.art("25", lid="3"),
        "the re-integration report 13 weeks before the end",
        (
            RuleVersion(None, _UNTIL_2013, 15, "vijftien weken voor het verstrijken", _EARLIER),
            RuleVersion(
                _Y2013, None, 13, "dertien weken voor het verstrijken", _CURRENT, coded=True
            ),
        ),
    ),
)
RULE_BY_ID = {rule.id: rule for rule in RULES}


def coded_weeks(rule_id: str) -> int:
    """The weeks of the version the engine codes (the owner of the timeline's constants)."""
    weeks = RULE_BY_ID[rule_id].coded.weeks
    if weeks is None:
        raise ValueError(f"{rule_id}: the coded version counts no weeks")
    return weeks


#: The first sick day from which every coded version certainly governs the episode.
EARLIEST_FIRST_SICK_DAY = max(rule.coded.valid_from or date.min for rule in RULES)


def refusal(first_sick_day: date) -> str | None:
    """Why an episode that starts on `first_sick_day` is not computed, or None when it is."""
    later = [r for r in RULES if first_sick_day < (r.coded.valid_from or date.min)]
    if not later:
        return None
    changed = sorted({r.coded.valid_from for r in later if r.coded.valid_from})
    return (
        f"a first sick day before {EARLIEST_FIRST_SICK_DAY} is not modelled: "
        f"{', '.join(r.citation.short() for r in later)} are coded as the {VERZAMELWET_2013} "
        f"worded them from {', '.join(str(day) for day in changed)} "
        f"({'; '.join(r.what for r in later)}); on {first_sick_day} they read otherwise "
        f"({_EARLIER}), and which "
        "text governs an episode that began earlier depends on transitional law our sources do "
        "not hold"
    )
