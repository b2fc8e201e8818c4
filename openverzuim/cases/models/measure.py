"""Wage measures: a wage stop (BW 7:629 lid 3) or suspension (lid 6). They live beside the case
because the pay schedule (cases.engine) reads them; measures records and judges them (docs/measures.md).
The table was signals_wagemeasure until signals 0002 / cases 0003 moved it here, rows and all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from openverzuim.core.i18n import cited
from openverzuim.law.sanctions import STOP, SUSPENSION, ground_basis

from .case import Case
from .recorded import Recorded

if TYPE_CHECKING:
    from openverzuim.core.i18n import LazyStr


def _ground(ground: str, message: str) -> tuple[str, LazyStr]:
    """A ground's choice: its value and `message` with the article law.sanctions gives it."""
    return ground, cited(message, article=ground_basis(ground))


class WageMeasure(Recorded):
    """A wage stop (BW 7:629 lid 3) or suspension (lid 6), with the dates lid 7 and D13 judge by."""

    class Kind(models.TextChoices):  # the values are law.sanctions.MEASURE_KINDS
        SUSPENSION = SUSPENSION, _("Wage suspension (paid later once the rules are kept)")
        STOP = STOP, _("Wage stop (the wage for that time is lost)")

    class Ground(
        models.TextChoices
    ):  # the values are law.sanctions.GROUNDS, each citing its article
        LID3_A = _ground(
            "lid3_a",
            gettext_noop(
                "%(article)s: sickness caused on purpose, or false "
                "information at a pre-employment check"
            ),
        )
        LID3_B = _ground(
            "lid3_b", gettext_noop("%(article)s: recovery hindered or delayed by the employee")
        )
        LID3_C = _ground(
            "lid3_c", gettext_noop("%(article)s: suitable work refused without a valid reason")
        )
        LID3_D = _ground(
            "lid3_d",
            gettext_noop("%(article)s: reasonable instructions refused without a valid reason"),
        )
        LID3_E = _ground(
            "lid3_e", gettext_noop("%(article)s: no cooperation on the plan of action")
        )
        LID3_F = _ground(
            "lid3_f", gettext_noop("%(article)s: WIA application late without a valid reason")
        )
        LID6 = _ground("lid6", gettext_noop("%(article)s: written control rules not kept"))

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="wage_measures")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    ground = models.CharField(_("legal ground"), max_length=10, choices=Ground.choices)
    cause_known_on = models.DateField(_("cause became known on"))
    employee_told_on = models.DateField(_("employee told on"), null=True, blank=True)
    written_warning_on = models.DateField(_("written warning given on"), null=True, blank=True)
    rules_in_writing = models.BooleanField(
        _("the control rules were given in writing"),
        default=False,
        help_text=cited(
            gettext_noop("Required for a suspension (%(article)s)."), article=ground_basis("lid6")
        ),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    complied_on = models.DateField(
        _("employee kept the rules again on"),
        null=True,
        blank=True,
        help_text=_("For a suspension: from this day the withheld wage must be paid."),
    )

    class Meta:
        verbose_name = _("wage measure")
        verbose_name_plural = _("wage measures")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start}"
