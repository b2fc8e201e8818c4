"""Each employee's rows of the daily rollup of the absence statistics, made from their stretches
(cases/stretches.py); docs/statistics.md "The rollup" says what each kind counts and why.
`cases.statistics_rollup` writes them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import QuerySet

from openverzuim.law.statistics import CLASSES, FREQUENT_REPORTS, frequent_start, shift_year

from . import stretches
from .models import Employee, Employment, SicknessPeriod
from .models.cost_month import NO_DEPARTMENT
from .stretches import EPOCH, OPEN

AVAILABLE = 0
SICK = 1  # SICK + class index: 1 to 4
REPORT = 5
ENDED = 6
EMPLOYED_START, EMPLOYED_END, EMPLOYED_GAP = 7, 8, 9
ABSENT_START, ABSENT_END, ABSENT_GAP = 10, 11, 12
FREQUENT = 13

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
            found[name] = [
                # A literal weight (1.0) comes back from PostgreSQL as a decimal: the ORM's
                # converters, which make it a float, are not run on this path.
                {
                    k: float(v) if isinstance(v, Decimal) else v
                    for k, v in zip(names, row, strict=True)
                }
                for row in cursor.fetchall()
            ]
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
