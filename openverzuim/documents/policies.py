"""Who reaches a case's documents, and as which party (default deny).

Three doors: the employer side through the cases policy (administrator, assigned case manager); the
employee through the login linked to her employee record; the occupational physician through the
arbodienst that serves the employer. A user outside all three reaches nothing (a 404).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from openverzuim.accounts.models import Membership, User
from openverzuim.accounts.policies import organisations_for
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Case
from openverzuim.cases.policies import visible_cases

from .spec import EMPLOYEE, EMPLOYER, PHYSICIAN


def reachable_cases(user: User) -> QuerySet[Case]:
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    physician_of = organisations_for(user, [Role.OCCUPATIONAL_PHYSICIAN])
    return Case.objects.filter(
        Q(pk__in=visible_cases(user, "view").values("pk"))
        | Q(employee__user=user)
        | Q(organisation__served_by__in=physician_of)
    )


def parties_of(user: User, case: Case) -> set[str]:
    """The parties `user` acts as in `case`: who may write and sign what."""
    parties = set()
    # "change" is the employer side's own grant: the employee and the physician may view the case
    # too (accounts.policies), but never act for the employer.
    if visible_cases(user, "change").filter(pk=case.pk).exists():
        parties.add(EMPLOYER)
    if case.employee.user_id == user.pk:
        parties.add(EMPLOYEE)
    if (
        case.organisation.served_by_id
        and Membership.objects.filter(
            user=user,
            organisation_id=case.organisation.served_by_id,
            role=Role.OCCUPATIONAL_PHYSICIAN,
        ).exists()
    ):
        parties.add(PHYSICIAN)
    return parties


def role_of(user: User, case: Case, party: str) -> str:
    """The role recorded with a signature: the membership behind the party."""
    if party == PHYSICIAN:
        return Role.OCCUPATIONAL_PHYSICIAN
    if party == EMPLOYEE:
        return Role.EMPLOYEE
    held = set(
        Membership.objects.filter(user=user, organisation=case.organisation).values_list(
            "role", flat=True
        )
    )
    return Role.EMPLOYER_ADMIN if Role.EMPLOYER_ADMIN in held else Role.CASE_MANAGER
