"""Retention (law.md D17): every app that keeps personal data past a term has a `retention.py` with

    def sweep(*, today: date, execute: bool) -> list[Removal]

which lists (and, with `execute`, removes) what is past its term, and writes an audit entry per
removal naming what went, never its content (audit.record_removal). The `retention` management
command runs them all. An app registers its module in its AppConfig.ready() (`register_modules(self.label,
retention=retention)`); medical/retention.py (the physician's file, 20 years) joins that way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from openverzuim.core.models import QueuedMail, Submission
from openverzuim.core.routes import project_modules
from openverzuim.core.submissions import KEEP

#: How long a message whose delivery was given up stays on the administrator's page.
GIVEN_UP_KEEP = timedelta(days=7)


@dataclass(frozen=True)
class Removal:
    kind: str  # e.g. "case", "employee"
    object_id: int
    organisation_id: int | None
    reason: str  # plain words, no personal data: "closed 2023-05-01, term 2 years"
    action: str = "delete"  # or "anonymise"


def years_after(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def sweep(*, today: date, execute: bool) -> list[Removal]:
    """The forms remembered against being sent twice (core.submissions), a day on, and the e-mails
    given up (core.mail) a week on. They are not
    dossier data, so they go without an audit entry each (which would only bury those about people)."""
    expired = Submission.objects.filter(created_at__date__lt=today - KEEP).order_by("pk")
    removals = [
        Removal("form submission", pk, None, f"sent {sent:%Y-%m-%d}, kept {KEEP.days} day")
        for pk, sent in expired.values_list("pk", "created_at")
    ]
    given_up = QueuedMail.objects.filter(given_up_at__date__lt=today - GIVEN_UP_KEEP).order_by("pk")
    mails = [
        Removal(
            "queued e-mail", pk, None, f"given up {day:%Y-%m-%d}, kept {GIVEN_UP_KEEP.days} days"
        )
        for pk, day in given_up.values_list("pk", "given_up_at")
    ]
    if execute:
        Submission.objects.filter(pk__in=[r.object_id for r in removals]).delete()
        QueuedMail.objects.filter(pk__in=[r.object_id for r in mails]).delete()
    return removals + mails


def sweep_all(*, today: date, execute: bool) -> dict[str, list[Removal]]:
    return {
        label: module.sweep(today=today, execute=execute)
        for label, module in project_modules("retention")
        if hasattr(module, "sweep")
    }
