"""Webhooks (docs/api.md): events from the services, delivered to a local receiver, signed per the
Standard Webhooks specification (checked with its reference verifier), retried with back-off,
disabled after failing too long, never to another organisation, never to a private address in
production, never with medical data."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks import Webhook, WebhookVerificationError

from openverzuim.accounts.models import AuditEntry
from openverzuim.api import webhooks
from openverzuim.api.models import WebhookDelivery, WebhookEndpoint
from openverzuim.api.webhook_services import endpoint_create
from openverzuim.cases import services as case_services
from openverzuim.cases.assignment import case_assign, state_of
from openverzuim.cases.models import Duty
from openverzuim.core.models import OutboxEvent
from openverzuim.core.outbox import OutboxKind, emit
from openverzuim.documents import selectors as document_selectors
from openverzuim.documents import services as document_services
from openverzuim.measures import services as measure_services

ALL_KINDS = list(OutboxKind.values)


class Receiver:
    """An HTTP server on 127.0.0.1 in a thread: records each request and answers as `mode` says."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.mode = "ok"
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver.requests.append((self.path, dict(self.headers.items()), body))
                if receiver.mode == "slow":
                    time.sleep(2)
                status = {"ok": 200, "fail": 500, "redirect": 302}.get(receiver.mode, 200)
                self.send_response(status)
                if status == 302:
                    self.send_header("Location", "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def payloads(self) -> list[dict]:
        return [json.loads(body) for _path, _headers, body in self.requests]


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def hook(receiver, bakery, anna, settings):
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    endpoint, secret = endpoint_create(
        organisation=bakery, url=receiver.url(), description="Payroll", kinds=ALL_KINDS, by=anna
    )
    return endpoint, secret


def report_sick(employee, anna, today, capture):
    with capture(execute=True):
        return case_services.sick_report_create(
            employee=employee, first_sick_day=date(2026, 11, 2), by=anna, today=today
        ).case


@pytest.mark.django_db
def test_a_sick_report_reaches_the_endpoint_signed_as_the_reference_verifier_expects(
    hook, receiver, eva, anna, today, django_capture_on_commit_callbacks
):
    _endpoint, secret = hook
    case = report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    [(_path, headers, body)] = receiver.requests
    payload = Webhook(secret).verify(body, headers)
    assert payload["type"] == "case.opened"
    assert payload["data"] == {
        "organisation": eva.organisation_id,
        "case": case.pk,
        "employee": eva.pk,
        "employee_number": "1001",
        "first_sick_day": "2026-11-02",
    }
    event = OutboxEvent.objects.get()
    assert headers["webhook-id"] == event.event_id and event.event_id.startswith("msg_")
    assert secret.startswith("whsec_")
    with pytest.raises(WebhookVerificationError):  # a changed body no longer verifies
        Webhook(secret).verify(body.replace(b"1001", b"1002"), headers)
    with pytest.raises(WebhookVerificationError):  # nor does another endpoint's secret
        Webhook(webhooks.new_secret()).verify(body, headers)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status, delivery.next_attempt_at) == (1, 200, None)
    assert delivery.delivered_at is not None


def test_the_signature_follows_the_specification_byte_for_byte():
    """The example of the Standard Webhooks specification (its README), signed by our signer."""
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert webhooks.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body) == expected


