"""The employer's letters to the employee: invitation, written warning, notice of wage suspension or
stop, and the summary for a UWV expert opinion. Signed by the employer alone (the sender)."""

from __future__ import annotations

from typing import TypedDict

from django.utils.translation import gettext_lazy as _

from openverzuim.law.citations import BW7, SUWI, basis

from .spec import EMPLOYER, DocumentType, Field


class _Letter(TypedDict):
    signers: tuple[str, ...]
    letter: bool


_LETTER: _Letter = {"signers": (EMPLOYER,), "letter": True}

INVITATION = DocumentType(
    code="review_invitation", title=_("Invitation to a progress review"), basis=basis(BW7.art("660a")),
    guidance=_("Invite the employee in writing, with date, place and what will be discussed."),
    fields=(
        Field("meeting_date", _("Date of the meeting"), "date"),
        Field("meeting_place", _("Time and place")),
        Field("agenda", _("What will be discussed"), "textarea"),
    ), **_LETTER)

WRITTEN_WARNING = DocumentType(
    code="written_warning", title=_("Written warning (schriftelijke aanmaning)"),
    basis=basis(BW7.art("671b", lid="5")),
    guidance=_("Name the duty the employee does not meet, what is expected and by when, and the "
               "consequence if not. A prerequisite for a wage stop and for dismissal for not "
               "cooperating."),
    fields=(
        Field("duty", _("The duty not met"), "textarea"),
        Field("expected", _("What is expected"), "textarea"),
        Field("deadline", _("By (date)"), "date"),
        Field("consequence", _("Consequence if not"), "textarea"),
    ), **_LETTER)

#: The grounds of BW 7:629 lid 3 a-f (stop) and lid 6 (suspension), each with its effect on back pay,
#: so that the letter states both (law.md §4.5).
WAGE_GROUNDS = (
    ("lid3a", _("BW 7:629 lid 3 sub a (sickness caused intentionally or false information at a "
                "medical examination): wage stop, the wage is not paid afterwards")),
    ("lid3b", _("BW 7:629 lid 3 sub b (recovery hindered or delayed): wage stop, the wage is not "
                "paid afterwards")),
    ("lid3c", _("BW 7:629 lid 3 sub c (suitable work refused without valid reason): wage stop, "
                "the wage is not paid afterwards")),
    ("lid3d", _("BW 7:629 lid 3 sub d (reasonable instructions for suitable work not followed): "
                "wage stop, the wage is not paid afterwards")),
    ("lid3e", _("BW 7:629 lid 3 sub e (no cooperation with the plan of action): wage stop, the "
                "wage is not paid afterwards")),
    ("lid3f", _("BW 7:629 lid 3 sub f (WIA application filed late): wage stop, the wage is not "
                "paid afterwards")),
    ("lid6", _("BW 7:629 lid 6 (written control rules not followed): wage suspension, the wage is "
               "paid afterwards once the rules are followed")),
)

WAGE_NOTICE = DocumentType(
    code="wage_notice", title=_("Notice of wage suspension or wage stop"), basis=basis(BW7.art("629", lid="7")),
    guidance=_("Tell the employee without delay once the ground is known (BW 7:629 lid 7), naming "
               "the legal ground and its effect on back pay."),
    fields=(
        Field("ground", _("Legal ground and effect on back pay"), "choice", choices=WAGE_GROUNDS),
        Field("facts", _("What happened"), "textarea"),
        Field("known_on", _("Date the ground became known"), "date"),
        Field("start", _("Suspension or stop from"), "date"),
    ), **_LETTER)

EXPERT_OPINION_REQUEST = DocumentType(
    code="expert_opinion_request", title=_("Summary for a UWV expert opinion"),
    basis=basis(SUWI.art("32")),
    guidance=_("The question to UWV (deskundigenoordeel) and the facts it needs: the positions of "
               "employer and employee."),
    fields=(
        Field("question", _("The question to UWV"), "textarea"),
        Field("employer_position", _("The employer's position"), "textarea"),
        Field("employee_position", _("The employee's position, as far as known"), "textarea",
              required=False),
    ), **_LETTER)

LETTERS = (INVITATION, WRITTEN_WARNING, WAGE_NOTICE, EXPERT_OPINION_REQUEST)
