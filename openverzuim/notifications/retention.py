"""Retention of notifications: a read notification goes a year after it was made. They hold no
dossier content (names and dates), so no audit entry is written per row (as core's form rows)."""

from __future__ import annotations

from datetime import date, timedelta

from openverzuim.accounts.retention import Removal

from .models import Notification

KEEP = timedelta(days=365)


def sweep(*, today: date, execute: bool) -> list[Removal]:
    expired = Notification.objects.filter(
        read_at__isnull=False, created_at__date__lt=today - KEEP
    ).order_by("pk")
    removals = [
        Removal("notification", pk, organisation_id, f"made {made:%Y-%m-%d}, read, kept 1 year")
        for pk, organisation_id, made in expired.values_list("pk", "organisation_id", "created_at")
    ]
    if execute:
        Notification.objects.filter(pk__in=[r.object_id for r in removals]).delete()
    return removals
