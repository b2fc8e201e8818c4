"""The invitation that links an employee's own login to their employee record.

The employer sends it to the address on the record; only whoever reads that mailbox can accept it,
and only the acceptance links a login (cases.services.employee_invitation_accept). The employer's
say-so never attaches a login: that would let anyone who may edit the address read as the
employee. The token itself is never stored, only its SHA-256.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .employee import Employee


class EmployeeInvitation(models.Model):
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("employee")
    )
    #: The record's address when the invitation was sent; a change of the record voids the link.
    email = models.EmailField(_("sent to"))
    token_hash = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("portal invitation")
        verbose_name_plural = _("portal invitations")
        constraints = [
            # Sending again renews the one open invitation: an older link stops working.
            models.UniqueConstraint(
                fields=["employee"],
                condition=Q(accepted_at__isnull=True),
                name="one_open_invitation_per_employee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} — {self.email}"
