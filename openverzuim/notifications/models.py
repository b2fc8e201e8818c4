"""A notification to one person, and each person's choice of how to hear of each kind."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import Organisation, User

from .kinds import DELIVERIES, KINDS


class Notification(models.Model):
    """Something happened that `recipient` should know: a kind (notifications.kinds) and its
    non-medical parameters, rendered in the reader's language when read. Written once per event:
    (recipient, kind, dedupe_key) is unique, so a form sent again or a job run again adds none."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=[(k, k) for k in KINDS])
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The case it is about, by id: cases sit above this app, and a closed case's notification may
    # outlive it (the retention sweep of cases removes those rows with the case's own).
    case_id = models.BigIntegerField(null=True, blank=True)
    params = models.JSONField(default=dict)  # names, dates, a document type: never medical
    route = models.CharField(max_length=80, blank=True)  # a URL name (core.routes) ...
    route_args = models.JSONField(default=list)  # ... and its arguments: the link, if reachable
    dedupe_key = models.CharField(max_length=120)  # the event: "case:12", "signature:40", ...
    delivery = models.CharField(max_length=12, choices=DELIVERIES)  # as the recipient chose then
    mailed_at = models.DateTimeField(null=True, blank=True)  # mailed alone or in a digest
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedupe_key"], name="notification_once_per_event"
            )
        ]
        # The bell counts a person's unread rows, the list reads hers newest first, the digest
        # her rows not mailed yet: each from this index.
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"], name="notification_inbox"),
            models.Index(fields=["delivery", "mailed_at", "recipient"], name="notification_digest"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"


class NotificationPreference(models.Model):
    """How `user` wants to hear of `kind`; without a row, the kind's default."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=[(k, k) for k in KINDS])
    delivery = models.CharField(_("how"), max_length=12, choices=DELIVERIES)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.delivery}"