@pytest.mark.django_db
def test_a_failing_receiver_is_tried_again_after_the_back_off_until_it_answers(
    hook, receiver, eva, anna, today, django_capture_on_commit_callbacks
):
    endpoint, _secret = hook
    receiver.mode = "fail"
    report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    first = delivery.last_attempt_at
    assert (delivery.attempts, delivery.last_status) == (1, 500)
    assert delivery.next_attempt_at == first + timedelta(seconds=5)

    assert webhooks.deliver_due(first + timedelta(seconds=4))["retry_later"] == 0  # not yet
    assert len(receiver.requests) == 1
    assert webhooks.deliver_due(first + timedelta(seconds=5)) == {
        "delivered": 0,
        "retry_later": 1,
        "given_up": 0,
    }
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == first + timedelta(seconds=5) + timedelta(minutes=5)
    endpoint.refresh_from_db()
    assert endpoint.failing_since == first and endpoint.active

    receiver.mode = "ok"
    assert webhooks.deliver_due(delivery.next_attempt_at)["delivered"] == 1
    delivery.refresh_from_db()
    endpoint.refresh_from_db()
    assert (delivery.attempts, delivery.last_status, delivery.next_attempt_at) == (3, 200, None)
    assert (endpoint.failure_count, endpoint.failing_since) == (0, None)
    ids = {headers["webhook-id"] for _p, headers, _b in receiver.requests}
    assert len(ids) == 1 and len(receiver.requests) == 3  # one message, three attempts


@pytest.mark.django_db
def test_a_receiver_slower_than_the_timeout_is_a_failed_attempt(
    hook, receiver, eva, anna, today, django_capture_on_commit_callbacks
):
    receiver.mode = "slow"
    started = time.monotonic()
    report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    assert time.monotonic() - started < 2  # the timeout (1 s here), not the receiver's 2 s
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status is None and "timed out" in delivery.last_error
    assert delivery.next_attempt_at is not None and delivery.delivered_at is None


@pytest.mark.django_db
def test_a_redirect_is_not_followed_and_counts_as_a_failure(
    hook, receiver, eva, anna, today, django_capture_on_commit_callbacks
):
    receiver.mode = "redirect"
    report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status == 302 and delivery.next_attempt_at is not None
    assert [path for path, _h, _b in receiver.requests] == ["/hook"]


@pytest.mark.django_db
def test_an_endpoint_failing_for_a_day_is_disabled_and_its_administrators_told(
    hook, receiver, eva, anna, client, today, django_capture_on_commit_callbacks
):
    endpoint, _secret = hook
    receiver.mode = "fail"
    report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    moment = delivery.last_attempt_at
    for wait in webhooks.RETRY_WAITS:
        endpoint.refresh_from_db()
        if not endpoint.active:
            break
        moment += wait
        with django_capture_on_commit_callbacks(execute=True):
            webhooks.deliver_due(moment)
    endpoint.refresh_from_db()
    delivery.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at == moment
    assert moment - delivery.last_attempt_at < timedelta(hours=1)
    assert moment - endpoint.failing_since >= webhooks.FAILING_TOO_LONG
    assert [m.to for m in mail.outbox] == [["anna@example.nl"]]
    assert endpoint.url in mail.outbox[0].subject
    assert AuditEntry.objects.filter(
        organisation_id=endpoint.organisation_id, fields="disabled after failures"
    ).exists()
    # Nothing is sent to a disabled endpoint, and its page says why.
    sent = len(receiver.requests)
    assert webhooks.deliver_due(moment + timedelta(days=2))["retry_later"] == 0
    assert len(receiver.requests) == sent
    client.force_login(anna)
    page = client.get(f"/settings/webhooks/{endpoint.pk}/").content.decode()
    assert "no successful delivery since" in page or "geen geslaagde aflevering" in page


@pytest.mark.django_db
def test_five_deliveries_given_up_in_a_row_disable_the_endpoint(hook, receiver, eva, anna, today):
    endpoint, _secret = hook
    receiver.mode = "fail"
    now = timezone.now()
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failure_count=4, failing_since=now)
    emit(eva.organisation_id, OutboxKind.CASE_CLOSED, {"case": 1}, key="x")
    webhooks.dispatch(now)
    WebhookDelivery.objects.update(attempts=webhooks.MAX_ATTEMPTS - 1)
    assert webhooks.deliver_due(now)["given_up"] == 1
    endpoint.refresh_from_db()
    assert endpoint.failure_count == 5 and not endpoint.active


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.0.0.5/hook",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "ftp://example.com/",
        "gopher://127.0.0.1:25/",
        "http://user:secret@example.com/",
        "http://example.com:99999/",
        "http:///nohost",
    ],
)
def test_an_endpoint_on_a_private_address_or_another_scheme_is_refused(url, bakery, anna, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError) as refused:
        endpoint_create(organisation=bakery, url=url, description="", kinds=ALL_KINDS, by=anna)
    assert "url" in refused.value.message_dict
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
def test_a_saved_endpoint_is_checked_again_when_sending(
    hook, receiver, eva, anna, today, settings, django_capture_on_commit_callbacks
):
    """Allowed while developing, refused once the setting is off: nothing reaches the address."""
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == []
    assert "127.0.0.1" in delivery.last_error  # refused, in the site's language
    assert delivery.next_attempt_at is not None


