"""The organisation administrator's webhook endpoints: a policy row of their own
("manage_webhooks"), every change audited. Delivery itself is api/webhooks.py."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import Organisation, User
from openverzuim.accounts.policies import grants, organisations_for, roles_in
from openverzuim.core.models import OutboxEvent
from openverzuim.core.outbox import OutboxKind, new_event_id

from . import webhooks
from .models import WebhookDelivery, WebhookEndpoint

#: The kind of the event "send a test event" sends: to that one endpoint, never subscribed to.
TEST_KIND = "webhook.test"


def webhook_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose endpoints `user` may manage."""
    return organisations_for(user, grants("manage_webhooks").keys())


def endpoints_of(user: User) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(
        organisation__in=webhook_organisations(user)
    ).select_related("organisation")


def _may_manage(user: User, organisation: Organisation) -> None:
    if not roles_in(user, organisation) & grants("manage_webhooks").keys():
        raise ValidationError(
            {"organisation": _("You may not manage the webhooks of this organisation.")}
        )


def _clean(url: str, kinds: Iterable[str]) -> tuple[str, list[str]]:
    url = url.strip()
    try:
        webhooks.check_address(url)
    except webhooks.Refused as refused:
        raise ValidationError({"url": str(refused)}) from None
    chosen = [kind for kind in OutboxKind.values if kind in set(kinds)]
    if not chosen:
        raise ValidationError({"kinds": _("Choose at least one kind of event.")})
    return url, chosen


def _audit(endpoint: WebhookEndpoint, by: User | None, fields: str) -> None:
    audit.record_write(
        user=by,
        organisation_id=endpoint.organisation_id,
        subject=f"webhook endpoint {endpoint.pk}",
        fields=fields,
    )


@transaction.atomic
def endpoint_create(
    *, organisation: Organisation, url: str, description: str, kinds: Iterable[str], by: User
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint and its secret, shown to the administrator now and never again."""
    _may_manage(by, organisation)
    url, chosen = _clean(url, kinds)
    secret = webhooks.new_secret()
    endpoint = WebhookEndpoint.objects.create(
        organisation=organisation,
        url=url,
        description=description.strip()[:100],
        kinds=chosen,
        secret=secret,
        created_by=by,
    )
    _audit(endpoint, by, "created, url, events")
    return endpoint, secret


def _locked(endpoint: WebhookEndpoint, lock_version: int | None) -> WebhookEndpoint:
    current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if lock_version is not None and current.lock_version != lock_version:
        raise ValidationError(
            {
                "__all__": _(
                    "Someone else changed this endpoint since you opened the page. Nothing was "
                    "saved: look at it again and make your change."
                )
            }
        )
    current.lock_version += 1
    return current


@transaction.atomic
def endpoint_update(
    *,
    endpoint: WebhookEndpoint,
    lock_version: int,
    url: str,
    description: str,
    kinds: Iterable[str],
    by: User,
) -> WebhookEndpoint:
    _may_manage(by, endpoint.organisation)
    url, chosen = _clean(url, kinds)
    current = _locked(endpoint, lock_version)
    current.url, current.description, current.kinds = url, description.strip()[:100], chosen
    current.save()
    _audit(current, by, "url, description, events")
    return current


@transaction.atomic
def endpoint_rotate_secret(*, endpoint: WebhookEndpoint, by: User) -> str:
    """A new secret; from now on every delivery is signed with it."""
    _may_manage(by, endpoint.organisation)
    current = _locked(endpoint, None)
    current.secret = webhooks.new_secret()
    current.save()
    _audit(current, by, "secret rotated")
    return current.secret


@transaction.atomic
def endpoint_set_active(*, endpoint: WebhookEndpoint, active: bool, by: User) -> None:
    """Disable or enable by hand. Enabling starts a new count of failures; the deliveries that
    waited are sent again."""
    _may_manage(by, endpoint.organisation)
    current = _locked(endpoint, None)
    if current.active == active:
        return
    current.active = active
    if active:
        current.failure_count, current.failing_since = 0, None
        current.disabled_at, current.disabled_reason = None, ""
    else:
        current.disabled_at = timezone.now()
        current.disabled_reason = _("Disabled by %(name)s.") % {"name": by}
    current.save()
    _audit(current, by, "enabled" if active else "disabled")
    if active:
        transaction.on_commit(webhooks.send_webhooks.enqueue, robust=True)


@transaction.atomic
def endpoint_send_test(*, endpoint: WebhookEndpoint, by: User) -> WebhookDelivery:
    """A test event to this endpoint only, delivered like any other (see the delivery log)."""
    _may_manage(by, endpoint.organisation)
    now = timezone.now()
    event_id = new_event_id()
    event = OutboxEvent.objects.create(
        event_id=event_id,
        organisation_id=endpoint.organisation_id,
        kind=TEST_KIND,
        data={"endpoint": endpoint.pk},
        dedupe_key=f"{TEST_KIND}:{event_id}",
        dispatched_at=now,
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, next_attempt_at=now)
    _audit(endpoint, by, "test event")
    transaction.on_commit(webhooks.send_webhooks.enqueue, robust=True)
    return delivery


@transaction.atomic
def delivery_resend(*, delivery: WebhookDelivery, by: User) -> None:
    """Send a delivery again from the log, with a fresh round of attempts."""
    _may_manage(by, delivery.endpoint.organisation)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=timezone.now(), attempts=0, failed_at=None
    )
    _audit(delivery.endpoint, by, f"resend {delivery.event.event_id}")
    transaction.on_commit(webhooks.send_webhooks.enqueue, robust=True)
