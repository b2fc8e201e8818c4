"""Sickness periods and partial resumptions inside a case."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .constraints import end_not_before_start


class SicknessPeriod(models.Model):
    """Incapacity for the agreed work; `end` is the last sick day (recovery is end + 1)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="periods")
    start = models.DateField(_("first sick day"))
    end = models.DateField(_("last sick day"), null=True, blank=True)

    class Meta:
        verbose_name = _("sickness period")
        verbose_name_plural = _("sickness periods")
        ordering = ["start"]
        constraints = [
            end_not_before_start("sickness_period_end_after_start"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(end__isnull=True),
                name="one_open_period_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start}–{self.end or '…'}"


class WorkResumption(models.Model):
    """From `start`, the employee works some hours while still sick: partial incapacity is
    incapacity (timeline-contract.md), so the period goes on until full recovery."""

    class Kind(models.TextChoices):
        OWN_WORK = "own_work", _("own work")
        SUITABLE_WORK = "suitable_work", _("other suitable work")
        THERAPEUTIC = "therapeutic", _("therapeutic work")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="resumptions")
    start = models.DateField(_("from"))
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=5, decimal_places=2)
    kind = models.CharField(_("kind of work"), max_length=20, choices=Kind.choices)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("work resumption")
        verbose_name_plural = _("work resumptions")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0), name="resumption_hours_positive"
            )
        ]
