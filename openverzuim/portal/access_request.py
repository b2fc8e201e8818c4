"""The dossier part of the access request: the employee records, employments and sickness
dossiers about the person, and the audit trail about them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User
from openverzuim.accounts.subject_access import as_record

from .privacy_selectors import own_dossiers, own_employee_records, views_of_my_dossier

TITLE = _("Your sickness dossier")


def collect(user: User) -> dict:
    employees = own_employee_records(user).prefetch_related("employments", "invitations")
    cases = own_dossiers(user).prefetch_related("periods", "resumptions", "events")
    return {
        "employee_records": [dict(as_record(e), employments=[as_record(x) for x in e.employments.all()],
                                  portal_invitations=[as_record(i, exclude=("token_hash",))
                                                      for i in e.invitations.all()])
                             for e in employees],
        "cases": [dict(as_record(c, exclude=("next_due_on", "next_due_milestone")),
                       sickness_periods=[as_record(p) for p in c.periods.all()],
                       work_resumptions=[as_record(r) for r in c.resumptions.all()],
                       events=[as_record(e) for e in c.events.all()]) for c in cases],
        "who_viewed_or_changed": [as_record(e) for e in views_of_my_dossier(user)],
    }
