"""The accounts part of the access request: the login and the roles it holds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Membership, User
from .subject_access import Section, as_record, readable_fields

TITLE = _("Your account")


def collect(user: User) -> dict:
    return {
        "account": as_record(user, exclude=("password",)),
        "memberships": [as_record(m) for m in Membership.objects.filter(user=user)],
    }


def readable(user: User) -> list[Section]:
    memberships = Membership.objects.filter(user=user).select_related("organisation", "department")
    return [
        Section(str(_("Login")), rows=readable_fields(user)),
        *(
            Section(
                f"{m.get_role_display()} · {m.organisation}",
                rows=readable_fields(m, exclude=("user",)),
            )
            for m in memberships
        ),
    ]
