"""What changes notifications: `notify` (called by the services that perform an event), marking
read, and a person's delivery choices.

`notify` writes one row per recipient and event; the unique (recipient, kind, dedupe_key) makes it
idempotent, so the service that calls it may run twice (a form sent again, a job retried) and
nobody hears twice. It runs inside the caller's transaction: a change rolled back leaves no
notification and no mail. An immediate mail goes through Django's mail, which is
core.mail.QueuedEmailBackend: queued with the row, sent by a task after the commit, retried.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from openverzuim.accounts.models import User
from openverzuim.accounts.policies import roles_of

from .kinds import DELIVERIES, IMMEDIATE, KINDS
from .models import Notification, NotificationPreference
from .text import link, render


def _mail(notification: Notification, user: User) -> None:
    """One e-mail for one notification, in the site's language (the digest's too)."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render(notification)
        path = link(notification, roles_of(user), user.is_staff)
        site = settings.SITE_URL.rstrip("/")
        body = render_to_string(
            "notifications/email/notification.txt",
            {
                "user": user,
                "text": text,
                "url": site + path if path else "",
                "preferences_url": site + reverse("notifications:preferences"),
            },
        )
        send_mail(f"Open Verzuim: {text}", body, None, [user.email])


def notify(
    *,
    kind: str,
    recipients: Iterable[User],
    organisation_id: int,
    dedupe_key: str,
    params: dict[str, str],
    case_id: int | None = None,
    route: str = "",
    route_args: Iterable[object] = (),
) -> list[Notification]:
    """Tell each recipient once of this event (`dedupe_key` names it within the kind); returns the
    notifications written now. `params` are names and dates only: the kind's text is fixed."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    people = {user.pk: user for user in recipients if user.is_active}
    if not people:
        return []
    told = set(
        Notification.objects.filter(
            kind=kind, dedupe_key=dedupe_key, recipient_id__in=list(people)
        ).values_list("recipient_id", flat=True)
    )
    chosen = dict(
        NotificationPreference.objects.filter(kind=kind, user_id__in=list(people)).values_list(
            "user_id", "delivery"
        )
    )
    written = []
    for pk, user in people.items():
        if pk in told:
            continue
        notification = Notification(
            recipient=user,
            kind=kind,
            organisation_id=organisation_id,
            case_id=case_id,
            params=params,
            route=route,
            route_args=list(route_args),
            dedupe_key=dedupe_key,
            delivery=chosen.get(pk, KINDS[kind].default),
        )
        try:
            with transaction.atomic():  # a concurrent writer of the same event wins; no second row
                notification.save()
        except IntegrityError:
            continue
        if notification.delivery == IMMEDIATE and user.email:
            _mail(notification, user)
            notification.mailed_at = timezone.now()
            notification.save(update_fields=["mailed_at"])
        written.append(notification)
    return written


@transaction.atomic
def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of `user`'s own notifications read; another's is not found (Notification.DoesNotExist)."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Store `user`'s delivery per kind; a choice equal to the kind's default removes the row."""
    allowed = {code for code, _label in DELIVERIES}
    for kind, delivery in choices.items():
        if kind not in KINDS or delivery not in allowed:
            raise ValueError(f"no such kind or delivery: {kind!r}, {delivery!r}")
        if delivery == KINDS[kind].default:
            NotificationPreference.objects.filter(user=user, kind=kind).delete()
        else:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
