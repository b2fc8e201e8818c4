"""Mail never raises into a page (issue 13 finding 6): an invitation with no reachable mail server
answered 500 (ConnectionRefusedError). Now every message is queued, delivered by a task after the
transaction commits, and retried later when the server fails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from openverzuim.accounts.models import Membership
from openverzuim.core.mail import MAX_ATTEMPTS, deliver_queued
from openverzuim.core.models import QueuedMail

REFUSING = f"{__name__}.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def queued(settings):
    settings.EMAIL_BACKEND = "openverzuim.core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = REFUSING
    return settings


def _invite(client, organisation):
    return client.post(
        reverse("accounts:invite"),
        {"email": "nina@example.nl", "organisation": organisation.pk, "role": "case_manager"},
    )


@pytest.mark.django_db
def test_an_invitation_with_the_mail_server_down_answers_a_page_and_keeps_the_mail(
    client, anna, bakery, queued, django_capture_on_commit_callbacks
):
    client.force_login(anna)
    client.raise_request_exception = False
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, bakery)
    assert response.status_code == 302  # the invitation page's success, not a 500
    assert Membership.objects.filter(user__username="nina@example.nl").exists()
    (kept,) = QueuedMail.objects.all()
    assert kept.attempts == 1 and kept.last_error.startswith("ConnectionRefusedError")
    assert kept.next_attempt_at > timezone.now() and mail.outbox == []

    # Too early: nothing is tried. Once due, with the server back, it is delivered and forgotten.
    assert deliver_queued() == {"delivered": 0, "retry_later": 0, "given_up": 0}
    queued.EMAIL_DELIVERY_BACKEND = LOCMEM
    later = timezone.now() + timedelta(minutes=2)
    assert deliver_queued(later) == {"delivered": 1, "retry_later": 0, "given_up": 0}
    (message,) = mail.outbox
    assert message.to == ["nina@example.nl"] and "/accounts/invitation/" in message.body
    assert not QueuedMail.objects.exists()


@pytest.mark.django_db
def test_a_mail_is_delivered_at_once_when_the_server_answers(
    client, anna, bakery, queued, django_capture_on_commit_callbacks
):
    queued.EMAIL_DELIVERY_BACKEND = LOCMEM
    client.force_login(anna)
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(client, bakery).status_code == 302
    assert [m.to for m in mail.outbox] == [["nina@example.nl"]]
    assert not QueuedMail.objects.exists()


@pytest.mark.django_db
def test_no_mail_leaves_for_a_change_that_is_rolled_back(
    client, anna, bakery, queued, django_capture_on_commit_callbacks
):
    queued.EMAIL_DELIVERY_BACKEND = LOCMEM
    client.force_login(anna)
    with django_capture_on_commit_callbacks() as callbacks:
        _invite(client, bakery)
    assert len(callbacks) == 1 and mail.outbox == []  # delivery waits for the commit


@pytest.mark.django_db
def test_retries_come_further_apart_and_end_after_the_last_attempt(
    anna, queued, caplog, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Onderwerp", "Tekst", None, ["nina@example.nl"])
    waits, now = [], timezone.now()
    while QueuedMail.objects.filter(given_up_at__isnull=True).exists():
        row = QueuedMail.objects.get()
        waits.append(row.next_attempt_at - now)
        now = row.next_attempt_at
        deliver_queued(now)
    assert len(waits) == MAX_ATTEMPTS - 1  # the first attempt was made at sending
    assert waits[1:4] == [timedelta(minutes=2), timedelta(minutes=4), timedelta(minutes=8)]
    assert max(waits) == timedelta(hours=6)
    assert "mail given up after 12 attempts" in caplog.text
    # Kept for the administrator's page of failed mail, and no longer tried by the cron run.
    (given_up,) = QueuedMail.objects.all()
    assert given_up.attempts == MAX_ATTEMPTS and given_up.given_up_at is not None
    assert deliver_queued(now + timedelta(days=1)) == {
        "delivered": 0,
        "retry_later": 0,
        "given_up": 0,
    }


@pytest.mark.django_db
def test_the_cron_command_delivers_what_is_due(queued, settings, capsys):
    QueuedMail.objects.create(
        subject="Onderwerp",
        body="Tekst",
        from_email="a@example.nl",
        next_attempt_at=timezone.now(),
        envelope={
            "to": ["b@example.nl"],
            "cc": [],
            "bcc": [],
            "reply_to": [],
            "headers": {},
            "alternatives": [["<p>Tekst</p>", "text/html"]],
        },
    )
    settings.EMAIL_DELIVERY_BACKEND = LOCMEM
    call_command("deliver_mail")
    assert '"delivered": 1' in capsys.readouterr().out
    (message,) = mail.outbox
    assert message.alternatives[0][1] == "text/html"
