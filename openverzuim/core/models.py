"""The site's own bookkeeping; no dossier data."""

from django.conf import settings
from django.db import models


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
