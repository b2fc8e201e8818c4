"""Who reaches the vault: the occupational physician, for the organisations they serve.

A physician serves the clients of the arbodienst in which they hold the physician role, and no
one else: the role placed on an employer directly opens nothing (accounts.policies.ROLE_KINDS). No
other role reaches a vault record, whatever else it may see (architecture.md rule 5).
"""

from __future__ import annotations

from django.db.models import QuerySet

from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.policies import served_organisations_for
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Case


def is_physician(user: User) -> bool:
    """Holds the physician role anywhere: the only users who learn that the vault exists."""
    return (
        user.is_authenticated
        and user.is_active
        and Membership.objects.filter(user=user, role=Role.OCCUPATIONAL_PHYSICIAN).exists()
    )


def served_organisations(user: User) -> QuerySet[Organisation]:
    return served_organisations_for(user, [Role.OCCUPATIONAL_PHYSICIAN])


def physician_cases(user: User) -> QuerySet[Case]:
    """The cases whose vault `user` may read and write."""
    if not is_physician(user):
        return Case.objects.none()
    return Case.objects.filter(organisation__in=served_organisations(user).values("pk"))
