"""Statutory pregnancy and maternity leave (WAZO art. 3:1) of an employee. Recorded in a case, it is
neither sick days nor fit days, so a sickness period after the leave can join the episode before it
(WIA art. 23 lid 5 sub a; law.counting); the engine reads the case's rows as `law.Leave`
(cases.engine.facts_from). Recorded on the employee, outside any case, it takes her leave out of the
available days of the absence statistics (docs/statistics.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.law.facts import LEAVE_KINDS

from .case import Case
from .constraints import end_not_before_start
from .employee import Employee
from .recorded import Recorded


class LeavePeriod(Recorded):
    class Kind(models.TextChoices):  # the values are law.facts.LEAVE_KINDS
        PREGNANCY = LEAVE_KINDS[0], _("Pregnancy and maternity leave (WAZO)")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="leave_periods")
    # The case whose facts hold the leave; None for leave outside any case (the employee page).
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="leave_periods"
    )
    kind = models.CharField(
        _("kind of leave"), max_length=20, choices=Kind.choices, default=Kind.PREGNANCY
    )
    start = models.DateField(_("first day of leave"))
    end = models.DateField(_("last day of leave"))

    class Meta:
        verbose_name = _("leave period")
        verbose_name_plural = _("leave periods")
        ordering = ["start"]
        indexes = [models.Index(fields=["employee", "start"], name="leave_employee_start")]
        constraints = [end_not_before_start("leave_period_end_after_start")]

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"
