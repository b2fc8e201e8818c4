"""What the employer may know from the physician: the ONLY module of medical/ that employer-side
code imports (the import-linter contract `medical-behind-disclosures` enforces it).

It hands out plain, immutable values built from the physician's releases (law.md §8.2: functional
limitations and possibilities, expected duration, advice on work and adjustments). It never touches
the vault. The caller passes a case it obtained through its own scoping selector, and records the
read in the audit trail as part of that case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openverzuim.cases.models import Case

from .models import Release


@dataclass(frozen=True, slots=True)
class Disclosure:
    case_id: int
    released_on: date
    limitations: str
    possibilities: str
    expected_duration: str
    work_advice: str
    author_name: str


def _disclosure(release: Release) -> Disclosure:
    return Disclosure(case_id=release.case_id, released_on=release.released_on,
                      limitations=release.limitations, possibilities=release.possibilities,
                      expected_duration=release.expected_duration,
                      work_advice=release.work_advice, author_name=release.author_name)


def releases_for(case: Case) -> tuple[Disclosure, ...]:
    """Every release of `case`, newest first."""
    return tuple(_disclosure(release) for release in Release.objects.filter(case_id=case.pk))


def latest_release(case: Case) -> Disclosure | None:
    release = Release.objects.filter(case_id=case.pk).first()
    return _disclosure(release) if release else None
