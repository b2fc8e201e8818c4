"""The abstract base of records kept beside a case's events (wage measures here; expert opinions and
escalation steps in measures): a note, who recorded it and when."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User


class Recorded(models.Model):
    """A record in the dossier: a note (never medical), who recorded it and when."""

    note = models.TextField(
        _("note"), blank=True, help_text=_("Never record medical information here.")
    )
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
