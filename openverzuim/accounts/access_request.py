"""The accounts part of the access request: the login and the roles it holds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .models import Membership, User
from .subject_access import as_record

TITLE = _("Your account")


def collect(user: User) -> dict:
    return {
        "account": as_record(user, exclude=("password",)),
        "memberships": [as_record(m) for m in Membership.objects.filter(user=user)],
    }
