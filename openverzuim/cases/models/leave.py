"""Statutory pregnancy and maternity leave (WAZO art. 3:1): neither sick days nor days available
for work, so absence statistics leave them out of both (docs/statistics.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .constraints import end_not_before_start
from .employee import Employment


class Leave(models.Model):
    class Kind(models.TextChoices):  # law.facts.LEAVE_KINDS
        PREGNANCY = "pregnancy", _("pregnancy and maternity leave")

    employment = models.ForeignKey(Employment, on_delete=models.CASCADE, related_name="leaves")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PREGNANCY)
    start = models.DateField(_("first day of leave"))
    end = models.DateField(_("last day of leave"))

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["start"]
        constraints = [end_not_before_start("leave_end_after_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}–{self.end}"
