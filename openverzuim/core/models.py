"""The site's own bookkeeping; no dossier data: forms sent once, and outgoing mail waiting for
(another) delivery attempt."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """A form sent once (core.submissions): the first answer to it, so that the same form sent again
    (a double click, a browser retrying) gets that answer instead of recording a second time. Kept
    a day (accounts.retention)."""

    key = models.CharField(max_length=64, unique=True)  # sha256 of user, path, token and content
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=200)
    response_location = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.path} {self.created_at:%Y-%m-%d %H:%M}"


class QueuedMail(models.Model):
    """A message `core.mail.QueuedEmailBackend` accepted and has not delivered yet. The row goes once
    the message is delivered. After MAX_ATTEMPTS delivery is given up (logged as an error): the row
    stays, marked `given_up_at`, for the system administrator's page of failed mail (core.views),
    where it can be tried again, and goes a week later (core.retention): an invitation link does
    not wait in the database longer than its delivery and that look take."""

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("body"))
    from_email = models.TextField(_("sender"))
    #: to, cc, bcc, reply_to, extra headers and (content, mimetype) alternatives, as JSON.
    envelope = models.JSONField(_("envelope"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), db_index=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    given_up_at = models.DateTimeField(_("given up at"), null=True, blank=True)

    class Meta:
        verbose_name = _("queued e-mail")
        verbose_name_plural = _("queued e-mails")
        ordering = ["next_attempt_at", "pk"]

    def __str__(self) -> str:
        return self.subject


class OutboxEvent(models.Model):
    """Something that happened in an organisation that other systems may subscribe to (core.outbox):
    written by the service that made it happen, in the same transaction, so an event is never lost
    nor sent for a change that was rolled back. The API's webhooks (api.webhooks) read these rows.
    Ids and non-medical facts only; `organisation_id` is a plain number since core sits below the
    accounts app that owns organisations."""

    event_id = models.CharField(max_length=40, unique=True)  # "msg_…", the webhook-id
    organisation_id = models.BigIntegerField()
    kind = models.CharField(max_length=40)
    data = models.JSONField()
    #: What makes the event the same event when it is emitted again (a job run twice).
    dedupe_key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    #: When the webhooks turned it into deliveries; null while waiting.
    dispatched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(dispatched_at__isnull=True),
                name="outbox_waiting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.event_id}"
