"""The reads of notifications: always one person's own rows."""

from __future__ import annotations

from django.db.models import QuerySet

from openverzuim.accounts.models import User

from .kinds import DIGEST, KINDS, kinds_for
from .models import Notification, NotificationPreference

#: The most notifications one digest lists; the rest wait in the app's list.
DIGEST_ROWS = 100


def notifications_for(*, user: User) -> QuerySet[Notification]:
    """The user's own notifications, newest first (the inbox index)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(*, user: User) -> int:
    """One COUNT on the inbox index: what the bell in the header shows."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def digest_pending(*, user: User, limit: int = DIGEST_ROWS) -> list[Notification]:
    """The user's notifications waiting for the daily e-mail, oldest first, at most `limit`."""
    return list(
        Notification.objects.filter(
            recipient=user, delivery=DIGEST, mailed_at__isnull=True
        ).order_by("created_at", "pk")[:limit]
    )


def digest_waiting() -> QuerySet[Notification]:
    """Every notification waiting for a digest: the digest job's recipients start from here."""
    return Notification.objects.filter(delivery=DIGEST, mailed_at__isnull=True)


def preferences_for(*, user: User, roles: set[str]) -> dict[str, str]:
    """kind -> delivery for each kind meant for `roles`: the user's choice, else the default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.code: chosen.get(kind.code, kind.default) for kind in kinds_for(roles)}


__all__ = ["KINDS", "digest_pending", "notifications_for", "preferences_for", "unread_count"]
