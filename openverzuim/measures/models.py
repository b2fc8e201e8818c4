"""What the measures app records: expert-opinion requests and the steps of the escalation paths.
Wage measures, which this app records and judges too, live in cases (cases.models.WageMeasure)
because the pay schedule reads them.

The dossier's own events live in cases (cases.Event); these records are for what has no event kind
there. A step that matches an event kind also records that event (see services.step_record).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from openverzuim.cases.models import Case, Event, Recorded
from openverzuim.core.i18n import cited
from openverzuim.law.sanctions import EXPERT_QUESTIONS

from .paths import PATHS

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr


def _question(key: str, message: str) -> tuple[str, LazyStr]:
    """A question's choice: its key and `message` with the article law.sanctions gives it."""
    return key, cited(message, article=EXPERT_QUESTIONS[key])


class ExpertOpinionRequest(Recorded):
    """A request to UWV for an expert opinion (*deskundigenoordeel*, Wet SUWI art. 32)."""

    class Requester(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        EMPLOYEE = "employee", _("Employee")

    class Question(models.TextChoices):
        INCAPACITY = _question(
            "incapacity", gettext_noop("Is the employee unfit for work? (%(article)s)")
        )
        EMPLOYEE_DUTIES = _question(
            "employee_duties",
            gettext_noop("Does the employee keep the duties to cooperate? (%(article)s)"),
        )
        SUITABLE_WORK = _question(
            "suitable_work", gettext_noop("Is the work offered suitable? (%(article)s)")
        )
        EMPLOYER_EFFORTS = _question(
            "employer_efforts",
            gettext_noop("Has the employer done enough for re-integration? (%(article)s)"),
        )

    class Outcome(models.TextChoices):
        PENDING = "pending", _("No opinion yet")
        YES = "yes", _("UWV answered yes")
        NO = "no", _("UWV answered no")
        WITHDRAWN = "withdrawn", _("Request withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="expert_opinions")
    requester = models.CharField(_("who asked"), max_length=10, choices=Requester.choices)
    question = models.CharField(_("question"), max_length=20, choices=Question.choices)
    for_dismissal = models.BooleanField(
        _("needed for a dismissal request"),
        default=False,
        help_text=_("UWV charges the employer nothing then."),
    )
    requested_on = models.DateField(_("requested on"))
    fee = models.DecimalField(_("fee"), max_digits=8, decimal_places=2, editable=False)
    fee_provisional = models.CharField(max_length=120, blank=True, editable=False)
    opinion_on = models.DateField(_("opinion received on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )

    class Meta:
        verbose_name = _("expert-opinion request")
        verbose_name_plural = _("expert-opinion requests")
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_question_display()} {self.requested_on}"


class EscalationStep(Recorded):
    """One step taken on a guided path (measures.paths): who took which step, when, and what follows.

    Steps of the employee's own path are visible to the employee only; the employer's paths are part
    of the dossier."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalation_steps")
    path = models.CharField(_("path"), max_length=20)
    step = models.CharField(_("step"), max_length=40)
    taken_on = models.DateField(_("date"))
    follow_up_on = models.DateField(
        _("check again on"),
        null=True,
        blank=True,
        help_text=_("For an agreement or a work order: the day you check it was kept."),
    )
    event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="escalation_step"
    )

    class Meta:
        verbose_name = _("escalation step")
        verbose_name_plural = _("escalation steps")
        ordering = ["taken_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.path}/{self.step} {self.taken_on}"

    @property
    def title(self):
        step = PATHS[self.path].step(self.step) if self.path in PATHS else None
        return step.title if step else self.step
