"""Outgoing mail that never raises into a page (issue 13 finding 6): queued, delivered, retried.

`QueuedEmailBackend` is Django's EMAIL_BACKEND. It stores each message as a `QueuedMail` row and,
once the surrounding transaction commits (no mail for a change that was rolled back), enqueues the
`deliver_queued_mail` task, which hands the due rows to the real transport, EMAIL_DELIVERY_BACKEND
(SMTP in production). A message that fails (the mail server refuses or is unreachable) stays queued
and is tried again later, after 1, 2, 4 ... minutes (at most 6 hours apart); `manage.py deliver_mail`
runs the task from cron for those retries. After MAX_ATTEMPTS the message is given up and logged,
and stays listed for the system administrator (core.views.mail_queue), who may try it once more.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import QueuedMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12  # 1 + 2 + 4 ... minutes, then every 6 hours: about two days in all
LONGEST_WAIT = timedelta(hours=6)


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        now = timezone.now()
        for message in email_messages:
            if not message.recipients():
                continue
            QueuedMail.objects.create(
                subject=str(message.subject),
                body=str(message.body),
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                next_attempt_at=now,
                envelope={
                    "to": list(message.to),
                    "cc": list(message.cc),
                    "bcc": list(message.bcc),
                    "reply_to": list(message.reply_to),
                    "headers": dict(message.extra_headers),
                    "alternatives": [
                        [str(content), mimetype]
                        for content, mimetype in getattr(message, "alternatives", [])
                    ],
                },
            )
        # robust: a queue that cannot be reached is logged, not raised; the cron run delivers later.
        transaction.on_commit(deliver_queued_mail.enqueue, robust=True)
        return len(email_messages)


def _message(mail: QueuedMail, connection) -> EmailMultiAlternatives:
    envelope = mail.envelope
    message = EmailMultiAlternatives(
        mail.subject,
        mail.body,
        mail.from_email,
        envelope["to"],
        bcc=envelope["bcc"],
        connection=connection,
        cc=envelope["cc"],
        reply_to=envelope["reply_to"],
        headers=envelope["headers"],
    )
    for content, mimetype in envelope["alternatives"]:
        message.attach_alternative(content, mimetype)
    return message


def _wait(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def deliver_queued(now: datetime | None = None) -> dict[str, int]:
    """Try every message that is due; count what was delivered, kept for later, given up."""
    now = now or timezone.now()
    counts = {"delivered": 0, "retry_later": 0, "given_up": 0}
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    due = QueuedMail.objects.filter(next_attempt_at__lte=now, given_up_at__isnull=True).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            # Another worker may be at the same row: it is skipped, not sent twice.
            mail = (
                QueuedMail.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, given_up_at__isnull=True)
                .first()
            )
            if mail is None:
                continue
            try:
                _message(mail, connection).send()
            except Exception as error:  # whatever the transport raises: the message stays queued
                mail.attempts += 1
                mail.last_error = f"{type(error).__name__}: {error}"[:500]
                if mail.attempts >= MAX_ATTEMPTS:
                    logger.error(
                        "mail given up after %d attempts (%s): %s",
                        mail.attempts,
                        mail.last_error,
                        mail.subject,
                    )
                    mail.given_up_at = now
                    mail.save(update_fields=["attempts", "last_error", "given_up_at"])
                    counts["given_up"] += 1
                    continue
                logger.warning(
                    "mail not delivered (attempt %d, %s); tried again later",
                    mail.attempts,
                    mail.last_error,
                )
                mail.next_attempt_at = now + _wait(mail.attempts)
                mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
                counts["retry_later"] += 1
            else:
                mail.delete()
                counts["delivered"] += 1
    return counts


@task()
def deliver_queued_mail() -> dict[str, int]:
    """`deliver_queued` as a django-tasks task (TASKS in config/settings.py chooses the backend)."""
    return deliver_queued()


def mail_retry(*, mail_id: int, now: datetime | None = None) -> QueuedMail:
    """Try a failing or given-up message again now (the administrator's "retry now"): one more
    attempt, by the task after the commit; a given-up message that fails again is given up again."""
    with transaction.atomic():
        mail = QueuedMail.objects.select_for_update().get(pk=mail_id)
        mail.given_up_at = None
        mail.next_attempt_at = now or timezone.now()
        mail.save(update_fields=["given_up_at", "next_attempt_at"])
        transaction.on_commit(deliver_queued_mail.enqueue, robust=True)
    return mail


def mail_failing():
    """The messages that failed at least once or were given up, given up first, then by next try."""
    return QueuedMail.objects.filter(attempts__gt=0).order_by(
        "given_up_at", "next_attempt_at", "pk"
    )
