"""The one writer of the persisted cost of absence (`CostMonth`, `CostCalculation`).

A case's monthly wages without work come from one pay schedule (cases.engine.case_pay_schedule).
The schedule depends only on the case's facts, its employment and its wage measures, never on the
day it is asked, so its rows are written when one of those changes (`duties_refresh`, the wage
measure services) and then read by the cost report with one grouped query. Rows written by an
older pay engine are found by their version and rewritten by `costs_recompute`, which the daily job
runs; `costs_check` compares the rows with fresh schedules.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, QuerySet

from .engine import case_pay_schedule, case_timeline
from .models import Case, CostCalculation, CostMonth

#: Raise when the pay engine or its parameters change what a schedule pays: the daily job then
#: rewrites every case whose rows carry another version.
COST_VERSION = 1

BATCH_SIZE = 500


def expected_months(case: Case, today: date) -> dict[date, Decimal] | None:
    """The month -> cost of absence a fresh schedule gives; None without a schedule. `case` has its
    employment, resumptions and wage measures at hand (prefetched or not)."""
    schedule = case_pay_schedule(case, case_timeline(case, today))
    if schedule is None:
        return None
    return {
        date.fromisoformat(f"{month.month}-01"): month.cost_of_absence for month in schedule.months
    }


def _loaded(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.select_related("employment").prefetch_related(
        "periods", "events", "resumptions", "wage_measures", "leave_periods"
    )


def costs_refresh(cases: QuerySet[Case], today: date) -> int:
    """Rewrite the months of `cases` from one schedule each, in bulk; returns the cases written.
    Inside the caller's transaction when there is one (a service), in its own otherwise."""
    written = 0
    with transaction.atomic():
        for batch in _batches(cases):
            ids = [case.pk for case in batch]
            months, calculations = [], []
            for case in batch:
                expected = expected_months(case, today)
                calculations.append(
                    CostCalculation(
                        case_id=case.pk, version=COST_VERSION, has_schedule=expected is not None
                    )
                )
                months += [
                    CostMonth(
                        case_id=case.pk,
                        organisation_id=case.organisation_id,
                        month=month,
                        amount=amount,
                    )
                    for month, amount in (expected or {}).items()
                    if amount
                ]
            CostMonth.objects.filter(case_id__in=ids).delete()
            CostCalculation.objects.filter(case_id__in=ids).delete()
            CostMonth.objects.bulk_create(months)
            CostCalculation.objects.bulk_create(calculations)
            written += len(batch)
    return written


def _batches(cases: QuerySet[Case]) -> Iterator[list[Case]]:
    """The cases in batches, each loaded with what its schedule reads: bounded memory."""
    ids = list(cases.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        yield list(_loaded(Case.objects.filter(pk__in=ids[start : start + BATCH_SIZE])))


def stale_cases() -> QuerySet[Case]:
    """Cases whose months were never worked out, or by another version of the pay engine."""
    return Case.objects.filter(
        ~Q(cost_calculation__version=COST_VERSION) | Q(cost_calculation__isnull=True)
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
    """Compare the stored months of (a sample of) the cases with fresh schedules."""
    cases = Case.objects.order_by("?" if sample else "pk")
    if sample:
        cases = cases[:sample]
    checked, disagreements = 0, []
    for case in _loaded(Case.objects.filter(pk__in=list(cases.values_list("pk", flat=True)))):
        checked += 1
        expected = expected_months(case, today)
        calculation = CostCalculation.objects.filter(case=case).first()
        stored = (
            None
            if calculation is None or not calculation.has_schedule
            else dict(CostMonth.objects.filter(case=case).values_list("month", "amount"))
        )
        if expected is not None:
            expected = {month: amount for month, amount in expected.items() if amount}
        if stored != expected or calculation is None:
            disagreements.append(CostDisagreement(case.pk, stored, expected))
    return checked, disagreements
