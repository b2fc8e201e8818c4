"""The dossier part of the access request: the employee records, employments and sickness
dossiers about the person, and the audit trail about them (in the readable PDF: summarised)."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.audit_words import role_names, subject_words
from openverzuim.accounts.models import AuditEntry, User
from openverzuim.accounts.subject_access import as_record

from .privacy_selectors import (
    audit_counts_per_month,
    own_dossiers,
    own_employee_records,
    views_of_my_dossier,
)

TITLE = _("Your sickness dossier")
#: The audit entries the readable PDF lists one by one; the JSON download holds them all.
LATEST_ENTRIES = 100


def collect(user: User) -> dict:
    return _dossier(user) | {
        "who_viewed_or_changed": [as_record(e) for e in views_of_my_dossier(user)]
    }


def _month(month: str) -> str:
    """ "2026-11" as the reader writes a month: "november 2026"."""
    return date_format(date.fromisoformat(f"{month}-01"), "YEAR_MONTH_FORMAT")


def collect_readable(user: User) -> dict:
    """As `collect`, the audit trail summarised, one line per month, role and action and one per
    recent entry: a person read a hundred times a month would otherwise get a PDF of thousands of
    pages, which takes minutes to make and nobody reads."""

    def action(code: str) -> str:
        return str(AuditEntry.Action(code).label)

    return _dossier(user) | {
        "who_viewed_or_changed": {
            "total": views_of_my_dossier(user).count(),
            "per_month_and_role": [
                f"{_month(row['month'])} · {role_names(row['roles'])} · {action(row['action'])}: "
                f"{row['count']}"
                for row in audit_counts_per_month(user)
            ],
            "latest": [
                f"{date_format(localtime(e.at), 'DATETIME_FORMAT')} · {e.user_name} "
                f"({role_names(e.roles)}) · {action(e.action)}: {subject_words(e.subject)}"
                for e in views_of_my_dossier(user)[:LATEST_ENTRIES]
            ],
            "complete_list": _("Every entry is in the JSON download (my data, data.json)."),
        }
    }


def _dossier(user: User) -> dict:
    employees = own_employee_records(user).prefetch_related(
        "employments", "invitations", "leave_periods"
    )
    cases = own_dossiers(user).prefetch_related("periods", "resumptions", "events")
    return {
        "employee_records": [
            dict(
                as_record(e),
                employments=[as_record(x) for x in e.employments.all()],
                # pregnancy and maternity leave, in a case or outside one
                leave=[as_record(x) for x in e.leave_periods.all()],
                portal_invitations=[
                    as_record(i, exclude=("token_hash",)) for i in e.invitations.all()
                ],
            )
            for e in employees
        ],
        "cases": [
            dict(
                as_record(c, exclude=("next_due_on", "next_due_milestone")),
                sickness_periods=[as_record(p) for p in c.periods.all()],
                work_resumptions=[as_record(r) for r in c.resumptions.all()],
                events=[as_record(e) for e in c.events.all()],
            )
            for c in cases
        ],
    }
