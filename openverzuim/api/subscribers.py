"""The API's subscription to the events outbox (core/outbox.py), registered in ApiConfig.ready():
when a transaction that emitted events commits, the webhooks send them (api/webhooks.py)."""

from __future__ import annotations

from openverzuim.core.models import OutboxEvent

from .models import WebhookEndpoint
from .webhooks import send_webhooks


def outbox_committed() -> None:
    """core.outbox: an event was committed. Only if some endpoint exists is the queue bothered."""
    if WebhookEndpoint.objects.filter(active=True).exists():
        send_webhooks.enqueue()
    else:  # no endpoint anywhere: what waits would go to no one
        OutboxEvent.objects.filter(dispatched_at__isnull=True).delete()
