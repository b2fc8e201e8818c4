"""Who may see which organisation: the base every other policy builds on.

A user reaches an organisation through a membership, and its child organisations when the membership
grants them (a holding). Models of higher apps keep their own policy beside them (cases/policies.py),
because the layers run one way: accounts never imports the apps that sit on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from .models import Membership, Organisation, User
from .roles import Role


def organisations_for(user: User, roles: Iterable[str]) -> QuerySet[Organisation]:
    """Organisations in which `user` holds one of `roles`, with children where granted."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    memberships = Membership.objects.filter(user=user, role__in=list(roles))
    direct = memberships.values("organisation")
    via_holding = memberships.filter(includes_children=True).values("organisation")
    return Organisation.objects.filter(Q(pk__in=direct) | Q(parent__in=via_holding)).distinct()


def roles_in(user: User, organisation: Organisation) -> set[str]:
    if not user.is_authenticated:
        return set()
    direct = Membership.objects.filter(user=user, organisation=organisation)
    held = set(direct.values_list("role", flat=True))
    if organisation.parent_id:
        held |= set(Membership.objects.filter(
            user=user, organisation_id=organisation.parent_id, includes_children=True,
        ).values_list("role", flat=True))
    return held


def primary_organisation(user: User) -> Organisation | None:
    """The organisation a user works in first: the one of their oldest employer-side membership."""
    membership = (Membership.objects.filter(user=user, role__in=[Role.EMPLOYER_ADMIN,
                                                                  Role.CASE_MANAGER])
                  .select_related("organisation").order_by("created_at", "pk").first())
    return membership.organisation if membership else None
