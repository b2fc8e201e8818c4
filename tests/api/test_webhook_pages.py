"""The administrator's webhooks pages: an endpoint added (its secret shown once), changed without
overwriting another's change, its secret rotated, a test event sent, disabled after a confirmation
and enabled, the delivery log a page at a time with "send again"; audited; no one else's."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from standardwebhooks import Webhook

from openverzuim.accounts.models import AuditEntry
from openverzuim.api.models import WebhookDelivery, WebhookEndpoint
from openverzuim.api.webhook_pages import LOG_PAGE_SIZE
from openverzuim.api.webhook_services import endpoint_create
from openverzuim.core.models import OutboxEvent
from openverzuim.core.outbox import OutboxKind
from tests.api.test_webhooks import Receiver

LIST = "/settings/webhooks/"


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()
    server.server.server_close()


def _secret(html: str) -> str:
    return re.search(r"<code>(whsec_[^<]+)</code>", html)[1]


@pytest.mark.django_db
def test_the_administrator_adds_an_endpoint_and_sees_its_secret_once(
    client, anna, bakery, receiver, django_capture_on_commit_callbacks
):
    client.force_login(anna)
    with translation.override("nl"):
        page = client.get(LIST).content.decode()
    assert "Dossier geopend (ziekmelding)" in page  # the kinds in Dutch words
    response = client.post(
        LIST,
        {
            "organisation": bakery.pk,
            "url": receiver.url(),
            "description": "AFAS",
            "kinds": ["case.opened", "duty.overdue"],
        },
    )
    endpoint = WebhookEndpoint.objects.get()
    secret = _secret(response.content.decode())
    assert secret == endpoint.secret and endpoint.kinds == ["case.opened", "duty.overdue"]
    assert secret not in client.get(LIST).content.decode()
    assert secret not in client.get(f"{LIST}{endpoint.pk}/").content.decode()
    assert AuditEntry.objects.filter(
        user_id=anna.pk, subject=f"webhook endpoint {endpoint.pk}", fields="created, url, events"
    ).exists()

    # A test event, signed with the secret shown, and listed in the log.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{LIST}{endpoint.pk}/", {"action": "test"})
    [(_path, headers, body)] = receiver.requests
    assert Webhook(secret).verify(body, headers)["type"] == "webhook.test"
    log = client.get(f"{LIST}{endpoint.pk}/").content.decode()
    assert headers["webhook-id"] in log and ">200<" in log.replace(" ", "")


@pytest.mark.django_db
def test_a_bad_address_or_no_events_are_named_on_their_fields(client, anna, bakery, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    client.force_login(anna)
    response = client.post(
        LIST, {"organisation": bakery.pk, "url": "http://127.0.0.1/\x00", "kinds": []}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"kinds"}
    response = client.post(
        LIST, {"organisation": bakery.pk, "url": "http://10.1.2.3/", "kinds": ["case.opened"]}
    )
    assert "url" in response.context["form"].errors
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.django_db
def test_a_change_made_meanwhile_is_not_overwritten(client, anna, bakery, receiver):
    endpoint, _ = endpoint_create(
        organisation=bakery, url=receiver.url(), description="", kinds=["case.opened"], by=anna
    )
    client.force_login(anna)
    url = f"{LIST}{endpoint.pk}/"
    seen = endpoint.lock_version
    form = {"action": "save", "url": receiver.url("/v2"), "kinds": ["case.closed"]}
    assert client.post(url, {**form, "lock_version": seen}).status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.url, endpoint.kinds) == (receiver.url("/v2"), ["case.closed"])
    response = client.post(url, {**form, "url": receiver.url("/v3"), "lock_version": seen})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    endpoint.refresh_from_db()
    assert endpoint.url == receiver.url("/v2")


@pytest.mark.django_db
def test_rotating_the_secret_shows_the_new_one_once(client, anna, bakery, receiver):
    endpoint, old = endpoint_create(
        organisation=bakery, url=receiver.url(), description="", kinds=["case.opened"], by=anna
    )
    client.force_login(anna)
    new = _secret(client.post(f"{LIST}{endpoint.pk}/", {"action": "rotate"}).content.decode())
    endpoint.refresh_from_db()
    assert new == endpoint.secret != old
    assert AuditEntry.objects.filter(fields="secret rotated").exists()


@pytest.mark.django_db
def test_disabling_asks_for_confirmation_and_enabling_starts_afresh(client, anna, bakery, receiver):
    endpoint, _ = endpoint_create(
        organisation=bakery, url=receiver.url(), description="", kinds=["case.opened"], by=anna
    )
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failure_count=3)
    client.force_login(anna)
    url = f"{LIST}{endpoint.pk}/"
    response = client.post(url, {"action": "disable"})
    assert 'name="confirmed"' in response.content.decode()
    endpoint.refresh_from_db()
    assert endpoint.active
    assert client.post(url, {"action": "disable", "confirmed": "1"}).status_code == 302
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at is not None
    assert client.post(url, {"action": "enable", "confirmed": "1"}).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.failure_count == 0 and endpoint.disabled_reason == ""
    fields = AuditEntry.objects.filter(subject=f"webhook endpoint {endpoint.pk}").values_list(
        "fields", flat=True
    )
    assert {"disabled", "enabled"} <= set(fields)


@pytest.mark.django_db
def test_the_delivery_log_is_paged_newest_first_and_sends_again(
    client,
    anna,
    bakery,
    receiver,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    endpoint, _ = endpoint_create(
        organisation=bakery, url=receiver.url(), description="", kinds=["case.opened"], by=anna
    )
    events = OutboxEvent.objects.bulk_create(
        OutboxEvent(
            event_id=f"msg_{i:04}",
            organisation_id=bakery.pk,
            kind=OutboxKind.CASE_OPENED,
            data={"case": i},
            dedupe_key=f"k{i}",
        )
        for i in range(LOG_PAGE_SIZE + 5)
    )
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=event, attempts=8, last_status=500)
        for event in events
    )
    client.force_login(anna)
    url = f"{LIST}{endpoint.pk}/"
    with django_assert_max_num_queries(20):
        first = client.get(url).content.decode()
    newest = WebhookDelivery.objects.order_by("-created_at", "-id").first()
    oldest = WebhookDelivery.objects.order_by("created_at", "id").first()
    assert newest.event.event_id in first and oldest.event.event_id not in first
    assert oldest.event.event_id in client.get(url, {"page": 2}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "resend", "delivery": oldest.pk})
    oldest.refresh_from_db()
    assert oldest.delivered_at is not None and oldest.last_status == 200
    assert [headers["webhook-id"] for _p, headers, _b in receiver.requests] == [
        oldest.event.event_id
    ]


@pytest.mark.django_db
def test_no_one_else_sees_or_changes_an_endpoint(client, anna, bram, carla, bakery, receiver):
    endpoint, _ = endpoint_create(
        organisation=bakery, url=receiver.url(), description="AFAS", kinds=["case.opened"], by=anna
    )
    url = f"{LIST}{endpoint.pk}/"
    client.force_login(bram)  # a case manager of the same employer
    assert client.get(LIST).status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(carla)  # another employer's administrator
    assert receiver.url() not in client.get(LIST).content.decode()
    assert client.get(url).status_code == 404
    for action in ("test", "rotate", "save", "resend"):
        assert client.post(url, {"action": action, "confirmed": "1"}).status_code == 404
    assert client.post(url, {"action": "disable", "confirmed": "1"}).status_code == 404
    response = client.post(
        LIST, {"organisation": bakery.pk, "url": receiver.url("/x"), "kinds": ["case.opened"]}
    )
    assert response.status_code == 200 and WebhookEndpoint.objects.count() == 1
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.lock_version == 0
    assert receiver.requests == []
