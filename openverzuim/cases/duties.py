"""The one writer of the duty table: each case's milestones as rows, from one engine run per case.

Every service that changes a case calls `duties_refresh` in its own transaction; the nightly
`duties_recompute` command and the migration that filled the table run the same code for many cases
at once, reading values rather than model instances. `Case.next_due_on` is set from the same run.
Closed cases and cases without a sickness period have no rows. Pages read the table through
`cases.selectors.duties_for`. The rows of tasks (milestone TASK) are cases.tasks's: this writer leaves
them alone, except that a closed case keeps none.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from typing import NamedTuple

from django.db import connection, connections, transaction
from django.db.models import QuerySet

from openverzuim.core.bulk import insert_rows, update_rows

from .costs import costs_refresh
from .engine import facts_from, timeline_of
from .models import Case, Duty, Event, LeavePeriod, SicknessPeriod
from .models.duty import TASK

#: Raise when the engine's rules change what it derives: `duties_recompute` rewrites every row whose
#: version differs, so a new engine never leaves old rows behind.
DUTY_ENGINE_VERSION = 1

#: Cases per batch for the bulk writers: large enough to amortise the queries, small in memory.
BATCH_SIZE = 1000

_WRITTEN = (
    "organisation_id",
    "assignee_id",
    "due",
    "window_start",
    "status",
    "done_on",
    "engine_version",
)


@dataclass(frozen=True)
class Expected:
    """A duty row as a fresh engine run says it should be."""

    milestone: str
    due: date | None
    window_start: date | None
    status: str
    done_on: date | None


class _Case(NamedTuple):
    """What the duty table needs of a case, read as values: no model instances in the bulk path."""

    pk: int
    organisation_id: int
    case_manager_id: int | None
    closed_on: date | None
    next_due_on: date | None
    next_due_milestone: str
    safety_net: bool
    voluntary_extension_weeks: int
    wage_sanction_weeks: int | None
    wage_sanction_repair_confirmed_on: date | None
    employment_end: date | None


class _Loaded(NamedTuple):
    case: _Case
    periods: list[tuple[date, date | None]]
    events: list[tuple[str, date]]
    leave: list[tuple[str, date, date]]


def _load(cases: QuerySet[Case], with_leave: bool = True) -> list[_Loaded]:
    """The cases with their periods, active events and leave, in four queries. `with_leave`: False
    only where the leave table may not exist yet (`duties_recompute` run by migration cases 0006).
    The related rows are selected by the cases' own filter as a subquery, not by a list of a
    thousand ids that the driver would bind one by one."""
    rows = [_Case(*values) for values in cases.values_list(*_Case._fields[:-1], "employment__end")]
    ids = cases.values("pk")
    periods: dict[int, list] = defaultdict(list)
    for case_id, start, end in SicknessPeriod.objects.filter(case_id__in=ids).values_list(
        "case_id", "start", "end"
    ):
        periods[case_id].append((start, end))
    events: dict[int, list] = defaultdict(list)
    for case_id, kind, day in Event.objects.filter(case_id__in=ids, withdrawn_at=None).values_list(
        "case_id", "kind", "date"
    ):
        events[case_id].append((kind, day))
    leave: dict[int, list] = defaultdict(list)
    if with_leave:
        for case_id, kind, start, end in LeavePeriod.objects.filter(case_id__in=ids).values_list(
            "case_id", "kind", "start", "end"
        ):
            leave[case_id].append((kind, start, end))
    return [_Loaded(row, periods[row.pk], events[row.pk], leave[row.pk]) for row in rows]


#: A duty row as the engine says it should be, as a plain tuple: (milestone, due, window_start,
#: status, done_on), the fields of `Expected` in its order.
_Row = tuple[str, date | None, date | None, str, date | None]


def _expected_rows(loaded: _Loaded, today: date) -> list[_Row]:
    """The rows the case should have: one engine run; none for a closed case or one without a
    sickness period.

    A pending milestone is stored as `open` whether or not it is overdue on `today`: the engine's
    other statuses do not depend on the day it is asked, so the rows stay true as days pass."""
    case = loaded.case
    if case.closed_on is not None or not loaded.periods:
        return []
    facts = facts_from(
        loaded.periods,
        loaded.events,
        safety_net=case.safety_net,
        employment_end=case.employment_end,
        voluntary_extension_weeks=case.voluntary_extension_weeks,
        wage_sanction_weeks=case.wage_sanction_weeks,
        wage_sanction_repair_confirmed_on=case.wage_sanction_repair_confirmed_on,
        leave=loaded.leave,
    )
    open_ = Duty.Status.OPEN.value
    return [
        (m.rule.id, m.due, m.window_start, open_ if m.is_pending else m.status, m.done_on)
        for m in timeline_of(facts, today).milestones
    ]


def expected_duties(loaded: _Loaded, today: date) -> list[Expected]:
    """`_expected_rows` as `Expected` values (for checks and tests)."""
    return [Expected(*row) for row in _expected_rows(loaded, today)]


def expected_for(case_id: int, today: date) -> list[Expected]:
    """What a fresh engine run says the case's rows should be (for checks and tests)."""
    return [
        row
        for loaded in _load(Case.objects.filter(pk=case_id))
        for row in expected_duties(loaded, today)
    ]


