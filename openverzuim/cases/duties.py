"""The one writer of the duty table: each case's milestones as rows, from one engine run per case.

Every service that changes a case calls `duties_refresh` in its own transaction; the nightly
`duties_recompute` command and the migration that filled the table call `duties_refresh_batch`, the
same code for many cases at once. `Case.next_due_on` is set from the same run. Closed cases and cases
without a sickness period have no rows. Pages read the table through `cases.selectors.duties_for`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from .engine import case_timeline
from .models import Case, Duty, Event, SicknessPeriod

#: Raise when the engine's rules change what it derives: `duties_recompute` rewrites every row whose
#: version differs, so a new engine never leaves old rows behind.
DUTY_ENGINE_VERSION = 1

#: Cases per batch for the bulk writers: large enough to amortise the queries, small in memory.
BATCH_SIZE = 1000

_WRITTEN = ("organisation_id", "assignee_id", "due", "window_start", "status", "done_on",
            "engine_version")


@dataclass(frozen=True)
class Expected:
    """A duty row as a fresh engine run says it should be."""

    milestone: str
    due: date | None
    window_start: date | None
    status: str
    done_on: date | None


def with_facts(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Only the columns the engine reads, in four queries per batch, whatever else a case holds."""
    return cases.select_related("employment").only(
        "organisation_id", "case_manager_id", "closed_on", "next_due_on", "next_due_milestone",
        "safety_net", "voluntary_extension_weeks", "wage_sanction_weeks",
        "wage_sanction_repair_confirmed_on", "employment__end").prefetch_related(
        Prefetch("periods", queryset=SicknessPeriod.objects.only("case_id", "start", "end")),
        Prefetch("events", queryset=Event.objects.only("case_id", "kind", "date", "withdrawn_at")))


def expected_duties(case: Case, today: date) -> list[Expected]:
    """The rows the case should have: one engine run; none for a closed case.

    A pending milestone is stored as `open` whether or not it is overdue on `today`: the engine's
    other statuses do not depend on the day it is asked, so the rows stay true as days pass."""
    if case.closed_on is not None:
        return []
    result = case_timeline(case, today)
    if result is None:
        return []
    return [Expected(m.id, m.due, m.window_start,
                     Duty.Status.OPEN if m.is_pending else m.status, m.done_on)
            for m in result.milestones]


def _next_due(rows: Iterable[Expected]) -> tuple[date | None, str]:
    pending = [r for r in rows if r.status == Duty.Status.OPEN and r.due is not None]
    first = min(pending, key=lambda r: r.due or date.max, default=None)
    return (first.due, first.milestone) if first else (None, "")


def duties_refresh_batch(cases: Sequence[Case], today: date) -> int:
    """Bring the duty rows and `next_due_on` of `cases` (loaded `with_facts`) in line with the
    engine, in bulk; returns how many rows were created, changed or removed."""
    existing = {(d.case_id, d.milestone): d
                for d in Duty.objects.filter(case__in=[c.pk for c in cases])}
    create, update, moved = [], [], []
    for case in cases:
        rows = expected_duties(case, today)
        for row in rows:
            values = {"organisation_id": case.organisation_id, "assignee_id": case.case_manager_id,
                      "due": row.due, "window_start": row.window_start, "status": row.status,
                      "done_on": row.done_on, "engine_version": DUTY_ENGINE_VERSION}
            duty = existing.pop((case.pk, row.milestone), None)
            if duty is None:
                create.append(Duty(case_id=case.pk, milestone=row.milestone, **values))
            elif any(getattr(duty, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(duty, name, value)
                update.append(duty)
        next_due = _next_due(rows)
        if (case.next_due_on, case.next_due_milestone) != next_due:
            case.next_due_on, case.next_due_milestone = next_due
            moved.append(case)
    Duty.objects.bulk_create(create)
    Duty.objects.bulk_update(update, [name.removesuffix("_id") for name in _WRITTEN])
    Duty.objects.filter(pk__in=[d.pk for d in existing.values()]).delete()
    Case.objects.bulk_update(moved, ["next_due_on", "next_due_milestone"])
    return len(create) + len(update) + len(existing)


def duties_refresh(case: Case, today: date) -> None:
    """After a change to `case`, inside the service's transaction: reread its facts (a prefetched
    case would show the state before the change) and rewrite its duties from one engine run."""
    fresh = with_facts(Case.objects.filter(pk=case.pk)).get()
    duties_refresh_batch([fresh], today)
    case.next_due_on, case.next_due_milestone = fresh.next_due_on, fresh.next_due_milestone


@dataclass(frozen=True)
class Recomputed:
    cases: int
    changed: int  # rows created, changed or removed
    seconds: float


def duties_recompute(today: date, batch_size: int = BATCH_SIZE) -> Recomputed:
    """Every open case again, in batches by primary key, each batch in its own transaction; rows of
    cases closed since are removed. The nightly job, and the step after a new engine version."""
    started = time.perf_counter()
    with transaction.atomic():
        changed, _ = Duty.objects.filter(case__closed_on__isnull=False).delete()
    cases, last = 0, 0
    while True:
        batch = list(with_facts(Case.objects.filter(closed_on__isnull=True, pk__gt=last))
                     .order_by("pk")[:batch_size])
        if not batch:
            break
        with transaction.atomic():
            changed += duties_refresh_batch(batch, today)
        cases += len(batch)
        last = batch[-1].pk
    return Recomputed(cases, changed, time.perf_counter() - started)


@dataclass(frozen=True)
class Disagreement:
    case_id: int
    milestone: str
    stored: Expected | None
    engine: Expected | None


def duties_check(today: date, sample: int | None = None) -> tuple[int, list[Disagreement]]:
    """Compare the table with a fresh engine run, for `sample` random cases or all of them; returns
    the number of cases checked and every row on which the two differ (read only)."""
    cases = with_facts(Case.objects.all()).prefetch_related("duties")
    if sample is not None:
        cases = cases.order_by("?")[:sample]
    found: list[Disagreement] = []
    checked = 0
    for case in cases.iterator(chunk_size=BATCH_SIZE):
        checked += 1
        engine = {row.milestone: row for row in expected_duties(case, today)}
        stored = {d.milestone: Expected(d.milestone, d.due, d.window_start, d.status, d.done_on)
                  for d in case.duties.all()}
        for milestone in sorted(engine.keys() | stored.keys()):
            if engine.get(milestone) != stored.get(milestone):
                found.append(Disagreement(case.pk, milestone, stored.get(milestone),
                                          engine.get(milestone)))
    return checked, found
