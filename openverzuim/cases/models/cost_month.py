"""The cost of absence per month, kept by `cases.costs` so that the cost report sums a few stored
rows instead of running every case's pay schedule per request (issue 17).

A pay schedule does not depend on the day it is asked (only on the facts it is given), so its months
stay true until a fact of the case changes; the services that change one rewrite them in the same
transaction. `CostMonth` holds a case's months; `CostTotal` their sums per organisation, department
and month, kept by adding the difference each rewrite makes, so that a whole employer's report
reads a few hundred rows whatever its caseload. `CostCalculation.version` marks months an older pay
engine wrote.

The department is a plain number (`NO_DEPARTMENT` for none), not a foreign key: it is the
employee's department when the months were written, and a sum must stay where it was added even
if the department is later deleted (the report then shows it under "no department")."""

from django.db import models

from openverzuim.accounts.models import Organisation

from .case import Case

NO_DEPARTMENT = 0


class CostMonth(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cost_months")
    # Denormalised from the case, so that a tenant's months are one index range.
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    department_key = models.PositiveIntegerField()  # Department.pk, or NO_DEPARTMENT
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


class CostTotal(models.Model):
    """The sum of the `CostMonth` rows of one organisation, department and month."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    department_key = models.PositiveIntegerField()
    month = models.DateField()
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "department_key"],
                name="cost_total_one_per_organisation_month_department",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.department_key} {self.month:%Y-%m}: {self.amount}"


class CostCalculation(models.Model):
    """That a case's months were worked out, by which version of the pay engine, and whether it has
    a pay schedule at all (no employment with a wage: none)."""

    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.CASCADE, related_name="cost_calculation"
    )
    version = models.PositiveSmallIntegerField()  # 0: not worked out yet (a case from before)
    has_schedule = models.BooleanField()

    class Meta:
        # The cost report counts the few calculations without a schedule, or by an older engine,
        # from these instead of reading every case.
        indexes = [
            models.Index(fields=["version"], name="cost_calculation_version"),
            models.Index(
                fields=["case"],
                condition=models.Q(has_schedule=False),
                name="cost_calculation_without_wage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"