def _next_due(rows: Iterable[_Row]) -> tuple[date | None, str]:
    pending = [
        (due, milestone)
        for milestone, due, _, status, _ in rows
        if status == Duty.Status.OPEN and due is not None
    ]
    return min(pending, key=lambda row: row[0], default=(None, ""))


#: The columns of a duty row the writer compares, with the case and milestone first.
_COMPARED = ("case_id", "milestone", *_WRITTEN)


def _refresh(cases: QuerySet[Case], today: date, with_leave: bool = True) -> tuple[int, int]:
    """Bring the duty rows and `next_due_on` of `cases` in line with the engine, in bulk; returns
    how many cases were read and how many rows were created, changed or removed.

    Rows are compared as tuples of values; new rows go in with `core.bulk.insert_rows` (one COPY
    per batch on PostgreSQL), changed ones with `core.bulk.update_rows` (one UPDATE per batch),
    gone ones with one DELETE; so do the cases' `next_due_on`."""
    batch = _load(cases, with_leave)
    # (case, milestone) -> (case, milestone, *written values, pk) as stored
    existing = {
        (row[0], row[1]): row
        for row in Duty.objects.filter(case_id__in=cases.values("pk"))
        .exclude(milestone=TASK)
        .values_list(*_COMPARED, "pk")
    }
    create: list[tuple] = []
    update: list[tuple] = []
    moved: list[tuple[int, date | None, str]] = []
    version = DUTY_ENGINE_VERSION
    for loaded in batch:
        case = loaded.case
        pk, organisation, assignee = case.pk, case.organisation_id, case.case_manager_id
        rows = _expected_rows(loaded, today)
        for milestone, due, window_start, status, done_on in rows:
            values = (
                pk,
                milestone,
                organisation,
                assignee,
                due,
                window_start,
                status,
                done_on,
                version,
            )
            stored = existing.pop((pk, milestone), None)
            if stored is None:
                create.append(values)
            elif stored[:-1] != values:
                update.append((stored[-1], *values[2:]))
        next_due = _next_due(rows)
        if (case.next_due_on, case.next_due_milestone) != next_due:
            moved.append((pk, *next_due))
    # A closed case keeps no task rows either (its tasks stay in its history).
    Duty.objects.filter(
        case_id__in=[b.case.pk for b in batch if b.case.closed_on is not None], milestone=TASK
    ).delete()
    insert_rows(Duty, (dict(zip(_COMPARED, values, strict=True)) for values in create))
    update_rows(Duty, list(_WRITTEN), update)
    Duty.objects.filter(pk__in=[row[-1] for row in existing.values()]).delete()
    update_rows(Case, ["next_due_on", "next_due_milestone"], moved)
    return len(batch), len(create) + len(update) + len(existing)


def duties_refresh(case: Case, today: date) -> None:
    """After a change to `case`, inside the service's transaction: reread its facts from the
    database (a prefetched case would show the state before the change) and rewrite its duties
    from one engine run, and its monthly cost of absence from one pay schedule."""
    _refresh(Case.objects.filter(pk=case.pk), today)
    costs_refresh(Case.objects.filter(pk=case.pk), today)
    case.next_due_on, case.next_due_milestone = (
        Case.objects.filter(pk=case.pk).values_list("next_due_on", "next_due_milestone").get()
    )


def duties_refresh_many(cases: QuerySet[Case], today: date) -> None:
    """`duties_refresh` for many cases changed at once (an import), in one engine pass and bulk
    writes rather than a round of queries per case."""
    _refresh(cases, today)
    costs_refresh(cases, today)


