"""Each timeline duty in plain language: what to do, in two sentences, and what happens when it is missed.

The dates and statuses come from the engine (law.timeline), the texts from the milestone registry
(law/milestones.py), translated here; this module only adds what the guide shows beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from openverzuim.core.i18n import law_text
from openverzuim.documents.spec import EMPLOYER
from openverzuim.documents.types import TYPES
from openverzuim.law import MILESTONE_RULES

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr


@dataclass(frozen=True)
class Explanation:
    what: LazyStr
    why: LazyStr
    topic: str = ""  # slug of the knowledge page that explains more


EMPLOYER_DUTIES = {
    rule.id: Explanation(law_text(rule.duty.what), law_text(rule.duty.why), rule.duty.topic)
    for rule in MILESTONE_RULES
}

#: The document that fulfils a duty, prepared from the dossier by the employer (documents.types): one
#: click away. A document the physician writes (the problem analysis) is not the employer's to open.
DOCUMENT_FOR = {
    spec.event: code for code, spec in TYPES.items() if spec.event and spec.author == EMPLOYER
}

#: The employee's part of the duties they take part in.
EMPLOYEE_DUTIES = {
    rule.id: law_text(rule.employee_duty) for rule in MILESTONE_RULES if rule.employee_duty
}

#: What an employee must always do, whatever the date (BW 7:660a; BW 7:629 lid 6).
EMPLOYEE_STANDING_DUTIES = (
    _("Follow your employer's rules for reporting sick and being reachable."),
    _("See the company doctor when you are invited."),
    _("Do suitable work your employer offers, and cooperate with what helps you return."),
)
