"""A task someone on the case set themselves or a colleague: "call her back Thursday".

Tasks reach the worklist, the digest and the calendar feed through the duty table: an open task
has one duty row (`Task.duty`), written by `cases.tasks` beside the engine's rows, so that every
reader of what is due keeps its one selector (`cases.selectors.duties_for`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User

from .case import Case
from .duty import Duty
from .event import Event


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(
        _("what"), max_length=200, help_text=_("Never record medical information here.")
    )
    due = models.DateField(_("due date"))
    assignee = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned to")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    # The note, call or meeting whose follow-up this is, if any.
    follows_up = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(_("completed or cancelled on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The task's row in the duty table while it is open.
    duty = models.OneToOneField(
        Duty, null=True, blank=True, on_delete=models.SET_NULL, related_name="task"
    )
    # Counts every change: a form carries it, so that two people acting on one task at once
    # cannot both win (docs/concurrency.md).
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["case", "status"], name="task_case_status")]

    def __str__(self) -> str:
        return f"{self.title} {self.due}"
