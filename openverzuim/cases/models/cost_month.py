"""The cost of absence per case and month, kept by `cases.costs` so that the cost report sums rows
in the database instead of running every case's pay schedule per request (issue 17).

A pay schedule does not depend on the day it is asked (only the facts it is given), so the rows stay
true until a fact of the case changes; the services that change one rewrite its rows in the same
transaction, and `CostCalculation.version` marks rows an older engine wrote."""

from django.db import models

from openverzuim.accounts.models import Organisation

from .case import Case


class CostMonth(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cost_months")
    # Denormalised from the case, so that a tenant's months are one index range.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the calendar month
    # Wages paid without work in the month (decision D12: pay for hours worked is no cost).
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "month"], name="cost_month_one_per_case_month")
        ]
        indexes = [models.Index(fields=["organisation", "month"], name="cost_month_org_month")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.month:%Y-%m}: {self.amount}"


class CostCalculation(models.Model):
    """That a case's months were worked out, by which version of the pay engine, and whether it has
    a pay schedule at all (no employment with a wage: none)."""

    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.CASCADE, related_name="cost_calculation"
    )
    version = models.PositiveSmallIntegerField()
    has_schedule = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"
