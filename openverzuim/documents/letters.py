"""The employer's letters to the employee: invitation, written warning, notice of wage suspension or
stop, and the summary for a UWV expert opinion. Signed by the employer alone (the sender)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from openverzuim.core.i18n import cited
from openverzuim.law.citations import BW7, SUWI, basis
from openverzuim.law.sanctions import ground_basis

from .spec import EMPLOYER, DocumentType, Field

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr


class _Letter(TypedDict):
    signers: tuple[str, ...]
    letter: bool


_LETTER: _Letter = {"signers": (EMPLOYER,), "letter": True}

INVITATION = DocumentType(
    code="review_invitation",
    title=_("Invitation to a progress review"),
    basis=basis(BW7.art("660a")),
    guidance=_("Invite the employee in writing, with date, place and what will be discussed."),
    fields=(
        Field("meeting_date", _("Date of the meeting"), "date"),
        Field("meeting_place", _("Time and place")),
        Field("agenda", _("What will be discussed"), "textarea"),
    ),
    **_LETTER,
)

WRITTEN_WARNING = DocumentType(
    code="written_warning",
    title=_("Written warning (schriftelijke aanmaning)"),
    basis=basis(BW7.art("671b", lid="5")),
    guidance=_(
        "Name the duty the employee does not meet, what is expected and by when, and the "
        "consequence if not. A prerequisite for a wage stop and for dismissal for not "
        "cooperating."
    ),
    fields=(
        Field("duty", _("The duty not met"), "textarea"),
        Field("expected", _("What is expected"), "textarea"),
        Field("deadline", _("By (date)"), "date"),
        Field("consequence", _("Consequence if not"), "textarea"),
    ),
    **_LETTER,
)


def _ground(value: str, ground: str, message: str) -> tuple[str, LazyStr]:
    """A ground's choice: its value and `message` with the article law.sanctions gives `ground`."""
    return value, cited(message, article=ground_basis(ground))


#: The grounds of BW 7:629 lid 3 a-f (stop) and lid 6 (suspension), each with its effect on back pay,
#: so that the letter states both (law.md §4.5).
WAGE_GROUNDS = (
    _ground(
        "lid3a",
        "lid3_a",
        gettext_noop(
            "%(article)s (sickness caused intentionally or false information "
            "at a medical examination): wage stop, the wage is not paid "
            "afterwards"
        ),
    ),
    _ground(
        "lid3b",
        "lid3_b",
        gettext_noop(
            "%(article)s (recovery hindered or delayed): wage stop, the wage is not paid afterwards"
        ),
    ),
    _ground(
        "lid3c",
        "lid3_c",
        gettext_noop(
            "%(article)s (suitable work refused without valid reason): wage "
            "stop, the wage is not paid afterwards"
        ),
    ),
    _ground(
        "lid3d",
        "lid3_d",
        gettext_noop(
            "%(article)s (reasonable instructions for suitable work not "
            "followed): wage stop, the wage is not paid afterwards"
        ),
    ),
    _ground(
        "lid3e",
        "lid3_e",
        gettext_noop(
            "%(article)s (no cooperation with the plan of action): wage "
            "stop, the wage is not paid afterwards"
        ),
    ),
    _ground(
        "lid3f",
        "lid3_f",
        gettext_noop(
            "%(article)s (WIA application filed late): wage stop, the wage is not paid afterwards"
        ),
    ),
    _ground(
        "lid6",
        "lid6",
        gettext_noop(
            "%(article)s (written control rules not followed): wage suspension, "
            "the wage is paid afterwards once the rules are followed"
        ),
    ),
)

#: The notice without delay that a wage suspension or stop needs.
_NOTICE = BW7.art("629", lid="7")

WAGE_NOTICE = DocumentType(
    code="wage_notice",
    title=_("Notice of wage suspension or wage stop"),
    basis=basis(_NOTICE),
    guidance=cited(
        gettext_noop(
            "Tell the employee without delay once the ground is known (%(article)s), "
            "naming the legal ground and its effect on back pay."
        ),
        article=_NOTICE,
    ),
    fields=(
        Field("ground", _("Legal ground and effect on back pay"), "choice", choices=WAGE_GROUNDS),
        Field("facts", _("What happened"), "textarea"),
        Field("known_on", _("Date the ground became known"), "date"),
        Field("start", _("Suspension or stop from"), "date"),
    ),
    **_LETTER,
)

EXPERT_OPINION_REQUEST = DocumentType(
    code="expert_opinion_request",
    title=_("Summary for a UWV expert opinion"),
    basis=basis(SUWI.art("32")),
    guidance=_(
        "The question to UWV (deskundigenoordeel) and the facts it needs: the positions of "
        "employer and employee."
    ),
    fields=(
        Field("question", _("The question to UWV"), "textarea"),
        Field("employer_position", _("The employer's position"), "textarea"),
        Field(
            "employee_position",
            _("The employee's position, as far as known"),
            "textarea",
            required=False,
        ),
    ),
    **_LETTER,
)

LETTERS = (INVITATION, WRITTEN_WARNING, WAGE_NOTICE, EXPERT_OPINION_REQUEST)
