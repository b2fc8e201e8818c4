"""The employee's own medical file in the access request (AVG art. 15): what the vault holds about
them, decrypted for them alone; letters are listed by name and size, the file itself is downloaded
from the vault page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User
from openverzuim.accounts.subject_access import as_record

from .selectors import own_medical_file

TITLE = _("Your medical file (occupational physician)")


def collect(user: User) -> dict:
    held = own_medical_file(user)
    return {
        "consultation_notes": [as_record(n) for n in held.notes],
        "problem_analysis_medical_part": [as_record(a) for a in held.analyses],
        "diagnoses": [as_record(d) for d in held.diagnoses],
        "correspondence": [as_record(c, exclude=("file_content",)) for c in held.correspondence],
    }
