"""The one writer of the daily rollup of the absence statistics (docs/statistics.md, "The rollup").

Every figure of the dashboard is a sum over rows of `StatisticsTotal` for a window [a, b] (day
numbers), whatever the number of employees:

- *Day kinds* (AVAILABLE, SICK + class): a stretch of days [s, e] of constant weight is two rows,
  +weight on day s and -weight on day e + 1; its days within the window are then
  SUM(delta * (b - max(day, a) + 1)) over the rows with day <= b (on working days, the same with
  the working days before a day number). A sick day counts in the duration class of its period up
  to the window's end, so each class is switched on and off by further rows whose `since` is the
  window end from which they count (the period's first day + 7, + 42, + 365); a row counts in
  windows with since <= b (since is never before its day).
- *Pair kinds* (REPORT, ENDED, and the gaps below) count in windows with day >= a and since <= b:
  a report by (its first day, the first day of its stretch within the employment); an ended period
  by (the last day of its stretch, its own last day), with its duration in `days`.
- *Distinct people* (employees, and those with a sick day): each person's stretches merged into
  disjoint intervals; the people overlapping a window are the intervals that begin by b
  (START, day <= b) less those ended before a (END, day < a) less the gaps between two intervals
  that both overlap it (GAP, a pair: the end of the one, the start of the next).
- *Frequent absence* depends on the window's end only (the twelve months up to it), so each person
  is a step function of b: FREQUENT rows of +1 and -1, counted with day <= b.

Rows add up over employees: the key is (organisation, department, kind, day, since), and rows grow
with departments x days, not with employees. `cases.statistics_rows` makes an employee's rows.
Each employee's own rows are kept (`StatisticsContribution`), so that `statistics_refresh` adds to
the totals only the difference a change makes; the services call it through `costs_refresh`
(which every service that changes a case, an employment or a department calls) and directly where
no case is involved (an employment, leave on the employee page). `statistics_rebuild` writes an
organisation afresh (the repair; `manage.py statistics_rebuild`).
`reports/counting.py` counts the same figures at request time from the same stretches
(cases/stretches.py): the reference the rollup is checked against.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator

from django.db import connection, transaction
from django.db.models import QuerySet

from openverzuim.core.bulk import insert_rows

from .models import Employee, StatisticsContribution, StatisticsPending, StatisticsTotal
from .models.statistics_rollup import ALL_DEPARTMENTS
from .statistics_rows import Key, Values, rows_for

BATCH_SIZE = 1000

# ── writing ───────────────────────────────────────────────────────────────────────────────────────


def _encoded(rows: dict[Key, Values]) -> str:
    return json.dumps(
        [[*key, *values] for key, values in sorted(rows.items())], separators=(",", ":")
    )


def _decoded(stored: str) -> dict[Key, Values]:
    return {(r[0], r[1], r[2], r[3]): list(r[4:]) for r in json.loads(stored)}


def statistics_refresh(employees: QuerySet[Employee], *, removing: bool = False) -> int:
    """Rewrite the rows of `employees` after a change, inside the caller's transaction (a
    service) or in its own; returns the employees written. Each employee's row is locked first, so
    that two rewrites of one employee take back out what the other wrote, never the same twice.
    `removing`: the employees are about to be deleted; their rows are taken out."""
    written = 0
    with transaction.atomic():
        for batch in _batches(employees):
            locked = list(
                Employee.objects.select_for_update()
                .filter(pk__in=[e.pk for e in batch])
                .order_by("pk")
                .only("pk", "organisation_id", "department_id")
            )
            old = {
                c.employee_id: c for c in StatisticsContribution.objects.filter(employee__in=locked)
            }
            new = {e.pk: {} for e in locked} if removing else rows_for(locked)
            change: dict[tuple[int, Key], list] = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0])
            create, update = [], []
            for employee in locked:
                rows = new[employee.pk]
                before = old.get(employee.pk)
                for key, values in rows.items():
                    total = change[(employee.organisation_id, key)]
                    for index, value in enumerate(values):
                        total[index] += value
                if before is not None:
                    for key, values in _decoded(before.rows).items():
                        total = change[(before.organisation_id, key)]
                        for index, value in enumerate(values):
                            total[index] -= value
                    if _decoded(before.rows) != rows or (
                        before.organisation_id != employee.organisation_id
                    ):
                        before.rows, before.organisation_id = (
                            _encoded(rows),
                            employee.organisation_id,
                        )
                        update.append(before)
                elif rows:
                    create.append(
                        StatisticsContribution(
                            employee=employee,
                            organisation_id=employee.organisation_id,
                            rows=_encoded(rows),
                        )
                    )
            StatisticsContribution.objects.bulk_create(create)
            StatisticsContribution.objects.bulk_update(update, ["rows", "organisation"])
            _add({key: values for key, values in change.items() if any(values)})
            written += len(locked)
    return written


def _with_all(change: dict[tuple[int, Key], list]) -> dict[tuple[int, Key], list]:
    """`change` and its sums over the departments, under ALL_DEPARTMENTS."""
    result = dict(change)
    for (organisation, key), values in change.items():
        total = result.setdefault(
            (organisation, (ALL_DEPARTMENTS, *key[1:])), [0.0, 0.0, 0.0, 0, 0]
        )
        for index, value in enumerate(values):
            total[index] += value
    return result


def _add(change: dict[tuple[int, Key], list]) -> None:
    """Add `change` to the totals, and to the organisation's: one upsert per 300 rows, in key
    order, so that two writers lock the rows they share in the same order and never wait on each
    other in a circle."""
    change = _with_all(change)
    table = connection.ops.quote_name(StatisticsTotal._meta.db_table)
    keys = sorted(change)
    columns = "organisation_id, department_key, kind, day, since, fte, head, pay, n, days"
    for start in range(0, len(keys), 300):
        chunk = keys[start : start + 300]
        values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
        parameters = [
            value
            for organisation, key in chunk
            for value in (organisation, *key, *change[(organisation, key)])
        ]
        updates = ", ".join(
            f"{name} = {table}.{name} + excluded.{name}"
            for name in ("fte", "head", "pay", "n", "days")
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} "  # noqa: S608  # names from the model, values as parameters
                f"ON CONFLICT (organisation_id, department_key, since, kind, day) "
                f"DO UPDATE SET {updates}",
                parameters,
            )


def _batches(employees: QuerySet[Employee]) -> Iterator[list[Employee]]:
    ids = list(employees.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        yield list(
            Employee.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
            .order_by("pk")
            .only("pk", "organisation_id", "department_id")
        )


def statistics_rebuild(organisation_id: int) -> int:
    """Write an organisation's rollup afresh from its employees (the nightly job): the totals
    summed anew, so that nothing a refresh added in floating point is carried forward, and rows
    of employees who are gone are gone. The organisation's employees are locked first, so that no
    refresh runs beside it; returns the employees written."""
    with transaction.atomic():
        ids = list(
            Employee.objects.select_for_update()
            .filter(organisation=organisation_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        StatisticsTotal.objects.filter(organisation=organisation_id).delete()
        StatisticsContribution.objects.filter(organisation=organisation_id).delete()
        StatisticsPending.objects.filter(organisation=organisation_id).delete()
        totals: dict[tuple[int, Key], list] = defaultdict(lambda: [0.0, 0.0, 0.0, 0, 0])
        for start in range(0, len(ids), BATCH_SIZE):
            batch = list(
                Employee.objects.filter(pk__in=ids[start : start + BATCH_SIZE]).only(
                    "pk", "organisation_id", "department_id"
                )
            )
            contributions = []
            for pk, rows in rows_for(batch).items():
                if rows:
                    contributions.append(
                        {
                            "employee_id": pk,
                            "organisation_id": organisation_id,
                            "rows": _encoded(rows),
                        }
                    )
                for key, values in rows.items():
                    total = totals[(organisation_id, key)]
                    for index, value in enumerate(values):
                        total[index] += value
            insert_rows(StatisticsContribution, contributions)
        insert_rows(
            StatisticsTotal,
            (
                {
                    "organisation_id": organisation,
                    "department_key": key[0],
                    "kind": key[1],
                    "day": key[2],
                    "since": key[3],
                    "fte": values[0],
                    "head": values[1],
                    "pay": values[2],
                    "n": values[3],
                    "days": values[4],
                }
                for (organisation, key), values in _with_all(totals).items()
                if any(values)
            ),
        )
    return len(ids)


def statistics_fill_missing() -> list[int]:
    """Write afresh the rollup of every organisation whose data predates it (marked by the
    migration that brought the rollup, `StatisticsPending`): the daily job calls it first, so that
    such an employer's dashboard counts everyone from the next morning without anyone running a
    command, whatever refreshes the services made meanwhile; returns the organisations written."""
    organisations = list(
        StatisticsPending.objects.order_by("organisation").values_list("organisation", flat=True)
    )
    for organisation_id in organisations:
        statistics_rebuild(organisation_id)
    return organisations