@dataclass(frozen=True)
class Recomputed:
    cases: int
    changed: int  # rows created, changed or removed
    seconds: float


def remove_closed_duties() -> int:
    """The rows of cases closed since they were written; returns how many went."""
    with transaction.atomic():
        removed, _ = Duty.objects.filter(case__closed_on__isnull=False).delete()
    return removed


def open_case_slices(batch_size: int = BATCH_SIZE) -> Iterator[tuple[int, int]]:
    """The open cases cut into ranges of primary keys of `batch_size` cases each, read by keyset:
    the units of the nightly recompute, for one process or for many task workers."""
    last = 0
    while ids := list(
        Case.objects.filter(closed_on__isnull=True, pk__gt=last)
        .order_by("pk")
        .values_list("pk", flat=True)[:batch_size]
    ):
        yield ids[0], ids[-1]
        last = ids[-1]


def duties_recompute_slice(today: date, low: int, high: int) -> tuple[int, int]:
    """The open cases with primary keys from `low` to `high`, in one transaction; returns the cases
    read and the rows changed."""
    # Migration cases 0006 fills the duty table through here, before cases 0009 creates the leave
    # table: a database without it has no leave to read.
    with_leave = LeavePeriod._meta.db_table in connection.introspection.table_names()
    with transaction.atomic():
        return _refresh(
            Case.objects.filter(closed_on__isnull=True, pk__gte=low, pk__lte=high),
            today,
            with_leave,
        )


def duties_recompute(today: date, batch_size: int = BATCH_SIZE, jobs: int = 1) -> Recomputed:
    """Every open case again, in batches by primary key, each batch in its own transaction; rows of
    cases closed since are removed. The nightly job, and the step after a new engine version.

    `jobs` > 1 splits the open cases into that many disjoint ranges of ids, each recomputed by its
    own process (PostgreSQL: each holds its own connection; SQLite would serialise the writes)."""
    started = time.perf_counter()
    changed, slices = remove_closed_duties(), list(open_case_slices(batch_size))
    if jobs <= 1:
        results = [duties_recompute_slice(today, low, high) for low, high in slices]
    else:
        results = _in_processes(today, slices, jobs)
    return Recomputed(
        sum(r[0] for r in results),
        changed + sum(r[1] for r in results),
        time.perf_counter() - started,
    )


def _job(arguments: tuple[date, int, int]) -> tuple[int, int]:
    try:
        return duties_recompute_slice(*arguments)
    finally:
        connections.close_all()


def _in_processes(today: date, slices: list[tuple[int, int]], jobs: int) -> list[tuple[int, int]]:
    # A forked child must not share the parent's database connections: close them first, and
    # each child opens its own. The slices are disjoint, so each case is recomputed once.
    connections.close_all()
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        return list(pool.map(_job, [(today, low, high) for low, high in slices]))


@dataclass(frozen=True)
class Disagreement:
    case_id: int
    milestone: str
    stored: Expected | None
    engine: Expected | None


def duties_check(today: date, sample: int | None = None) -> tuple[int, list[Disagreement]]:
    """Compare the table with a fresh engine run, for `sample` random cases or all of them; returns
    the number of cases checked and every row on which the two differ (read only)."""
    cases = Case.objects.order_by("?")[:sample] if sample is not None else Case.objects.all()
    ids = list(cases.values_list("pk", flat=True))
    found: list[Disagreement] = []
    for start in range(0, len(ids), BATCH_SIZE):
        batch = _load(Case.objects.filter(pk__in=ids[start : start + BATCH_SIZE]))
        stored_rows: dict[int, dict[str, Expected]] = defaultdict(dict)
        for case_id, *values in (
            Duty.objects.filter(case_id__in=[b.case.pk for b in batch])
            .exclude(milestone=TASK)
            .values_list("case_id", *Expected.__dataclass_fields__)
        ):
            row = Expected(*values)
            stored_rows[case_id][row.milestone] = row
        for loaded in batch:
            engine = {row.milestone: row for row in expected_duties(loaded, today)}
            stored = stored_rows[loaded.case.pk]
            for milestone in sorted(engine.keys() | stored.keys()):
                if engine.get(milestone) != stored.get(milestone):
                    found.append(
                        Disagreement(
                            loaded.case.pk, milestone, stored.get(milestone), engine.get(milestone)
                        )
                    )
    return len(ids), found
