"""`check_memberships`: existing memberships that the granting rules (accounts.policies.ROLE_KINDS,
GRANTABLE) would not have allowed, one line each; exit status 1 when there is any.

Run it once after upgrading, and after any change made outside the application: a physician placed
on an employer (it opens nothing since, but should go), a role held in the wrong kind of
organisation, an employee role without the employee record it belongs to (the role comes only with
accepting an invitation, which links the record), or a system administrator holding a role."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError

from openverzuim.accounts.models import Membership
from openverzuim.accounts.policies import role_fits
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Employee


def disallowed_memberships() -> Iterator[tuple[Membership, str]]:
    """(membership, the reason) for every membership the rules would refuse today."""
    memberships = Membership.objects.select_related("user", "organisation").order_by(
        "organisation__name", "user__username", "role"
    )
    linked = set(
        Employee.objects.filter(user__isnull=False).values_list("user_id", "organisation_id")
    )
    for membership in memberships:
        organisation = membership.organisation
        if not role_fits(membership.role, organisation):
            yield (
                membership,
                (
                    f"the role {membership.role} is not held in an organisation of kind "
                    f"{organisation.kind}"
                ),
            )
        if membership.role == Role.EMPLOYEE and (membership.user_id, organisation.pk) not in linked:
            yield membership, "an employee role without a linked employee record here"
        if membership.user.is_staff:
            yield membership, "a system administrator's login holds a role"


class Command(BaseCommand):
    help = "List memberships the granting rules would not allow; exit status 1 if there are any."

    def handle(self, *args, **options):
        found = 0
        for membership, reason in disallowed_memberships():
            found += 1
            self.stdout.write(
                f"membership {membership.pk}: {membership.user.get_username()}, "
                f"{membership.role} at {membership.organisation.name}: {reason}"
            )
        if found:
            raise CommandError(
                f"{found} membership(s) the granting rules would not allow; "
                f"remove them in the admin or correct the organisation."
            )
        self.stdout.write("Every membership follows the granting rules.")
