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
with departments x days, not with employees. Each employee's own rows are kept
(`StatisticsContribution`), so that `statistics_refresh` adds to the totals only the difference a
change makes; the services call it through `costs_refresh` (which every service that changes a
case, an employment or a department calls) and directly where no case is involved (an employment,
leave on the employee page). `statistics_rebuild` writes an organisation afresh (the nightly job).
`reports/counting.py` counts the same figures at request time from the same stretches
(cases/stretches.py): the reference the rollup is checked against.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import QuerySet

from openverzuim.core.bulk import insert_rows
from openverzuim.law.statistics import CLASSES, FREQUENT_REPORTS, frequent_start, shift_year

from . import stretches
from .models import (
    Employee,
    Employment,
    SicknessPeriod,
    StatisticsContribution,
    StatisticsTotal,
)
from .models.cost_month import NO_DEPARTMENT
from .models.statistics_rollup import ALL_DEPARTMENTS
from .stretches import EPOCH, OPEN

AVAILABLE = 0
SICK = 1  # SICK + class index: 1 to 4
REPORT = 5
ENDED = 6
EMPLOYED_START, EMPLOYED_END, EMPLOYED_GAP = 7, 8, 9
ABSENT_START, ABSENT_END, ABSENT_GAP = 10, 11, 12
FREQUENT = 13

BATCH_SIZE = 1000
#: The columns of a row after its key: fte, head, pay, n, days.
VALUES = 5
Key = tuple[int, int, int, int]  # department_key, kind, day, since
Values = list  # [fte, head, pay, n, days]


# ── one employee's rows ───────────────────────────────────────────────────────────────────────────


class _Rows:
    """The rows of one employee, summed by key."""

    def __init__(self, department_key: int) -> None:
        self.department_key = department_key
        self.rows: dict[Key, Values] = {}

    def add(
        self,
        kind: int,
        day: int,
        since: int,
        fte: float = 0.0,
        head: float = 0.0,
        pay: float = 0.0,
        n: int = 0,
        days: int = 0,
    ) -> None:
        key = (self.department_key, kind, day, since)
        row = self.rows.get(key)
        if row is None:
            self.rows[key] = [fte, head, pay, n, days]
        else:
            row[0] += fte
            row[1] += head
            row[2] += pay
            row[3] += n
            row[4] += days

    def stretch(self, kind: int, low: int, high: int, since: int, values: tuple) -> None:
        """+values from `low`, -values from the day after `high` (none for an open end); the
        rows count in windows ending on or after `since`."""
        self.add(kind, low, max(since, low), *values)
        if high < OPEN:
            self.add(kind, high + 1, max(since, high + 1), *(-v for v in values))

    def people(self, kinds: tuple[int, int, int], intervals: list[tuple[int, int]]) -> None:
        """A person overlapping a window, counted once: the merged intervals' starts, ends and
        the gaps between them."""
        start, end, gap = kinds
        merged: list[list[int]] = []
        for low, high in sorted(intervals):
            if merged and low <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], high)
            else:
                merged.append([low, high])
        for index, (low, high) in enumerate(merged):
            self.add(start, low, low, 0, 0, 0, 1)
            if high < OPEN:
                self.add(end, high, high, 0, 0, 0, 1)
            if index:
                before = merged[index - 1][1]
                self.add(gap, before, low, 0, 0, 0, 1)

    def cleaned(self) -> dict[Key, Values]:
        return {key: row for key, row in self.rows.items() if any(row)}


def _sick(rows: _Rows, stretch: dict, sign: int) -> None:
    """Sick days in the duration class of the period up to the window's end b: class c from
    b = first day + its lower bound - 1 until b = first day + its upper bound (if the period gets
    that long), whatever part of the period the stretch is."""
    values = (sign * stretch["w"], sign * stretch["wh"], sign * stretch["pay"])
    first, last = stretch["p_lo"], stretch["p_hi"]
    length = last - first + 1 if last < OPEN else OPEN
    for index, (low, high) in enumerate(CLASSES):
        if length < low:
            continue
        rows.stretch(SICK + index, stretch["lo"], stretch["hi"], first + low - 1, values)
        if high is not None and length > high:
            negative = tuple(-v for v in values)
            rows.stretch(SICK + index, stretch["lo"], stretch["hi"], first + high, negative)


def _frequent(rows: _Rows, starts: list[int], employed: list[tuple[int, int]]) -> None:
    """+1 where the person begins to count as frequently absent (three reports or more in the
    twelve months up to b, and employed in them), -1 where they stop."""
    if len(starts) < FREQUENT_REPORTS:
        return

    def counted(end: int) -> bool:
        first = _number(frequent_start(_date(end)))
        inside = sum(1 for start in starts if first <= start <= end)
        return inside >= FREQUENT_REPORTS and any(
            low <= end and high >= first for low, high in employed
        )

    candidates: set[int] = set()
    for day in [*starts, *(high for _, high in employed if high < OPEN)]:
        candidates.add(day)
        try:  # about the first b whose twelve months no longer hold `day`
            later = _number(shift_year(_date(day), 1))
        except (OverflowError, ValueError):
            continue
        candidates.update(range(later - 3, later + 4))
    candidates.update(low for low, _ in employed)
    state = False
    for end in sorted(candidates):
        try:
            now = counted(end)
        except (OverflowError, ValueError):  # beyond year 9999
            break
        if now != state:
            rows.add(FREQUENT, end, end, 0, 0, 0, 1 if now else -1)
            state = now


