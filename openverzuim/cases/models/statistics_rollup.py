"""The daily rollup of the absence statistics (docs/statistics.md, "The rollup"), kept by
`cases.statistics_rollup` so that a year's dashboard sums a bounded number of stored rows instead
of clipping every employment and sickness period to every window at request time (issue 20).

`StatisticsTotal` holds the rows the dashboard sums: per organisation, department, kind, day and
`since` (the first window end at which the row counts), the summed deltas of every employee.
`StatisticsContribution` holds each employee's own rows, so that a change rewrites only the
difference it makes to the totals. The department is a plain number (`NO_DEPARTMENT` for none),
as in `CostTotal`: the employee's department when the rows were written."""

from django.db import models

from openverzuim.accounts.models import Organisation

from .employee import Employee

ALL_DEPARTMENTS = -1


class StatisticsTotal(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # Department.pk, NO_DEPARTMENT, or ALL_DEPARTMENTS: the organisation's sum of the others, so
    # that the whole employer's windows read a department's number of rows, not all of them.
    department_key = models.IntegerField()
    kind = models.PositiveSmallIntegerField()  # cases.statistics_rollup: AVAILABLE, SICK, ...
    day = models.IntegerField()  # a day number (cases.stretches.day_number)
    since = models.IntegerField()  # counts in windows ending on or after this day number
    fte = models.FloatField()  # weighed by the part-time factor
    head = models.FloatField()  # weighed by headcount
    pay = models.FloatField()  # the gross wage of a calendar day
    n = models.IntegerField()  # calendar days employed, or a number of periods or people
    days = models.IntegerField()  # the durations of ended periods

    class Meta:
        # Also the index of the reads: an organisation's rows (or one department's) up to the
        # latest window end.
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "department_key", "since", "kind", "day"],
                name="statistics_total_one_per_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.department_key} {self.kind} {self.day}/{self.since}"


class StatisticsContribution(models.Model):
    """One employee's rows of the rollup as last written: what a rewrite takes back out."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # JSON: [[department_key, kind, day, since, fte, head, pay, n, days], ...]; text, so that the
    # nightly rebuild writes it with core.bulk as it is encoded.
    rows = models.TextField(default="[]")

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.rows[:40]}"


class StatisticsPending(models.Model):
    """An organisation whose data predates the rollup (written by the migration that brought this
    table), to be written afresh by the next daily job; `statistics_rebuild` removes the row."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"rollup of organisation {self.organisation_id} to be written"
