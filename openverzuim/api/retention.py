"""Retention of the API's own rows (accounts/retention.py explains the sweep): the stored answers of
idempotent POSTs hold dossier data (a sick report's answer names the employee), so they are kept only
as long as a retry may come: IDEMPOTENCY_DAYS. Like the forms remembered against being sent twice,
they are no dossier of their own and go without an audit entry each.

A whole-organisation export is kept EXPORT_HOURS after it was written (api.export_runs): then its
file and its row go, written or failed.

Webhook events (core.OutboxEvent) and their delivery log are kept WEBHOOK_EVENT_DAYS: long enough
to look into a failed delivery and send it again, not as a second record of the dossier."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from openverzuim.accounts.retention import Removal
from openverzuim.core.models import OutboxEvent

from .export_runs import EXPORT_HOURS, expired_runs, export_remove
from .models import IdempotentRequest

#: How long a retry with the same Idempotency-Key gets the first answer (docs/api.md).
IDEMPOTENCY_DAYS = 1
#: How long a webhook event and its deliveries stay in the log (docs/api.md, "Webhooks").
WEBHOOK_EVENT_DAYS = 30


def sweep(*, today: date, execute: bool) -> list[Removal]:
    expired = IdempotentRequest.objects.filter(
        created_at__date__lt=today - timedelta(days=IDEMPOTENCY_DAYS)
    ).order_by("pk")
    removals = [
        Removal(
            "idempotent API answer", pk, None, f"sent {sent:%Y-%m-%d}, kept {IDEMPOTENCY_DAYS} day"
        )
        for pk, sent in expired.values_list("pk", "created_at")
    ]
    # Only events already made into deliveries: one still waiting is the next run's to send.
    events = OutboxEvent.objects.filter(
        created_at__date__lt=today - timedelta(days=WEBHOOK_EVENT_DAYS), dispatched_at__isnull=False
    ).order_by("pk")
    sent = [
        Removal(
            "webhook event",
            pk,
            organisation_id,
            f"sent {at:%Y-%m-%d}, kept {WEBHOOK_EVENT_DAYS} days",
        )
        for pk, organisation_id, at in events.values_list("pk", "organisation_id", "created_at")
    ]
    if execute:
        IdempotentRequest.objects.filter(pk__in=[r.object_id for r in removals]).delete()
        OutboxEvent.objects.filter(pk__in=[r.object_id for r in sent]).delete()
    # the sweep's day, from its start: an export written yesterday morning is gone today
    start = timezone.make_aware(datetime.combine(today, time.min))
    for run in expired_runs(start).order_by("pk"):
        removals.append(
            Removal(
                "organisation export",
                run.pk,
                run.organisation_id,
                f"written {run.finished_at or run.created_at:%Y-%m-%d %H:%M}, kept {EXPORT_HOURS} h",
            )
        )
        if execute:
            export_remove(run)
    return removals + sent