def _number(day: date) -> int:
    return (day - EPOCH).days


def _date(number: int) -> date:
    return EPOCH + timedelta(days=number)


def _with_headcount(rows: QuerySet, prefix: str, hours: str = "") -> QuerySet:
    return rows.annotate(wh=stretches.weight(prefix, "headcount", hours))


def _sources(ids: list[int]) -> dict[str, QuerySet]:
    """The stretches of the employees `ids`, by kind."""
    employments = Employment.objects.filter(employee__in=ids)
    periods = SicknessPeriod.objects.filter(case__employee__in=ids, case__employment__isnull=False)
    return {
        "employment": _with_headcount(stretches.employments(employments, "fte", None), ""),
        "leave": _with_headcount(stretches.leaves(employments, "fte", None), ""),
        "period": _with_headcount(stretches.periods(periods, "fte", None), "case__employment__"),
        "resumption": _with_headcount(
            stretches.resumptions(periods, "fte", None), "case__employment__", "hours_per_week"
        ),
        "leave_sick": _with_headcount(
            stretches.periods(periods, "fte", None, leave=True), "case__employment__"
        ),
        "leave_worked": _with_headcount(
            stretches.resumptions(periods, "fte", None, leave=True),
            "case__employment__",
            "hours_per_week",
        ),
    }


#: Stands for the one employee in the SQL made once per database (`_one`).
_SOMEONE = -424_242_421
_compiled: dict[str, dict[str, tuple[str, tuple]]] = {}


def _one(employee_id: int) -> dict[str, list[dict]]:
    """The stretches of one employee, by kind: what a service's rewrite reads. The SQL is made
    once per database with a stand-in for the employee and then run with theirs: Django took
    most of a rewrite's time compiling the stretches' expressions, the queries a few ms."""
    vendor = connection.vendor
    if vendor not in _compiled:
        _compiled[vendor] = {
            name: queryset.query.sql_with_params()
            for name, queryset in _sources([_SOMEONE]).items()
        }
    found = {}
    with connection.cursor() as cursor:
        for name, (sql, params) in _compiled[vendor].items():
            cursor.execute(sql, [employee_id if p == _SOMEONE else p for p in params])
            names = [column[0] for column in cursor.description]
            found[name] = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return found


def rows_for(employees: Iterable[Employee]) -> dict[int, dict[Key, Values]]:
    """employee id -> their rows, in seven queries for the whole batch."""
    people = {e.pk: e for e in employees}
    ids = list(people)
    found: dict[str, dict[int, list[dict]]] = {}
    if len(ids) == 1:
        found = {name: {ids[0]: rows} for name, rows in _one(ids[0]).items()}
    else:
        for name, queryset in _sources(ids).items():
            grouped: dict[int, list[dict]] = defaultdict(list)
            for row in queryset:
                grouped[row["person"]].append(row)
            found[name] = grouped
    starts: dict[int, list[int]] = defaultdict(list)
    for person, start in SicknessPeriod.objects.filter(case__employee__in=ids).values_list(
        "case__employee", "start"
    ):
        starts[person].append(_number(start))
    result = {}
    for pk, employee in people.items():
        rows = _Rows(employee.department_id or NO_DEPARTMENT)
        employed, sick = [], []
        for stretch in found["employment"][pk]:
            employed.append((stretch["lo"], stretch["hi"]))
            if stretch["lo"] <= stretch["hi"]:
                values = (stretch["w"], stretch["wh"], stretch["pay"], 1)
                rows.stretch(AVAILABLE, stretch["lo"], stretch["hi"], stretch["lo"], values)
        for stretch in found["leave"][pk]:
            if stretch["lo"] <= stretch["hi"]:
                values = (-stretch["w"], -stretch["wh"], -stretch["pay"], 0)
                rows.stretch(AVAILABLE, stretch["lo"], stretch["hi"], stretch["lo"], values)
        for name, sign in (("period", 1), ("resumption", -1), ("leave_sick", -1)):
            for stretch in found[name][pk]:
                if stretch["lo"] <= stretch["hi"]:
                    _sick(rows, stretch, sign)
        for stretch in found["leave_worked"][pk]:
            if stretch["lo"] <= stretch["hi"]:
                _sick(rows, stretch, 1)
        for stretch in found["period"][pk]:
            if stretch["lo"] > stretch["hi"]:
                continue
            sick.append((stretch["lo"], stretch["hi"]))
            rows.add(REPORT, stretch["p_lo"], stretch["lo"], 0, 0, 0, 1)
            if stretch["p_hi"] < OPEN:
                length = stretch["p_hi"] - stretch["p_lo"] + 1
                rows.add(ENDED, stretch["hi"], stretch["p_hi"], 0, 0, 0, 1, length)
        rows.people(
            (EMPLOYED_START, EMPLOYED_END, EMPLOYED_GAP),
            [(low, high) for low, high in employed if low <= high],
        )
        rows.people((ABSENT_START, ABSENT_END, ABSENT_GAP), sick)
        _frequent(rows, sorted(starts[pk]), employed)
        result[pk] = rows.cleaned()
    return result


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
