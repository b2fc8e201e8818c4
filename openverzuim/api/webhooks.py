"""Webhooks: the outbox's events (core/outbox.py) delivered, signed, to the organisations' endpoints.

The path of an event: a service writes an `OutboxEvent` in its own transaction; on commit
`subscribers.outbox_committed` enqueues `send_webhooks`, which `dispatch`es each waiting event into one
`WebhookDelivery` per active endpoint of its organisation that chose its kind, then `deliver_due`
POSTs them. Each request carries the Standard Webhooks headers (`webhook-id`, `webhook-timestamp`,
`webhook-signature`: `v1,` + base64 HMAC-SHA256 of "id.timestamp.body" with the endpoint's secret).
A delivery that is not answered with 2xx within the timeout is tried again after RETRY_WAITS; after
the last it is given up. An endpoint that keeps failing is disabled, and its administrators told.

Only http(s), no redirects followed (a 3xx is a failure), and no private, loopback or link-local
address unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES: the address is checked after resolving the name
and the connection goes to that very address, so a name that resolves differently a moment later
cannot lead the request inside the network (SSRF).

`manage.py webhooks` runs the daily duty scan (`emit_duty_events`) and the sending from cron, for
the retries and for a queue that was down when an event was emitted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import secrets
import socket
import ssl
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import default_task_backend, task

from openverzuim.accounts import audit
from openverzuim.accounts.models import User
from openverzuim.accounts.policies import grants
from openverzuim.cases.models import Duty
from openverzuim.core.models import OutboxEvent
from openverzuim.core.outbox import OutboxKind, emit_many

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

#: The waits before the 2nd, 3rd ... attempt (the Standard Webhooks suggestion); then given up,
#: about 28 hours after the first attempt.
RETRY_WAITS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = 1 + len(RETRY_WAITS)
#: An endpoint is disabled after this many deliveries given up in a row, or when it has failed
#: every attempt for FAILING_TOO_LONG.
MAX_FAILURES = 5
FAILING_TOO_LONG = timedelta(hours=24)
#: Duties that fell due (or overdue) this many days back still get their event, so a scan missed
#: for a few days sends them late rather than never; older ones are not sent to a new endpoint.
DUTY_LOOKBACK_DAYS = 7
BATCH = 100
#: How long a worker holds a delivery it is sending: past the timeout, then another may try.
CLAIM = timedelta(minutes=2)


class Refused(Exception):
    """The URL may not be called: its scheme, or the address its name resolves to."""


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` header value (Standard Webhooks, symmetric "v1")."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def body_of(event: OutboxEvent) -> bytes:
    """The same bytes at every attempt: the signature and a receiver's deduplication rely on it."""
    payload = {
        "type": event.kind,
        "timestamp": event.created_at.isoformat(),
        "data": {"organisation": event.organisation_id, **event.data},
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()


def check_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of `url`, or Refused with the reason. Does not resolve the name."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(_("Only http:// and https:// addresses can receive webhooks."))
    if not parts.hostname or parts.username or parts.password:
        raise Refused(_("Give a web address with a host name and without a user name."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(_("The port of this address is not a number from 1 to 65535.")) from None
    return parts.scheme, parts.hostname, port


def _allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """The address to connect to: every address the name has must be public (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(_("The host name %(host)s is not known.") % {"host": host}) from error
    addresses = [str(info[4][0]) for info in infos]
    if not settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES and not all(map(_allowed, addresses)):
        raise Refused(
            _("%(host)s is a private or local address; webhooks go only to public addresses.")
            % {"host": host}
        )
    return addresses[0]


def check_address(url: str) -> None:
    """Refused unless `url` may receive webhooks now (the form checks this when it is saved)."""
    _scheme, host, port = check_url(url)
    resolve(host, port)


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the name resolves to by then."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body` to `url` once; the response code. Raises Refused or OSError (timeouts too)."""
    scheme, host, port = check_url(url)
    address = resolve(host, port)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pinned = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = pinned(host, port, address, settings.WEBHOOK_TIMEOUT_SECONDS)
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer is not used; read a little so the server may finish
        return response.status
    except http.client.HTTPException as error:
        raise OSError(f"{type(error).__name__}: {error}") from error
    finally:
        connection.close()


def headers_for(endpoint: WebhookEndpoint, event: OutboxEvent, body: bytes, now: datetime) -> dict:
    timestamp = int(now.timestamp())
    return {
        "content-type": "application/json",
        "user-agent": "OpenVerzuim-Webhooks/1",
        "webhook-id": event.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, event.event_id, timestamp, body),
    }


def dispatch(now: datetime | None = None) -> int:
    """Turn the waiting outbox events into deliveries, one per endpoint that chose the kind (an
    event none chose is removed); returns how many deliveries were asked for. An endpoint gets an
    event at most once (the unique constraint), also from a run that repeats a crashed one."""
    now = now or timezone.now()
    made = 0
    while True:
        with transaction.atomic():
            events = list(
                OutboxEvent.objects.select_for_update(skip_locked=True)
                .filter(dispatched_at__isnull=True)
                .order_by("created_at", "pk")[:BATCH]
            )
            if not events:
                return made
            endpoints = list(
                WebhookEndpoint.objects.filter(
                    organisation_id__in={e.organisation_id for e in events}, active=True
                ).values_list("pk", "organisation_id", "kinds")
            )
            deliveries = [
                WebhookDelivery(endpoint_id=pk, event=event, next_attempt_at=now)
                for event in events
                for pk, organisation_id, kinds in endpoints
                if organisation_id == event.organisation_id and event.kind in kinds
            ]
            WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
            # An event no endpoint wants is not kept: no one will ever receive it.
            wanted = {d.event.pk for d in deliveries}
            OutboxEvent.objects.filter(pk__in=[e.pk for e in events if e.pk in wanted]).update(
                dispatched_at=now
            )
            OutboxEvent.objects.filter(pk__in=[e.pk for e in events if e.pk not in wanted]).delete()
            made += len(deliveries)


def deliver_due(now: datetime | None = None) -> dict[str, int]:
    """Send every delivery whose attempt is due; count what was delivered, is retried, given up."""
    now = now or timezone.now()
    counts = {"delivered": 0, "retry_later": 0, "given_up": 0}
    due = WebhookDelivery.objects.filter(next_attempt_at__lte=now, endpoint__active=True).order_by(
        "next_attempt_at", "pk"
    )
    seen: set[int] = set()
    while batch := list(due.exclude(pk__in=seen).values_list("pk", flat=True)[:BATCH]):
        seen.update(batch)
        for pk in batch:
            outcome = deliver_one(pk, now)
            if outcome:
                counts[outcome] += 1
    return counts


def deliver_one(pk: int, now: datetime) -> str | None:
    """One attempt of delivery `pk`, if it is still due and no other worker holds it.

    The row is claimed in a short transaction (its next attempt moved past the request's time),
    so no lock is held while the receiver answers; a worker that dies mid-request leaves a claim
    that runs out, and the delivery is tried again."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, next_attempt_at__lte=now, endpoint__active=True)
            .select_related("endpoint", "event")
            .first()
        )
        if delivery is None:
            return None
        WebhookDelivery.objects.filter(pk=pk).update(next_attempt_at=now + CLAIM)
    endpoint, body = delivery.endpoint, body_of(delivery.event)
    try:
        headers = headers_for(endpoint, delivery.event, body, now)
        status, error = post(endpoint.url, body, headers), ""
    except (Refused, OSError) as problem:
        status, error = None, (str(problem) or type(problem).__name__)
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.last_status, delivery.last_error = status, error[:300]
    if status is not None and 200 <= status < 300:
        delivery.delivered_at, delivery.next_attempt_at = now, None
        outcome = "delivered"
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.failed_at, delivery.next_attempt_at = now, None
        outcome = "given_up"
    else:
        delivery.next_attempt_at = now + RETRY_WAITS[delivery.attempts - 1]
        outcome = "retry_later"
    with transaction.atomic():
        delivery.save(
            update_fields=[
                "attempts",
                "last_attempt_at",
                "last_status",
                "last_error",
                "delivered_at",
                "failed_at",
                "next_attempt_at",
            ]
        )
        if outcome == "delivered":
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
                failure_count=0, failing_since=None
            )
        else:
            _failed(endpoint, now, given_up=outcome == "given_up")
        if outcome == "retry_later" and default_task_backend.supports_defer:
            # A queue that can wait runs the retry on time; otherwise `manage.py webhooks` does.
            run_after = delivery.next_attempt_at
            transaction.on_commit(
                lambda: send_webhooks.using(run_after=run_after).enqueue(), robust=True
            )
    return outcome


def _failed(endpoint: WebhookEndpoint, now: datetime, *, given_up: bool) -> None:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.failing_since = endpoint.failing_since or now
    endpoint.failure_count += int(given_up)
    endpoint.save(update_fields=["failing_since", "failure_count"])
    if endpoint.failure_count >= MAX_FAILURES or now - endpoint.failing_since >= FAILING_TOO_LONG:
        disable_failing(endpoint, now)


def disable_failing(endpoint: WebhookEndpoint, now: datetime) -> None:
    """Stop sending to an endpoint that keeps failing, and tell its administrators."""
    with override(settings.LANGUAGE_CODE):
        reason = _(
            "Disabled on %(day)s: no successful delivery since %(since)s (%(failures)s deliveries "
            "given up). Repair the receiver, then enable the endpoint again; what it missed can "
            "be sent again from the delivery log."
        ) % {
            "day": timezone.localtime(now).strftime("%d-%m-%Y %H:%M"),
            "since": timezone.localtime(endpoint.failing_since or now).strftime("%d-%m-%Y %H:%M"),
            "failures": endpoint.failure_count,
        }
        endpoint.active, endpoint.disabled_at, endpoint.disabled_reason = False, now, reason[:300]
        endpoint.save(update_fields=["active", "disabled_at", "disabled_reason"])
        audit.record_write(
            user=None,
            organisation_id=endpoint.organisation_id,
            subject=f"webhook endpoint {endpoint.pk}",
            fields="disabled after failures",
        )
        recipients = list(
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=endpoint.organisation_id,
                memberships__role__in=grants("manage_webhooks").keys(),
            )
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if recipients:
            send_mail(
                _("Webhook endpoint disabled: %(url)s") % {"url": endpoint.url},
                reason,
                None,
                recipients,
            )


def emit_duty_events(today: date) -> int:
    """The daily duty scan: `duty.due` for each pending duty that fell due, `duty.overdue` for each
    one past its due date, once per duty and due date (the outbox's key), for the organisations
    with an endpoint that wants them. Reads the persisted duty rows (cases.duties), in batches."""
    wanted: dict[int, set[str]] = {}
    for organisation_id, kinds in WebhookEndpoint.objects.filter(active=True).values_list(
        "organisation_id", "kinds"
    ):
        wanted.setdefault(organisation_id, set()).update(kinds)
    due_kinds = {OutboxKind.DUTY_DUE.value, OutboxKind.DUTY_OVERDUE.value}
    organisations = [pk for pk, kinds in wanted.items() if kinds & due_kinds]
    rows = (
        Duty.objects.filter(
            organisation_id__in=organisations,
            status=Duty.Status.OPEN,
            due__gte=today - timedelta(days=DUTY_LOOKBACK_DAYS + 1),
            due__lte=today,
        )
        .order_by("pk")
        .values_list(
            "pk",
            "organisation_id",
            "case_id",
            "case__employee_id",
            "case__employee__employee_number",
            "milestone",
            "due",
        )
    )
    made = 0
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:1000]):
        last = batch[-1][0]
        events = []
        for pk, organisation_id, case_id, employee_id, number, milestone, due in batch:
            if due is None:  # not in the range asked; the column is nullable
                continue
            data = {
                "case": case_id,
                "employee": employee_id,
                "employee_number": number,
                "duty": pk,
                "milestone": milestone,
                "due": due.isoformat(),
            }
            states = [(OutboxKind.DUTY_DUE, due >= today - timedelta(days=DUTY_LOOKBACK_DAYS))]
            states.append((OutboxKind.DUTY_OVERDUE, due < today))
            events += [
                (organisation_id, kind, data, f"{kind}:{pk}:{due}")
                for kind, applies in states
                if applies and kind in wanted[organisation_id]
            ]
        with transaction.atomic():
            made += emit_many(events)
    return made


def run(now: datetime | None = None) -> dict[str, int]:
    """Dispatch what waits in the outbox and send what is due (the task and the command)."""
    now = now or timezone.now()
    return {"dispatched": dispatch(now), **deliver_due(now)}


@task()
def send_webhooks() -> dict[str, int]:
    return run()
