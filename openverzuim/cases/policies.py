"""Who may see and change which sickness dossier (Wagtail-style policy: default deny).

Issue 4 widens this to every role of accounts.roles; for now the employer side: an employer
administrator (owner, HR) reaches every case of their organisations, a case manager the cases
assigned to them. Everyone else reaches none.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from openverzuim.accounts.models import User
from openverzuim.accounts.policies import organisations_for
from openverzuim.accounts.roles import Role

from .models import Case, Employee

ACTIONS = ("view", "change")


class UnknownAction(ValueError):
    pass


def _check(action: str) -> None:
    if action not in ACTIONS:
        raise UnknownAction(f"unknown action {action!r}; expected one of {ACTIONS}")


def visible_cases(user: User, action: str) -> QuerySet[Case]:
    _check(action)
    administered = organisations_for(user, [Role.EMPLOYER_ADMIN])
    managed = organisations_for(user, [Role.CASE_MANAGER])
    return Case.objects.filter(
        Q(organisation__in=administered) | Q(organisation__in=managed, case_manager=user))


def visible_employees(user: User, action: str) -> QuerySet[Employee]:
    _check(action)
    if action == "change":
        return Employee.objects.filter(
            organisation__in=organisations_for(user, [Role.EMPLOYER_ADMIN]))
    return Employee.objects.filter(
        organisation__in=organisations_for(user, [Role.EMPLOYER_ADMIN, Role.CASE_MANAGER]))


def can(user: User, action: str, case: Case) -> bool:
    return visible_cases(user, action).filter(pk=case.pk).exists()
