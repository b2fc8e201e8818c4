"""What changes notifications: `notify` (called by the services that perform an event), marking
read, and a person's delivery choices.

`notify` (one event) and `notify_all` (many, in a constant number of queries) write one row per
recipient and event; the unique (recipient, kind, dedupe_key) makes them idempotent, so the service
that calls them may run twice (a form sent again, a job retried) and nobody hears twice. They run
inside the caller's transaction: a change rolled back leaves no notification and no mail. An
immediate mail goes through Django's mail, which is core.mail.QueuedEmailBackend: queued with the
row, sent by a task after the commit, retried.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Event:
    """One event to tell `recipients` of; `dedupe_key` names it within the kind."""

    kind: str
    recipients: tuple[User, ...]
    organisation_id: int
    dedupe_key: str
    params: dict[str, str]
    case_id: int | None = None
    route: str = ""
    route_args: tuple[object, ...] = ()


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
    """Tell each recipient once of this event; returns the notifications written now. `params` are
    names and dates only: the kind's text is fixed."""
    event = Event(
        kind,
        tuple(recipients),
        organisation_id,
        dedupe_key,
        params,
        case_id,
        route,
        tuple(route_args),
    )
    return notify_all([event])


def notify_all(events: Iterable[Event]) -> list[Notification]:
    """Tell each recipient of each event once, in a constant number of queries for any number of
    events (the daily job tells of thousands of overdue duties at once); returns the notifications
    written now. Rows already written (the same event told before) are skipped; an immediate
    delivery is mailed at once."""
    events = list(events)
    for event in events:
        if event.kind not in KINDS:
            raise ValueError(f"unknown notification kind {event.kind!r}")
    wanted = {
        (user.pk, event.kind, event.dedupe_key): (user, event)
        for event in events
        for user in event.recipients
        if user.is_active
    }
    if not wanted:
        return []
    told = _already_told(wanted.keys())
    people = {pk for pk, _kind, _key in wanted}
    chosen = {
        (user_id, kind): delivery
        for user_id, kind, delivery in NotificationPreference.objects.filter(
            user_id__in=people, kind__in={kind for _pk, kind, _key in wanted}
        ).values_list("user_id", "kind", "delivery")
    }
    rows = [
        Notification(
            recipient=user,
            kind=event.kind,
            organisation_id=event.organisation_id,
            case_id=event.case_id,
            params=event.params,
            route=event.route,
            route_args=list(event.route_args),
            dedupe_key=event.dedupe_key,
            delivery=chosen.get((user.pk, event.kind), KINDS[event.kind].default),
        )
        for key, (user, event) in wanted.items()
        if key not in told
    ]
    try:
        with transaction.atomic():
            written = Notification.objects.bulk_create(rows)
    except IntegrityError:
        # A concurrent writer told some of them first: one row at a time, and theirs win.
        written = [row for row in rows if _save_once(row)]
    for notification in written:
        user = notification.recipient
        if notification.delivery == IMMEDIATE and user.email:
            _mail(notification, user)
            notification.mailed_at = timezone.now()
            notification.save(update_fields=["mailed_at"])
    return written


def _already_told(keys: Iterable[tuple[int, str, str]]) -> set[tuple[int, str, str]]:
    """Which (recipient, kind, dedupe key) have a row already: one query per kind and 1,000 keys."""
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for pk, kind, key in keys:
        by_kind.setdefault(kind, []).append((pk, key))
    told: set[tuple[int, str, str]] = set()
    for kind, pairs in by_kind.items():
        for i in range(0, len(pairs), 1000):
            chunk = pairs[i : i + 1000]
            rows = Notification.objects.filter(
                kind=kind,
                dedupe_key__in={key for _pk, key in chunk},
                recipient_id__in={pk for pk, _key in chunk},
            ).values_list("recipient_id", "dedupe_key")
            told.update((pk, kind, key) for pk, key in rows)
    return told


def _save_once(notification: Notification) -> bool:
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return False
    return True


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
