"""The medical file in the access request of the portal (AVG art. 15): only that it exists and
where to ask for it. Its content is never part of that export: the physician is its controller, and
the employee receives it from the vault's own page after a second factor (views.own_file)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.accounts.models import User
from openverzuim.accounts.subject_access import Section

from .selectors import own_medical_file_exists

TITLE = gettext_lazy("Your medical file (occupational physician)")


def collect(user: User) -> dict:
    return {
        "medical_file_held": own_medical_file_exists(user),
        "where_to_ask": reverse("medical:own_file"),
        "explanation": _(
            "The occupational physician keeps your medical file, not your employer, "
            "so it is not part of this download. Ask for it on the page named here: "
            "you confirm who you are with a second login step first."
        ),
    }


def readable(user: User) -> list[Section]:
    data = collect(user)
    held = _("Yes, the occupational physician holds a medical file about you.")
    none = _("No, the occupational physician holds no medical file about you.")
    return [
        Section(
            _("Medical file"),
            rows=[(_("Where to ask for it"), data["where_to_ask"])],
            lines=[held if data["medical_file_held"] else none, data["explanation"]],
        )
    ]