@pytest.mark.django_db
def test_an_organisation_receives_only_its_own_events(
    hook, receiver, eva, anna, carla, installer, today, django_capture_on_commit_callbacks
):
    endpoint_create(
        organisation=installer,
        url=receiver.url("/installer"),
        description="",
        kinds=ALL_KINDS,
        by=carla,
    )
    report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    assert [path for path, _h, _b in receiver.requests] == ["/hook"]
    assert WebhookDelivery.objects.get().endpoint.organisation_id == eva.organisation_id


@pytest.mark.django_db
def test_only_the_chosen_kinds_are_sent(
    receiver, bakery, anna, eva, today, django_capture_on_commit_callbacks
):
    endpoint_create(
        organisation=bakery,
        url=receiver.url(),
        description="",
        kinds=[OutboxKind.CASE_RECOVERED],
        by=anna,
    )
    case = report_sick(eva, anna, today, django_capture_on_commit_callbacks)
    assert receiver.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        case_services.recovery_report_create(
            case=case, recovered_on=date(2026, 11, 20), by=anna, today=today
        )
    [payload] = receiver.payloads()
    assert payload["type"] == "case.recovered"
    assert payload["data"]["recovered_on"] == "2026-11-20"


MEDICAL = "Hernia-diagnose-XYZ"


@pytest.mark.django_db
def test_no_payload_carries_medical_or_free_text(
    hook,
    receiver,
    eva,
    eva_user,
    anna,
    bram,
    today,
    django_capture_on_commit_callbacks,
    settings,
    tmp_path,
):
    """Every kind of event, each from a service fed a planted word where it takes text."""
    settings.MEDIA_ROOT = tmp_path
    capture = django_capture_on_commit_callbacks
    case = report_sick(eva, anna, today, capture)
    with capture(execute=True):
        case_assign(case=case, by=anna, today=today, seen=state_of(case), case_manager=bram)
        case_services.event_record(
            case=case, kind="note", date=today, by=anna, today=today, note=MEDICAL
        )
        measure_services.wage_measure_create(
            case=case,
            by=anna,
            today=today,
            kind="suspension",
            ground="lid6",
            cause_known_on=today,
            employee_told_on=today,
            start=today,
            rules_in_writing=True,
        )
        reach = document_selectors.case_reach_for(user=eva_user, case_id=case.pk)
        document = document_services.document_create(
            case=case,
            type_code="employee_opinion",
            by=eva_user,
            content={"opinion": MEDICAL},
            parties=reach.parties,
            free_text="",
        )
        version = document.latest()
        document_services.version_sign(
            version=version,
            party="employee",
            by=eva_user,
            parties=reach.parties,
            today=today,
            expected_sha256=version.content_sha256,
        )
    Duty.objects.filter(case=case).exclude(status="open").update(status="open")
    Duty.objects.filter(case=case).update(due=today - timedelta(days=1))
    with capture(execute=True):
        webhooks.emit_duty_events(today)
    with capture(execute=True):
        case_services.recovery_report_create(case=case, recovered_on=today, by=anna, today=today)
    with capture(execute=True):
        case_services.case_close(case=case, closed_on=today, by=anna, today=today)
    kinds = {payload["type"] for payload in receiver.payloads()}
    assert kinds == set(ALL_KINDS)
    bodies = b"".join(body for _p, _h, body in receiver.requests)
    stored = json.dumps(list(OutboxEvent.objects.values_list("data", flat=True)))
    for text in (MEDICAL, "Eva", "de Vries"):
        assert text.encode() not in bodies and text not in stored


