"""Who may see and change which sickness dossier: accounts.policies.POLICY applied to cases.

Default deny: a user reaches a case only through a (role, relation) pair the table grants for the
action, and an unknown action raises. Each relation is one query condition below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from openverzuim.accounts.models import Assignment, Membership, User
from openverzuim.accounts.policies import (
    Relation,
    UnknownAction,
    grants,
    organisations_for,
    request_memo,
    roles_of,
    served_organisations_for,
)
from openverzuim.accounts.roles import Role

from .models import Case, Employee

__all__ = [
    "UnknownAction",
    "can",
    "can_any",
    "employee_organisations",
    "visible_cases",
    "visible_employees",
    "visible_organisation_ids",
    "who_can",
]


def _ids(organisations) -> list[int]:
    """The user's few organisation ids as values, so that the planner sees `organisation_id IN (..)`
    and can use the indexes that start with the organisation."""
    return list(organisations.values_list("pk", flat=True))


def _organisation_ids(user: User, role: str) -> list[int]:
    """`organisations_for(user, [role])` as ids, read once per request (accounts.policies
    .request_memo): a page asks for them in its selectors, its links and its menu."""
    return _remembered(user, ("organisations", role), lambda: organisations_for(user, [role]))


def _served_ids(user: User, role: str) -> list[int]:
    return _remembered(user, ("served", role), lambda: served_organisations_for(user, [role]))


def _remembered(user: User, key: tuple[str, str], organisations) -> list[int]:
    memo = request_memo(user)
    if memo is None:
        return _ids(organisations())
    if key not in memo:
        memo[key] = tuple(_ids(organisations()))
    return list(memo[key])


def _reached(user: User, role: str) -> list[int]:
    """The employers where `user` holds `role`, or that an arbodienst where she holds it serves
    (an arbodienst's case manager, accounts.policies.ROLE_KINDS)."""
    return _organisation_ids(user, role) + _served_ids(user, role)


def _assigned(user: User, role: str) -> Q:
    mine = _assignments(user, role)
    if role == Role.CASE_MANAGER:
        mine = mine.union(Case.objects.filter(case_manager=user).values("pk").order_by())
    return Q(organisation_id__in=_reached(user, role)) & Q(pk__in=mine)


def _department(user: User, role: str) -> Q:
    """The own team's cases, and those the user is assigned to as line manager (cases.assignment)."""
    departments = Membership.objects.filter(user=user, role=role, department__isnull=False)
    team = Case.objects.filter(employee__department__in=departments.values("department"))
    return Q(organisation_id__in=_organisation_ids(user, role)) & Q(
        pk__in=_assignments(user, role).union(team.values("pk").order_by())
    )


def _assignments(user: User, role: str) -> QuerySet:
    """The ids of the cases `user` is assigned to in `role`. The relations above add their other
    cases to it as a UNION, one set of ids, never as `id IN (...) OR ...`: an OR beside a subquery
    keeps PostgreSQL from the indexes, and it read every case of the organisation for each case
    manager (3.7 s for one digest at 150,000 cases; 0.1 s as a union, docs/performance.md)."""
    return Assignment.objects.filter(user=user, role=role).values("case_id").order_by()


RELATIONS: dict[str, Callable[[User, str], Q]] = {
    Relation.ORGANISATION: lambda user, role: Q(organisation_id__in=_organisation_ids(user, role)),
    Relation.ASSIGNED: _assigned,
    Relation.DEPARTMENT: _department,
    Relation.OWN: lambda user, role: Q(
        employee__user=user, organisation_id__in=_organisation_ids(user, role)
    ),
    Relation.SERVED: lambda user, role: Q(organisation_id__in=_served_ids(user, role)),
    Relation.SELF: lambda user, role: Q(pk__in=[]),  # the user's own login reaches no case
}


def _granted_roles(user: User, action: str) -> dict[str, str]:
    """role -> relation for the roles the user holds that `action` is granted to."""
    rules = grants(action)
    if not user.is_authenticated or not user.is_active:
        return {}
    return {role: rules[role] for role in roles_of(user) & rules.keys()}


def visible_cases(user: User, action: str) -> QuerySet[Case]:
    condition = Q(pk__in=[])
    for role, relation in _granted_roles(user, action).items():
        condition |= RELATIONS[relation](user, role)
    # Every condition is on the case or along its foreign keys, so no row comes twice: no distinct()
    # or subquery is needed, and callers order, annotate and aggregate freely.
    return Case.objects.filter(condition)


def visible_organisation_ids(user: User, action: str) -> tuple[list[int], bool]:
    """The organisations of every case `visible_cases` can return (perhaps a few more), and whether
    they alone decide: true when every role that grants `action` reaches whole organisations. For
    tables that carry the organisation themselves (the duty table), so that the filter is
    `organisation_id IN (...)` on their own index, without a join back to the cases."""
    ids: set[int] = set()
    exact = True
    for role, relation in _granted_roles(user, action).items():
        if relation == Relation.SERVED:
            ids.update(_served_ids(user, role))
        elif relation == Relation.ORGANISATION:
            ids.update(_organisation_ids(user, role))
        elif relation != Relation.SELF:
            ids.update(_reached(user, role))
            exact = False
    return sorted(ids), exact


def can(user: User, action: str, case: Case) -> bool:
    return visible_cases(user, action).filter(pk=case.pk).exists()


def can_any(user: User, action: str) -> bool:
    return visible_cases(user, action).exists()


def who_can(action: str, case: Case, roles: Iterable[str] | None = None) -> QuerySet[User]:
    """Everyone who may do `action` on `case`: the answer to "who can read my dossier". With
    `roles`, only those who hold one of them near the case (a notification's audience): so that
    an employer's hundreds of employee logins are not each asked."""
    grants(action)
    organisation = case.organisation
    nearby = (
        Q(memberships__organisation=organisation)
        | Q(
            memberships__organisation_id=organisation.parent_id, memberships__includes_children=True
        )
        | Q(memberships__organisation_id=organisation.served_by_id)
    )
    if roles is not None:
        nearby &= Q(memberships__role__in=list(roles))
    candidates = User.objects.filter(nearby, is_active=True).distinct()
    return User.objects.filter(pk__in=[u.pk for u in candidates if can(u, action, case)])


def employee_organisations(user: User, action: str):
    """The organisations whose employee records `user` may `action`: changed by the employer
    administrator, seen by the employer side."""
    if action not in ("view", "change"):
        raise UnknownAction(f"unknown action {action!r} on employees")
    roles = (
        [Role.EMPLOYER_ADMIN] if action == "change" else [Role.EMPLOYER_ADMIN, Role.CASE_MANAGER]
    )
    return organisations_for(user, roles)


def visible_employees(user: User, action: str) -> QuerySet[Employee]:
    return Employee.objects.filter(organisation_id__in=_ids(employee_organisations(user, action)))
