"""The outbox: events for other systems, written by the services where things happen.

The services of cases, documents and measures sit below the API, so they cannot call its webhooks;
nor do we use Django's signal framework for domain events (style.md §2.1). Instead a service calls
`emit()`, which writes an `OutboxEvent` row inside the service's transaction: the event exists
exactly when the change does. Once the transaction commits, every app that registered a
"subscribers" module (core.routes.register_modules) is told through its `outbox_committed()`; the API
turns the waiting rows into signed webhook deliveries (api/webhooks.py, docs/api.md "Webhooks").

`emit` with the same `dedupe_key` twice records one event: a job run twice sends nothing twice.
Payloads carry ids, dates and codes, never a note, a diagnosis or any other free text.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .models import OutboxEvent
from .routes import project_modules


class OutboxKind(models.TextChoices):
    CASE_OPENED = "case.opened", _("A case opened (sick report)")
    CASE_RECOVERED = "case.recovered", _("Recovery reported")
    CASE_CLOSED = "case.closed", _("A case closed")
    CASE_ASSIGNED = "case.assigned", _("Who works on a case changed")
    DUTY_DUE = "duty.due", _("A duty falls due")
    DUTY_OVERDUE = "duty.overdue", _("A duty is overdue")
    DOCUMENT_SIGNED = "document.signed", _("A document is signed by all parties")
    WAGE_MEASURE_RECORDED = "wage_measure.recorded", _("A wage suspension or stop recorded")


#: Values a payload may hold: ids, codes and dates, so that no free text can slip in.
Value = int | str | bool | None


def new_event_id() -> str:
    return f"msg_{secrets.token_urlsafe(18)}"


def _jsonable(data: dict[str, Value | date | datetime]) -> dict[str, Value]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in data.items()}


def emit(
    organisation_id: int, kind: OutboxKind, data: dict[str, Value | date | datetime], *, key: str
) -> None:
    """Record that `kind` happened in the organisation, once per `key`, inside the caller's
    transaction; the subscribers hear of it when that commits."""
    emit_many([(organisation_id, kind, data, key)])


def emit_many(events: list[tuple[int, OutboxKind, dict, str]]) -> int:
    """`emit` for many events at once (the daily duty scan); returns how many were new."""
    rows = [
        OutboxEvent(
            event_id=new_event_id(),
            organisation_id=organisation_id,
            kind=kind,
            data=_jsonable(data),
            dedupe_key=key,
        )
        for organisation_id, kind, data, key in events
    ]
    if not rows:
        return 0
    known = set(
        OutboxEvent.objects.filter(dedupe_key__in=[r.dedupe_key for r in rows]).values_list(
            "dedupe_key", flat=True
        )
    )
    new = [r for r in rows if r.dedupe_key not in known]
    # ignore_conflicts: a concurrent run that inserted the same key in between wins, once.
    OutboxEvent.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        for _label, module in project_modules("subscribers"):
            # robust: a subscriber that cannot be reached now picks the rows up on its next run.
            transaction.on_commit(module.outbox_committed, robust=True)
    return len(new)
