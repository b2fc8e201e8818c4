"""The persisted duty table: each case's milestones as rows, written only by `cases.duties`.

One row per (case, milestone) of every open case, from one engine run (law.timeline). The status is
the engine's, except that "overdue" is not stored: a pending duty is `open`, and it is overdue when
its due date lies before today, compared in the query. So the passing of days needs no write.

Beside them, one row per open task (milestone TASK, linked from `Task.duty`): written by cases.tasks,
never by the engine's writer, so that the worklist, digest and calendar read both through one
selector. The link lives on the task, so that this table keeps the columns the migration that
filled it (0006) knows.
"""

from datetime import date

from django.db import models
from django.db.models import ExpressionWrapper, Q, QuerySet

from openverzuim.accounts.models import Organisation, User
from openverzuim.law import MILESTONE_RULES, Rule

from .case import Case

_RULES = {rule.id: rule for rule in MILESTONE_RULES}

#: The milestone column of a task's row: no rule of the engine is called so.
TASK = "task"


class DutyQuerySet(QuerySet):
    def pending(self, today: date) -> "DutyQuerySet":
        """Duties still to be done (open or overdue), each with `overdue` computed by the database."""
        return self.filter(status=Duty.Status.OPEN, due__isnull=False).annotate(
            overdue=ExpressionWrapper(Q(due__lt=today), output_field=models.BooleanField())
        )


class Duty(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"  # pending: overdue when `due` < today
        DONE = "done"
        LATE = "late"
        NOT_APPLICABLE = "not_applicable"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="duties")
    # Denormalised from the case, so that the tenant filter and the index meet in one table.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the case manager
    milestone = models.CharField(max_length=40)  # law.timeline rule id
    due = models.DateField(null=True)
    window_start = models.DateField(null=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    done_on = models.DateField(null=True)
    engine_version = models.PositiveSmallIntegerField()

    objects = DutyQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "milestone"],
                condition=~models.Q(milestone=TASK),
                name="duty_one_row_per_case_milestone",
            )
        ]
        # Every page reads pending rows (`status` = open) of a few organisations or of one
        # assignee, by due date: these serve both the ordered rows with LIMIT and the counts,
        # from the index alone.
        indexes = [
            models.Index(
                fields=["organisation", "status", "due"], name="duty_organisation_status_due"
            ),
            models.Index(fields=["assignee", "status", "due"], name="duty_assignee_status_due"),
            models.Index(fields=["status", "due"], name="duty_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.milestone} {self.due} ({self.status})"

    @property
    def is_task(self) -> bool:
        """A task's row: `task` (cases.models.Task.duty, read with select_related) is the task."""
        return self.milestone == TASK

    @property
    def rule(self) -> Rule:
        """The engine's rule: who is accountable, who takes part, the legal basis."""
        return _RULES[self.milestone]
