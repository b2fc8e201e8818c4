"""The daily reminders job: recompute every open case's duties, notify of duties that became
overdue and tasks due (reminders.due_notices), and mail each person one digest: the employer side
her duties, everyone the notifications she chose to get in the daily e-mail, grouped by kind.

Idempotent: a `DigestSent` row per user and day is written in the same transaction as the mail goes
out (and the notifications it lists are marked mailed), so a second run on the same day sends
nothing, and a failed send leaves no row behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openverzuim.accounts.models import User
from openverzuim.accounts.policies import roles_of
from openverzuim.cases.costs import costs_recompute
from openverzuim.cases.duties import duties_recompute
from openverzuim.cases.models import Case
from openverzuim.cases.statistics_rollup import statistics_fill_missing
from openverzuim.core.templatetags.formats import short_date
from openverzuim.notifications.kinds import KINDS
from openverzuim.notifications.models import Notification
from openverzuim.notifications.selectors import digest_pending
from openverzuim.notifications.text import link, render

from .due_notices import notify_due
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
    """Recompute every open case's duties in bulk, the monthly costs a new pay engine changed, and
    the statistics rollup of an employer whose data predates it; count the cases behind on a duty."""
    statistics_fill_missing()  # first: the costs' refresh below adds to whatever totals exist
    recomputed = duties_recompute(today)
    costs_recompute(today)
    behind = Case.objects.filter(closed_on__isnull=True, next_due_on__lt=today).count()
    return recomputed.cases, behind


def _groups(notifications: list[Notification], user: User) -> list[dict]:
    """The notifications by kind, in the registry's order: a heading and its lines with links."""
    site = settings.SITE_URL.rstrip("/")
    roles = roles_of(user)
    groups = []
    for code, kind in KINDS.items():
        lines = []
        for n in notifications:
            if n.kind == code:
                path = link(n, roles, user.is_staff)
                lines.append({"text": render(n), "url": site + path if path else ""})
        if lines:
            groups.append({"label": str(kind.label), "lines": lines})
    return groups


def send_digest(user: User, today: date, employer_side: bool = True) -> bool | None:
    """Mail the user's duties for the coming week (the employer side) and her notifications waiting
    for the digest. True sent, False already sent today, None nothing to send."""
    if DigestSent.objects.filter(user=user, day=today).exists():
        return False  # before the work of building it: a second run the same day is cheap
    items = digest_items(user=user, today=today) if employer_side else []
    pending = digest_pending(user=user)
    # An overdue duty, a task or an advice is a line of the duties already: not listed twice.
    shown = [n for n in pending if not (items and KINDS[n.kind].in_duty_digest)]
    if not items and not shown:
        return None
    with transaction.atomic():
        _row, created = DigestSent.objects.get_or_create(
            user=user, day=today, defaults={"duties": len(items)}
        )
        if not created:
            return False
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(mailed_at=timezone.now())
        with translation.override(settings.LANGUAGE_CODE):
            lines = [
                {
                    "day": short_date(i.day, "weekday"),
                    "label": item_label(i),
                    "overdue": i.overdue,
                    "name": i.case.employee.full_name,
                    "url": item_url(i),
                }
                for i in items
            ]
            subject = (
                ngettext(
                    "Open Verzuim: %(n)d duty for %(day)s",
                    "Open Verzuim: %(n)d duties for %(day)s",
                    len(items),
                )
                % {"n": len(items), "day": date_format(today, "j F Y")}
                if items
                else ngettext(
                    "Open Verzuim: %(n)d notification of %(day)s",
                    "Open Verzuim: %(n)d notifications of %(day)s",
                    len(shown),
                )
                % {"n": len(shown), "day": date_format(today, "j F Y")}
            )
            body = render_to_string(
                "reminders/email/digest.txt",
                {
                    "user": user,
                    "lines": lines,
                    "groups": _groups(shown, user),
                    "today": today,
                    "calendar_hint": _("Your duties also come to your calendar: see %(url)s")
                    % {"url": settings.SITE_URL.rstrip("/") + reverse("reminders:calendar")},
                },
            )
        send_mail(subject, body, None, [user.email])
    return True


def run(today: date) -> Summary:
    open_cases, behind = refresh_open_cases(today)
    notify_due(today)
    results = [
        send_digest(user, today, user.employer_side)  # type: ignore[attr-defined]
        for user in digest_recipients()
    ]
    return Summary(today.isoformat(), open_cases, behind, results.count(True), results.count(False))
