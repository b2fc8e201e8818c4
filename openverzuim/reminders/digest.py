"""The daily reminders job: recompute every open case's duties and mail each user their duties once.

Idempotent: a `DigestSent` row per user and day is written in the same transaction as the mail goes
out, so a second run on the same day sends nothing, and a failed send leaves no row behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openverzuim.accounts.models import User
from openverzuim.cases.costs import costs_recompute
from openverzuim.cases.duties import duties_recompute
from openverzuim.cases.models import Case

from .labels import item_label, item_url
from .models import DigestSent
from .selectors import digest_items, digest_recipients


@dataclass(frozen=True)
class Summary:
    day: str
    open_cases: int
    cases_with_overdue_duties: int
    digests_sent: int
    digests_already_sent: int


def refresh_open_cases(today: date) -> tuple[int, int]:
    """Recompute every open case's duties in bulk, and the monthly costs a new pay engine changed;
    count the cases behind on a duty."""
    recomputed = duties_recompute(today)
    costs_recompute(today)
    behind = Case.objects.filter(closed_on__isnull=True, next_due_on__lt=today).count()
    return recomputed.cases, behind


def send_digest(user: User, today: date) -> bool | None:
    """Mail the user's duties for the coming week. True sent, False already sent today, None nothing to send."""
    items = digest_items(user=user, today=today)
    if not items:
        return None
    with transaction.atomic():
        _row, created = DigestSent.objects.get_or_create(
            user=user, day=today, defaults={"duties": len(items)}
        )
        if not created:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            lines = [
                {
                    "day": date_format(i.day, "D j M"),
                    "label": item_label(i),
                    "overdue": i.overdue,
                    "name": i.case.employee.full_name,
                    "url": item_url(i),
                }
                for i in items
            ]
            subject = ngettext(
                "Open Verzuim: %(n)d duty for %(day)s",
                "Open Verzuim: %(n)d duties for %(day)s",
                len(items),
            ) % {"n": len(items), "day": date_format(today, "j F Y")}
            body = render_to_string(
                "reminders/email/digest.txt",
                {
                    "user": user,
                    "lines": lines,
                    "today": today,
                    "calendar_hint": _("Your duties also come to your calendar: see %(url)s")
                    % {"url": settings.SITE_URL.rstrip("/") + reverse("reminders:calendar")},
                },
            )
        send_mail(subject, body, None, [user.email])
    return True


def run(today: date) -> Summary:
    open_cases, behind = refresh_open_cases(today)
    results = [send_digest(user, today) for user in digest_recipients()]
    return Summary(today.isoformat(), open_cases, behind, results.count(True), results.count(False))
