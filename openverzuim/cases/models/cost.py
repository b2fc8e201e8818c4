"""Known costs of re-integration (a vocational expert, a second-track bureau, a workplace adjustment):
with the wages paid without work they make the cost of a case (issue 7)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from openverzuim.accounts.models import User

from .case import Case

MAX_COST = Decimal("1000000")


class ReintegrationCost(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reintegration_costs")
    date = models.DateField(_("date"))
    description = models.CharField(
        _("description"), max_length=200, help_text=_("What was bought, never medical details.")
    )
    amount = models.DecimalField(
        _("amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_COST)],
    )
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("re-integration cost")
        verbose_name_plural = _("re-integration costs")
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="reintegration_cost_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.description}: {self.amount}"
