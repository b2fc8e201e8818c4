"""What the employer may know from the physician: the ONLY module of medical/ that employer-side
code imports (the import-linter contract `medical-behind-disclosures` enforces it).

It hands out plain, immutable values built from the physician's releases (law.md §8.2: functional
limitations and possibilities, expected duration, advice on work and adjustments). It never touches
the vault. The caller passes a case it obtained through its own scoping selector, and records the
read in the audit trail as part of that case (the fields it shows: `AUDIT_FIELDS`).

A release is never edited: a correction is a newer release. The newest release is the current
advice; the older ones are its history. A release that corrects an earlier one amends that advice
rather than giving a new one, so `new_advice` (what the employer must act on, law/assessment.py)
leaves corrections out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from openverzuim.cases.models import Case

from .models import Release

#: What a page that shows a release records in the audit trail as the fields it read.
AUDIT_FIELDS = "physician's advice"


@dataclass(frozen=True, slots=True)
class Disclosure:
    release_id: int
    case_id: int
    released_on: date
    limitations: str
    possibilities: str
    expected_duration: str
    work_advice: str
    author_name: str
    corrects_released_on: date | None  # the date of the release this one corrects, if any


def _disclosure(release: Release, corrects_released_on: date | None) -> Disclosure:
    return Disclosure(
        release_id=release.pk,
        case_id=release.case_id,
        released_on=release.released_on,
        limitations=release.limitations,
        possibilities=release.possibilities,
        expected_duration=release.expected_duration,
        work_advice=release.work_advice,
        author_name=release.author_name,
        corrects_released_on=corrects_released_on,
    )


def releases_for(case: Case) -> tuple[Disclosure, ...]:
    """Every release of `case`, newest first: the current advice and its history. Uses the
    caller's `prefetch_related("medical_releases")` when present."""
    releases = sorted(
        case.medical_releases.all(), key=lambda r: (r.released_on, r.pk), reverse=True
    )
    dates: dict[int | None, date] = {release.pk: release.released_on for release in releases}
    return tuple(_disclosure(release, dates.get(release.corrects_id)) for release in releases)


def released_since(cases: QuerySet[Case, Any], since: date) -> tuple[Disclosure, ...]:
    """The releases dated `since` or later in `cases` (a scoped queryset), newest first."""
    releases = (
        Release.objects.filter(case__in=cases, released_on__gte=since)
        .select_related("corrects")
        .order_by("-released_on", "-pk")
    )
    return tuple(
        _disclosure(release, release.corrects.released_on if release.corrects else None)
        for release in releases
    )


def latest_release(case: Case) -> Disclosure | None:
    """The current advice: the newest release."""
    releases = releases_for(case)
    return releases[0] if releases else None


def new_advice(case: Case) -> tuple[Disclosure, ...]:
    """The releases that give advice rather than correct an earlier one, newest first."""
    return tuple(release for release in releases_for(case) if release.corrects_released_on is None)


def releases_restore(rows: list[dict[str, Any]]) -> int:
    """Recreate releases from their disclosures (an organisation's import, api.org_import): the
    same ids, cases, dates and words. Who released one is kept by name (the login belongs to the
    former provider's physician); a correction points at the release of its case and date that
    came before it. Run inside the importer's transaction."""
    created: dict[tuple[int, date], Release] = {}
    for row in sorted(rows, key=lambda r: (r["released_on"], r["release_id"])):
        released_on = date.fromisoformat(row["released_on"])
        corrects = row.get("corrects_released_on")
        release = Release(
            pk=row["release_id"],
            case_id=row["case_id"],
            released_on=released_on,
            limitations=row["limitations"],
            possibilities=row["possibilities"],
            expected_duration=row["expected_duration"],
            work_advice=row["work_advice"],
            author=None,
            author_name=row["author_name"],
            corrects=created.get((row["case_id"], date.fromisoformat(corrects)))
            if corrects
            else None,
        )
        release.save(force_insert=True)
        created[(row["case_id"], released_on)] = release
    return len(created)
