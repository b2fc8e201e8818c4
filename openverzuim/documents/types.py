"""The re-integration documents of the dossier, one declarative spec each (law.md §2.3-2.12).

Guidance texts say what UWV expects (BKP §5, RPG art. 4 and 6); `report_items` names the letters of
RPG art. 6 lid 1 a-l that the document supplies to the re-integration report. Letters are in
`letters.py`; `TYPES` below holds both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from openverzuim.core.i18n import cited
from openverzuim.law.citations import BKP, BW7, RPG, basis

from .letters import LETTERS
from .spec import EMPLOYEE, EMPLOYER, PHYSICIAN, ConditionalEvent, DocumentType, Field

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr

#: The physician's current advice, prefilled from the latest release (forms.initial_content): the
#: plan and the reviews build on it (RPG art. 4 lid 1 and lid 5). The employer may edit it.
_PHYSICIAN_ADVICE = Field(
    "physician_advice",
    _("The company doctor's advice"),
    "textarea",
    required=False,
    guidance=_(
        "Taken from the latest advice of the company doctor: functional limitations and "
        "possibilities, expected duration, advice on work. Adjust it to what you agreed; "
        "never add medical details."
    ),
)

#: RPG art. 4 lid 2 sub a: the plan names the activities of employer and employee.
_CONTENTS_A = RPG.art("4", lid="2", sub="a")


def _report_item(sub: str) -> LazyStr:
    """Guidance that is only the item of the re-integration report (RPG art. 6 lid 1) a field gives:
    the citation alone, the same in both languages, so no catalogue entry."""
    return cited("%(article)s.", article=RPG.art("6", lid="1", sub=sub))


_OWNER_TERM = (
    Field("description", _("Activity")),
    Field("owner", _("Who")),
    Field("term", _("By (date)"), "date"),
)

PROBLEM_ANALYSIS = DocumentType(
    code="problem_analysis",
    title=_("Problem analysis (employer's part)"),
    basis=basis(RPG.art("2", lid="2")),
    author=PHYSICIAN,
    signers=(PHYSICIAN,),
    event="problem_analysis",
    report_items=("f",),
    guidance=_(
        "Written by the occupational physician within six weeks. Only what the employer may "
        "know: functional limitations and possibilities, prognosis and advice. Never a "
        "diagnosis; the medical part stays in the physician's file."
    ),
    fields=(
        # Prefilled from the physician's latest release (forms.initial_content).
        Field(
            "limitations",
            _("Functional limitations and possibilities"),
            "textarea",
            guidance=_(
                "What the employee can and cannot do in work terms (e.g. no lifting over "
                "10 kg, 4 hours a day)."
            ),
        ),
        Field(
            "prognosis",
            _("Prognosis"),
            "textarea",
            guidance=_("Expected course and duration, in work terms."),
        ),
        Field(
            "advice",
            _("Advice on re-integration"),
            "textarea",
            guidance=cited(
                gettext_noop(
                    "How to use and enlarge the possibilities to return to work (%(article)s)."
                ),
                article=BKP.art("5"),
            ),
        ),
    ),
)

ACTION_PLAN = DocumentType(
    code="action_plan",
    title=_("Plan of action"),
    basis=basis(RPG.art("4", lid="2")),
    event="action_plan",
    report_items=("g",),
    free_text_label=_("Further agreements"),
    guidance=_(
        "Drawn up by the employer in agreement with the employee, within two weeks of the "
        "problem analysis. UWV checks that the goal is concrete, that every activity has an "
        "owner and a term, and that the plan is evaluated and adjusted. An adjustment "
        "(bijstelling) is a new version with its reason."
    ),
    fields=(
        _PHYSICIAN_ADVICE,
        Field(
            "goal",
            _("Goal"),
            "textarea",
            guidance=_(
                "The concrete work goal: own work, other work in the company, or work "
                "elsewhere, with hours."
            ),
        ),
        Field(
            "employer_activities",
            _("Activities of the employer"),
            "list",
            columns=_OWNER_TERM,
            guidance=cited(
                gettext_noop("What the employer does, who does it and by when (%(article)s)."),
                article=_CONTENTS_A,
            ),
        ),
        Field(
            "employee_activities",
            _("Activities of the employee"),
            "list",
            columns=_OWNER_TERM,
            guidance=cited(
                gettext_noop("What the employee does, and by when (%(article)s)."),
                article=_CONTENTS_A,
            ),
        ),
        Field(
            "evaluation_moments",
            _("Evaluation moments"),
            "textarea",
            guidance=cited(
                gettext_noop(
                    "At least every six weeks in practice, and at the end of the "
                    "first year (%(article)s)."
                ),
                article=RPG.art("4", lid="2", sub="b"),
            ),
        ),
        Field(
            "case_manager",
            _("Case manager"),
            guidance=cited(
                gettext_noop(
                    "The person who guides the activities and keeps in touch with "
                    "employee, employer and physician (%(article)s)."
                ),
                article=RPG.art("4", lid="2", sub="c"),
            ),
        ),
        Field(
            "communication",
            _("Communication agreements"),
            "textarea",
            guidance=_("How often and how employer and employee keep in touch."),
        ),
        Field(
            "work_resumption",
            _("Agreements on resuming work"),
            "textarea",
            guidance=_("Build-up of hours and tasks, as far as known."),
        ),
        Field(
            "experts_and_facilities",
            _("Experts and facilities"),
            "textarea",
            required=False,
            guidance=_("E.g. a vocational expert, coaching, workplace adjustments."),
        ),
        Field("training", _("Training"), "textarea", required=False),
        Field(
            "duration",
            _("Duration of the plan"),
            guidance=_("Until when the plan runs before it is evaluated as a whole."),
        ),
    ),
)

PROGRESS_REVIEW = DocumentType(
    code="progress_review",
    title=_("Progress review report"),
    basis=basis(BW7.art("658a", lid="3")),
    event="progress_review",
    event_date_field="review_date",
    report_items=("g",),
    guidance=_(
        "A written record of each progress review: what was agreed, what happened, and the "
        "next steps. UWV expects regular reviews; the practice is at least every six weeks."
    ),
    fields=(
        Field("review_date", _("Date of the review"), "date"),
        _PHYSICIAN_ADVICE,
        Field("agreed", _("What was agreed"), "textarea"),
        Field("happened", _("What happened"), "textarea"),
        Field("hours_worked", _("Hours worked per week"), "hours"),
        Field("next_steps", _("Next steps"), "list", columns=_OWNER_TERM),
    ),
)

_SECOND_TRACK_CHOICES = (
    ("own_company", _("Own company: a structural return within three months is expected")),
    ("other_employer", _("Other employer (second track)")),
    ("both", _("Both: own company and another employer")),
)

FIRST_YEAR_EVALUATION = DocumentType(
    code="first_year_evaluation",
    title=_("First-year evaluation"),
    basis=basis(RPG.art("4", lid="2", sub="b")),
    event="first_year_evaluation",
    report_items=("h",),
    conditional_events=(
        ConditionalEvent("second_track_decision", ("own_company",), "own_company_return_expected"),
    ),
    guidance=cited(
        gettext_noop(
            "The shake-up moment at the end of the first year: look back on year one and decide "
            "explicitly whether re-integration continues in the own company, with another employer, or "
            "both (%(article)s). Without a concrete prospect in the own company the second track starts "
            "within six weeks."
        ),
        article=BKP.art("5"),
    ),
    fields=(
        Field("looking_back", _("Looking back on the first year"), "textarea"),
        Field("current_work", _("Work done now (tasks and hours)"), "textarea"),
        Field(
            "second_track_decision",
            _("Decision on the second track"),
            "choice",
            choices=_SECOND_TRACK_CHOICES,
        ),
        Field(
            "decision_reason",
            _("Why this decision"),
            "textarea",
            guidance=_(
                "UWV asks for the reasoning, e.g. the physician's prognosis for the own work."
            ),
        ),
        Field("next_steps", _("Next steps"), "list", columns=_OWNER_TERM),
    ),
)

FINAL_EVALUATION = DocumentType(
    code="final_evaluation",
    title=_("Final evaluation"),
    basis=basis(RPG.art("6", lid="1", sub="h")),
    report_items=("h",),
    guidance=_(
        "The last evaluation before the re-integration report, at the latest in week 91: what "
        "was done, the result, and the situation now."
    ),
    fields=(
        Field("activities_done", _("Re-integration activities done"), "textarea"),
        Field("result", _("Result"), "textarea"),
        Field("current_situation", _("Current situation (work and hours)"), "textarea"),
    ),
)

CURRENT_OPINION = DocumentType(
    code="current_opinion",
    title=_("Physician's current opinion (employer's part)"),
    basis=basis(RPG.art("6", lid="1", sub="j")),
    author=PHYSICIAN,
    signers=(PHYSICIAN,),
    report_items=("j",),
    guidance=_(
        "The physician's current opinion on the course of the incapacity and the functional "
        "limitations and possibilities, about two weeks before the WIA application. No "
        "medical details."
    ),
    fields=(
        Field("course", _("Course of the incapacity"), "textarea"),
        Field("limitations", _("Functional limitations and possibilities"), "textarea"),
        Field("prognosis", _("Prognosis"), "textarea"),
    ),
)

EMPLOYER_REPORT_PART = DocumentType(
    code="report_employer_part",
    title=_("Re-integration report: employer's details"),
    basis=basis(RPG.art("6", lid="1")),
    signers=(EMPLOYER, PHYSICIAN),
    report_items=("b", "c", "d", "i", "k"),
    guidance=_(
        "The parts of the re-integration report only the employer can give. The opinions on "
        "the working relationship and on suitable work are given by employer and physician "
        "together."
    ),
    fields=(
        Field("business", _("Nature of the business"), "textarea", guidance=_report_item("b")),
        Field("job", _("The employee's job"), "textarea", guidance=_report_item("c")),
        Field(
            "competences",
            _("The employee's competences"),
            "textarea",
            guidance=cited(
                gettext_noop("Education, experience and skills (%(article)s)."),
                article=RPG.art("6", lid="1", sub="d"),
            ),
        ),
        Field(
            "working_relationship",
            _("Quality of the working relationship"),
            "textarea",
            guidance=_report_item("i"),
        ),
        Field(
            "suitable_work",
            _("Suitable work at the employer"),
            "textarea",
            guidance=_report_item("k"),
        ),
    ),
)

EMPLOYEE_OPINION = DocumentType(
    code="employee_opinion",
    title=_("Re-integration report: the employee's opinion"),
    basis=basis(RPG.art("6", lid="1", sub="l")),
    author=EMPLOYEE,
    signers=(EMPLOYEE,),
    report_items=("l",),
    guidance=_(
        "The employee's own opinion on the data and opinions in the report. The employee may "
        "disagree; UWV reads this part."
    ),
    fields=(Field("opinion", _("My opinion on the re-integration report"), "textarea"),),
)

REINTEGRATION_AGREEMENT = DocumentType(
    code="reintegration_agreement",
    title=_("Re-integration agreement"),
    basis=basis(BW7.art("658a"), BW7.art("660a")),
    guidance=_(
        "Mutual duties of employer and employee during re-integration, agreed early (weeks 2-3)."
    ),
    fields=(
        Field("employer_duties", _("The employer's duties"), "textarea"),
        Field("employee_duties", _("The employee's duties"), "textarea"),
        Field("contact", _("Contact agreements"), "textarea"),
    ),
)

WORK_ORDER = DocumentType(
    code="work_order",
    title=_("Re-integration work order"),
    basis=basis(BW7.art("660a")),
    guidance=_(
        "Concrete tasks for a short period, each with a deadline; tick what is done at the "
        "next meeting."
    ),
    fields=(
        Field("period", _("Period")),
        Field(
            "tasks",
            _("Tasks"),
            "list",
            columns=(
                Field("description", _("Task")),
                Field("deadline", _("Deadline"), "date"),
                Field("done", _("Done"), "checkbox", required=False),
            ),
        ),
    ),
)

TYPES: dict[str, DocumentType] = {
    t.code: t
    for t in (
        PROBLEM_ANALYSIS,
        ACTION_PLAN,
        PROGRESS_REVIEW,
        FIRST_YEAR_EVALUATION,
        FINAL_EVALUATION,
        CURRENT_OPINION,
        EMPLOYER_REPORT_PART,
        EMPLOYEE_OPINION,
        REINTEGRATION_AGREEMENT,
        WORK_ORDER,
        *LETTERS,
    )
}


def document_type(code: str) -> DocumentType:
    """The spec of `code`; KeyError for an unknown type (a 404 in the pages)."""
    return TYPES[code]
