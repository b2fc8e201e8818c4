"""The employee's own view: only the dossiers of the employee records linked to the user's login."""

from __future__ import annotations

from django.db.models import QuerySet

from openverzuim.accounts.models import User
from openverzuim.cases.models import Case


def own_cases(user: User) -> QuerySet[Case]:
    if not user.is_authenticated:
        return Case.objects.none()
    return (
        Case.objects.filter(employee__user=user)
        .select_related("employee", "employment", "employment__employee")
        .prefetch_related(
            "periods", "events", "resumptions", "wage_measures", "medical_releases", "leave_periods"
        )
        .order_by("-pk")
    )
