"""Retention of the employer's dossiers (law.md D17; settings RETENTION_*_YEARS):

- the re-integration file (a closed case with its periods, resumptions and events) is deleted
  RETENTION_CASE_YEARS after the case was closed;
- the employee record with its employments (the employer's absence administration) is deleted
  RETENTION_EMPLOYMENT_YEARS after the last employment ended, once no case of theirs is left.

- an uploaded payroll file (wages, dates of birth) that was never imported loses its content
  PAYROLL_FILE_DAYS after the upload; an imported one lost it when it was imported.

Open cases and employees still employed are never touched. Each removal leaves an audit entry
that names what went, not what it said.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q

from openverzuim.accounts.audit import record_removal
from openverzuim.accounts.retention import Removal, years_after
from openverzuim.notifications.models import Notification

from .models import Case, Employee, PayrollImport
from .statistics_rollup import statistics_refresh

#: Days an uploaded payroll file that is not imported is kept (to finish the mapping and preview).
PAYROLL_FILE_DAYS = 7


def _expired_cases(today: date) -> list[Removal]:
    term = settings.RETENTION_CASE_YEARS
    cases = (
        Case.objects.filter(closed_on__isnull=False)
        .order_by("pk")
        .values_list("pk", "organisation_id", "closed_on")
    )
    return [
        Removal("case", pk, organisation, f"closed {closed}, term {term} years")
        # closed_on__isnull=False above; the types do not follow a filter.
        for pk, organisation, closed in cases
        if years_after(closed, term) <= today  # type: ignore[arg-type]
    ]


def _expired_employees(today: date, leaving_cases: set[int]) -> list[Removal]:
    term = settings.RETENTION_EMPLOYMENT_YEARS
    employees = (
        Employee.objects.annotate(
            last_end=Max("employments__end"),
            current=Count("employments", filter=Q(employments__end__isnull=True)),
        )
        .filter(current=0, last_end__isnull=False)
        .order_by("pk")
    )
    removals = []
    for employee in employees:
        remaining = set(employee.cases.values_list("pk", flat=True)) - leaving_cases
        if not remaining and years_after(employee.last_end, term) <= today:
            removals.append(
                Removal(
                    "employee",
                    employee.pk,
                    employee.organisation_id,
                    f"employment ended {employee.last_end}, term {term} years",
                )
            )
    return removals


def _stale_payroll_files(today: date) -> list[Removal]:
    runs = (
        PayrollImport.objects.filter(created_at__date__lt=today - timedelta(days=PAYROLL_FILE_DAYS))
        .exclude(content=b"")
        .exclude(status__in=[PayrollImport.Status.CHECKING, PayrollImport.Status.IMPORTING])
        .order_by("pk")
        .values_list("pk", "organisation_id", "created_at")
    )
    return [
        Removal(
            "payroll file",
            pk,
            organisation,
            f"uploaded {uploaded:%Y-%m-%d}, not imported, term {PAYROLL_FILE_DAYS} days",
        )
        for pk, organisation, uploaded in runs
    ]


def sweep(*, today: date, execute: bool) -> list[Removal]:
    cases = _expired_cases(today)
    employees = _expired_employees(today, {r.object_id for r in cases})
    files = _stale_payroll_files(today)
    if execute:
        with transaction.atomic():
            for removal in cases:
                case = Case.objects.get(pk=removal.object_id)
                counts = (
                    f"periods={case.periods.count()}, events={case.events.count()}, "
                    f"resumptions={case.resumptions.count()}"
                )
                record_removal(
                    organisation_id=case.organisation_id,
                    case_id=case.pk,
                    employee_id=case.employee_id,
                    subject="re-integration file (case)",
                    fields=f"{counts}; {removal.reason}",
                )
                case.delete()
                statistics_refresh(Employee.objects.filter(pk=case.employee_id))
                # Names and dates about the case: they go with it (notifications keep its id).
                Notification.objects.filter(case_id=removal.object_id).delete()
            for removal in employees:
                record_removal(
                    organisation_id=removal.organisation_id,
                    employee_id=removal.object_id,
                    subject="employee record with employments",
                    fields=removal.reason,
                )
                statistics_refresh(Employee.objects.filter(pk=removal.object_id), removing=True)
                Employee.objects.filter(pk=removal.object_id).delete()
            for removal in files:
                record_removal(
                    organisation_id=removal.organisation_id,
                    subject="uploaded payroll file (content)",
                    fields=removal.reason,
                )
                PayrollImport.objects.filter(pk=removal.object_id).update(content=b"")
    return cases + employees + files
