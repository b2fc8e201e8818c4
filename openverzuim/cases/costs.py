"""The one writer of the persisted cost of absence (`CostMonth`, `CostTotal`, `CostCalculation`).

A case's monthly wages without work come from one pay schedule (cases.engine.case_pay_schedule).
The schedule depends only on the case's facts, its employment and its wage measures, never on the
day it is asked, so its rows are written when one of those changes (`duties_refresh`, partial
work, the wage measure service, a changed department or employment) and then read by the cost
report: an employer's totals per department and month (`CostTotal`, kept by adding the difference
each rewrite makes) or, for a user who sees only some cases, the sum of those cases' months. Rows written by an
older pay engine are found by their version and rewritten by `costs_recompute`, which the daily job
runs; `costs_check` compares the rows with fresh schedules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Q, QuerySet, Sum

from .engine import case_pay_schedule, case_timeline
from .models import Case, CostCalculation, CostMonth, CostTotal, Employee
from .models.cost_month import NO_DEPARTMENT
from .statistics_rollup import statistics_refresh

#: Raise when the pay engine or its parameters change what a schedule pays: the daily job then
#: rewrites every case whose rows carry another version.
COST_VERSION = 1

BATCH_SIZE = 500


def expected_months(case: Case, today: date) -> dict[date, Decimal] | None:
    """The month -> cost of absence a fresh schedule gives, months without a cost left out (no row
    is stored for them); None without a schedule. `case` has its employment, resumptions and wage
    measures at hand (prefetched or not)."""
    schedule = case_pay_schedule(case, case_timeline(case, today))
    if schedule is None:
        return None
    return {
        date.fromisoformat(f"{month.month}-01"): month.cost_of_absence
        for month in schedule.months
        if month.cost_of_absence
    }


def _loaded(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("employment__employee", "employee").prefetch_related(
        "periods", "events", "resumptions", "wage_measures", "leave_periods"
    )


def costs_refresh(cases: QuerySet[Case], today: date) -> int:
    """Rewrite the months of `cases` from one schedule each, in bulk, and add the difference to the
    totals; returns the cases written. Their employees' rows of the absence statistics are
    rewritten as well (cases.statistics_rollup): every service that changes a case, its periods,
    resumptions or leave, an employment or a department ends here. Inside the caller's transaction
    when there is one (a service), in its own otherwise."""
    written = 0
    with transaction.atomic():
        statistics_refresh(Employee.objects.filter(pk__in=cases.values("employee")))
        for batch in _batches(cases):
            ids = [case.pk for case in batch]
            change: dict[tuple[int, int, date], Decimal] = defaultdict(Decimal)
            for organisation, department, month, amount in CostMonth.objects.filter(
                case_id__in=ids
            ).values_list("organisation_id", "department_key", "month", "amount"):
                change[organisation, department, month] -= amount
            months, calculations = [], []
            for case in batch:
                expected = expected_months(case, today)
                calculations.append(
                    CostCalculation(
                        case_id=case.pk, version=COST_VERSION, has_schedule=expected is not None
                    )
                )
                department = case.employee.department_id or NO_DEPARTMENT
                for month, amount in (expected or {}).items():
                    months.append(
                        CostMonth(
                            case_id=case.pk,
                            organisation_id=case.organisation_id,
                            department_key=department,
                            month=month,
                            amount=amount,
                        )
                    )
                    change[case.organisation_id, department, month] += amount
            CostMonth.objects.filter(case_id__in=ids).delete()
            CostCalculation.objects.filter(case_id__in=ids).delete()
            CostMonth.objects.bulk_create(months)
            CostCalculation.objects.bulk_create(calculations)
            _add_to_totals({key: amount for key, amount in change.items() if amount})
            written += len(batch)
    return written


def _add_to_totals(change: dict[tuple[int, int, date], Decimal]) -> None:
    """Add each difference to its total in one statement per few hundred (an upsert that adds,
    which both PostgreSQL and SQLite have). In the order of the key, so that two writers lock the
    rows they share in the same order and never wait on each other in a circle."""
    table = connection.ops.quote_name(CostTotal._meta.db_table)
    keys = sorted(change)
    for start in range(0, len(keys), 300):
        chunk = keys[start : start + 300]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
        parameters = [value for key in chunk for value in (key[0], key[1], key[2], change[key])]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (organisation_id, department_key, month, amount) "  # noqa: S608  # names from the model, values as parameters
                f"VALUES {values} ON CONFLICT (organisation_id, month, department_key) "
                f"DO UPDATE SET amount = {table}.amount + excluded.amount",
                parameters,
            )


def _batches(cases: QuerySet[Case]) -> Iterator[list[Case]]:
    """The cases in batches, each loaded with what its schedule reads: bounded memory."""
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        yield list(_loaded(Case.objects.filter(pk__in=ids[start : start + BATCH_SIZE])))


def stale_cases() -> QuerySet[Case]:
    """Cases whose months were never worked out (version 0, or no calculation at all), or by an
    older version of the pay engine."""
    return Case.objects.filter(
        Q(cost_calculation__version__lt=COST_VERSION) | Q(cost_calculation__isnull=True)
    )


def costs_recompute(today: date) -> int:
    """Work out the months of every stale case (the daily job; after a new pay engine)."""
    return costs_refresh(stale_cases(), today)


@dataclass(frozen=True)
class CostDisagreement:
    case_id: int
    stored: dict[date, Decimal] | None
    expected: dict[date, Decimal] | None


def costs_check(today: date, sample: int | None = None) -> tuple[int, list[CostDisagreement]]:
    """Compare the stored months of (a sample of) the cases with fresh schedules, a batch at a
    time: three queries per batch, not two per case."""
    cases = Case.objects.all()
    if sample:
        cases = Case.objects.filter(
            pk__in=list(Case.objects.order_by("?").values_list("pk", flat=True)[:sample])
        )
    checked, disagreements = 0, []
    for batch in _batches(cases):
        ids = [case.pk for case in batch]
        calculations = dict(
            CostCalculation.objects.filter(case_id__in=ids).values_list("case_id", "has_schedule")
        )
        stored_months: dict[int, dict[date, Decimal]] = defaultdict(dict)
        for case_id, month, amount in CostMonth.objects.filter(case_id__in=ids).values_list(
            "case_id", "month", "amount"
        ):
            stored_months[case_id][month] = amount
        for case in batch:
            checked += 1
            expected = expected_months(case, today)
            has_schedule = calculations.get(case.pk)
            stored = stored_months[case.pk] if has_schedule else None
            if stored != expected or has_schedule is None:
                disagreements.append(CostDisagreement(case.pk, stored, expected))
    return checked, disagreements


def totals_check() -> list[tuple[int, int, date, Decimal, Decimal]]:
    """The totals that are not the sum of their months: (organisation, department, month, total,
    sum of the months). Empty when every total is right."""
    sums = {
        (organisation, department, month): amount
        for organisation, department, month, amount in CostMonth.objects.values_list(
            "organisation_id", "department_key", "month"
        )
        .annotate(amount=Sum("amount"))
        .order_by()
    }
    totals = dict(
        ((organisation, department, month), amount)
        for organisation, department, month, amount in CostTotal.objects.values_list(
            "organisation_id", "department_key", "month", "amount"
        )
    )
    cent = Decimal("0.01")
    return [
        (*key, totals.get(key, Decimal(0)), sums.get(key, Decimal(0)))
        for key in sorted(sums.keys() | totals.keys())
        if totals.get(key, Decimal(0)).quantize(cent) != sums.get(key, Decimal(0)).quantize(cent)
    ]
