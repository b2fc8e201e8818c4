"""What the reminders app records: the digests it sent and the users' private calendar links.

Both tables were the signals app's until signals 0003 / reminders 0001 moved them here, rows and all."""

import secrets

from django.db import models

from openverzuim.accounts.models import User


class DigestSent(models.Model):
    """The daily e-mail went to this user for this day: the job sends it once (idempotence)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    duties = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private iCal link: whoever has the token reads the user's duties; regenerate to revoke."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}"