@pytest.mark.django_db
def test_each_duty_is_sent_once_per_state_however_often_the_scan_runs(
    hook, receiver, eva_sick, anna, today, django_capture_on_commit_callbacks
):
    duty = Duty.objects.filter(case=eva_sick, status="open").order_by("pk").first()
    Duty.objects.filter(pk=duty.pk).update(due=today)
    Duty.objects.filter(case=eva_sick).exclude(pk=duty.pk).delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks.emit_duty_events(today) == 1  # due today: not yet overdue
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks.emit_duty_events(today) == 0
    tomorrow = today + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert webhooks.emit_duty_events(tomorrow) == 1  # now overdue
        assert webhooks.emit_duty_events(tomorrow) == 0
    assert webhooks.dispatch() == 0  # nothing waits: each event made its delivery once
    payloads = [p for p in receiver.payloads() if p["type"].startswith("duty.")]
    assert [p["type"] for p in payloads] == ["duty.due", "duty.overdue"]
    assert payloads[0]["data"]["milestone"] == duty.milestone
    assert payloads[0]["data"]["due"] == today.isoformat()


@pytest.mark.django_db
def test_the_same_event_is_recorded_and_delivered_once(hook, receiver, bakery):
    emit(bakery.pk, OutboxKind.CASE_CLOSED, {"case": 1}, key="case.closed:1")
    emit(bakery.pk, OutboxKind.CASE_CLOSED, {"case": 1}, key="case.closed:1")
    assert OutboxEvent.objects.count() == 1
    assert webhooks.dispatch() == 1
    OutboxEvent.objects.update(dispatched_at=None)  # a worker that died before it noted it
    webhooks.dispatch()
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db
def test_the_command_scans_the_duties_and_sends(hook, receiver, eva_sick, today):
    from io import StringIO

    from django.core.management import call_command

    Duty.objects.filter(case=eva_sick).exclude(milestone="task").update(status="done")
    duty = Duty.objects.filter(case=eva_sick).order_by("pk").first()
    Duty.objects.filter(pk=duty.pk).update(status="open", due=today)
    OutboxEvent.objects.all().delete()  # the sick report's, not sent in this test
    out = StringIO()
    call_command("webhooks", date=today.isoformat(), stdout=out)
    assert json.loads(out.getvalue()) == {
        "duty_events": 1,
        "dispatched": 1,
        "delivered": 1,
        "retry_later": 0,
        "given_up": 0,
    }
    assert [p["type"] for p in receiver.payloads()] == ["duty.due"]


@pytest.mark.django_db
def test_sent_events_are_kept_thirty_days_and_unwanted_ones_not_at_all(hook, bakery, installer):
    from openverzuim.api.retention import WEBHOOK_EVENT_DAYS, sweep

    emit(bakery.pk, OutboxKind.CASE_CLOSED, {"case": 1}, key="old")
    emit(installer.pk, OutboxKind.CASE_CLOSED, {"case": 2}, key="nobody wants it")
    webhooks.dispatch()
    assert list(OutboxEvent.objects.values_list("dedupe_key", flat=True)) == ["old"]
    emit(bakery.pk, OutboxKind.CASE_CLOSED, {"case": 3}, key="waiting")
    later = timezone.localdate() + timedelta(days=WEBHOOK_EVENT_DAYS + 1)
    removed = [r for r in sweep(today=later, execute=True) if r.kind == "webhook event"]
    assert len(removed) == 1
    assert list(OutboxEvent.objects.values_list("dedupe_key", flat=True)) == ["waiting"]
    assert not WebhookDelivery.objects.exists()
