"""The employee's privacy pages read through here: their own employee records and dossiers, and
the audit trail about them (what others did; their own reads left out)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

from openverzuim.accounts.audit import LOGIN_LINKED
from openverzuim.accounts.models import AuditEntry, User
from openverzuim.accounts.selectors import entries_about
from openverzuim.cases.models import Case, Employee
from openverzuim.cases.policies import visible_cases


def own_employee_records(user: User) -> QuerySet[Employee]:
    if not user.is_authenticated:
        return Employee.objects.none()
    return Employee.objects.filter(user=user)


def own_dossiers(user: User) -> QuerySet[Case]:
    """The cases the policy gives the user for the access request: their own."""
    return visible_cases(user, "export")


def views_of_my_dossier(user: User) -> QuerySet[AuditEntry]:
    """Others' reads and writes; of the user's own, only the linking of a login to their record
    (so that a link they did not make themselves would stand out)."""
    employees = own_employee_records(user).values_list("pk", flat=True)
    cases = own_dossiers(user).values_list("pk", flat=True)
    return entries_about(employee_ids=employees, case_ids=cases).exclude(
        Q(user_id=user.pk) & ~Q(subject=LOGIN_LINKED)
    )


def audit_counts_per_month(user: User) -> list[dict]:
    """{"month": "2026-11", "roles", "action", "count"} of the entries about the user's dossier,
    newest month first: counted by the database, not row by row."""
    rows = (
        views_of_my_dossier(user)
        .order_by()
        .annotate(first_day=TruncMonth("at"))
        .values("first_day", "roles", "action")
        .annotate(count=Count("pk"))
        .order_by("-first_day", "roles", "action")
    )
    return [
        {
            "month": row["first_day"].strftime("%Y-%m"),
            "roles": row["roles"],
            "action": row["action"],
            "count": row["count"],
        }
        for row in rows
    ]
