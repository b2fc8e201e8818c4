"""What the signals app records: expert-opinion requests, the steps of the escalation paths, the
digests it sent and the users' private calendar links. Wage measures, which signals records and
judges too, live in cases (cases.models.WageMeasure) because the pay schedule reads them.

The dossier's own events live in cases (cases.Event); these records are for what has no event kind
there. A step that matches an event kind also records that event (see services.step_record).
"""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User
from openverzuim.cases.models import Case, Event, Recorded

from .paths import PATHS


class ExpertOpinionRequest(Recorded):
    """A request to UWV for an expert opinion (*deskundigenoordeel*, Wet SUWI art. 32)."""

    class Requester(models.TextChoices):
        EMPLOYER = "employer", _("Employer")
        EMPLOYEE = "employee", _("Employee")

    class Question(models.TextChoices):
        INCAPACITY = "incapacity", _("Is the employee unfit for work? (SUWI art. 32 lid 1)")
        EMPLOYEE_DUTIES = "employee_duties", _(
            "Does the employee keep the duties to cooperate? (SUWI art. 32 lid 2)")
        SUITABLE_WORK = "suitable_work", _("Is the work offered suitable? (SUWI art. 32 lid 3 a)")
        EMPLOYER_EFFORTS = "employer_efforts", _(
            "Has the employer done enough for re-integration? (SUWI art. 32 lid 3 b)")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("No opinion yet")
        YES = "yes", _("UWV answered yes")
        NO = "no", _("UWV answered no")
        WITHDRAWN = "withdrawn", _("Request withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="expert_opinions")
    requester = models.CharField(_("who asked"), max_length=10, choices=Requester.choices)
    question = models.CharField(_("question"), max_length=20, choices=Question.choices)
    for_dismissal = models.BooleanField(
        _("needed for a dismissal request"), default=False,
        help_text=_("UWV charges the employer nothing then."))
    requested_on = models.DateField(_("requested on"))
    fee = models.DecimalField(_("fee"), max_digits=8, decimal_places=2, editable=False)
    fee_provisional = models.CharField(max_length=120, blank=True, editable=False)
    opinion_on = models.DateField(_("opinion received on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices,
                               default=Outcome.PENDING)

    class Meta:
        verbose_name = _("expert-opinion request")
        verbose_name_plural = _("expert-opinion requests")
        ordering = ["requested_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_question_display()} {self.requested_on}"


class EscalationStep(Recorded):
    """One step taken on a guided path (signals.paths): who took which step, when, and what follows.

    Steps of the employee's own path are visible to the employee only; the employer's paths are part
    of the dossier."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalation_steps")
    path = models.CharField(_("path"), max_length=20)
    step = models.CharField(_("step"), max_length=40)
    taken_on = models.DateField(_("date"))
    follow_up_on = models.DateField(
        _("check again on"), null=True, blank=True,
        help_text=_("For an agreement or a work order: the day you check it was kept."))
    event = models.OneToOneField(Event, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="escalation_step")

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


class DigestSent(models.Model):
    """The daily e-mail went to this user for this day: the job sends it once (idempotence)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    duties = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_per_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's private iCal link: whoever has the token reads the user's duties; regenerate to revoke."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}"
