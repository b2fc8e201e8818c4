"""Check a payroll file and write it: upsert by employee number within the organisation, in bulk.

The rule for the employment (docs/import.md): a row with an employment updates the employee's
current employment (the one with the latest start) in place, whatever changed (start, end, hours,
wage); only an employee without any employment, or whose latest employment ended before the row's
start (a new contract after leaving), gets a new one. Blank optional cells leave the stored value
as it is; a blank end makes the employment open-ended.

All or nothing: one transaction, and with any bad row nothing is written unless the good rows were
asked for. Bad rows are named by row number, column and reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import record_write, record_writes
from openverzuim.accounts.models import Department, Organisation, User
from openverzuim.core.bulk import insert_rows

from ..costs import costs_refresh
from ..duties import duties_refresh_many
from ..models import Case, Employee, Employment, PayrollImportMapping, sort_name_of
from ..statistics_rollup import statistics_refresh
from .columns import COLUMNS
from .reading import Table
from .values import label, parse_row

BATCH = 2000
#: Rows checked between two progress reports (the status page's bar; one UPDATE each).
PROGRESS_EVERY = 1000
EMPLOYEE_FIELDS = ("first_name", "last_name", "date_of_birth", "work_email")
EMPLOYMENT_FIELDS = {
    "employment_start": "start",
    "employment_end": "end",
    "contract_hours": "contract_hours",
    "fulltime_hours": "fulltime_hours",
    "wage": "wage",
    "wage_period": "wage_period",
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # a canonical column, or "" for the whole row
    reason: str

    def as_list(self) -> list:
        return [self.row, label(self.column) if self.column else "", self.reason]


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def bad_rows(self) -> int:
        return len({error.row for error in self.errors})


def mapping_save(
    *, organisation: Organisation, mapping: dict[str, int], headers: list[str], by: User
) -> None:
    """Keep the columns the user chose, by header name, for the employer's next file. One row per
    employer (its unique key): a later choice replaces the earlier one."""
    columns = {column: headers[index] for column, index in mapping.items() if headers[index]}
    PayrollImportMapping.objects.update_or_create(
        organisation=organisation, defaults={"columns": columns, "saved_by": by}
    )


def saved_mapping(organisation: Organisation) -> dict[str, str]:
    """The employer's saved columns (canonical column -> header), empty when none were saved."""
    row = PayrollImportMapping.objects.filter(organisation=organisation).first()
    return row.columns if row is not None else {}


def check_mapping(mapping: dict[str, int], headers: list[str]) -> dict[str, int]:
    """The mapping with known columns and existing headers only; the required ones must be there."""
    clean = {
        column: int(index)
        for column, index in mapping.items()
        if column in COLUMNS and index is not None and 0 <= int(index) < len(headers)
    }
    missing = [
        label(column)
        for column, (_label, required) in COLUMNS.items()
        if required and column not in clean
    ]
    if missing:
        raise ValidationError(
            {
                "mapping": _("Choose the file's column for: %(columns)s.")
                % {"columns": ", ".join(missing)}
            }
        )
    used = Counter(clean.values())
    twice = [headers[index] for index, count in used.items() if count > 1]
    if twice:
        raise ValidationError(
            {
                "mapping": _("A column of the file is chosen twice: %(columns)s.")
                % {"columns": ", ".join(twice)}
            }
        )
    return clean


def _parse_all(table: Table, mapping: dict[str, int], today: date, progress) -> tuple[dict, list]:
    """{row number: values} of the good rows, and the errors; duplicate numbers are bad rows."""
    parsed: dict[int, dict] = {}
    errors: list[RowError] = []
    for done, (number, cells) in enumerate(table.rows, start=1):
        values, problems = parse_row(cells, mapping, today)
        if problems:
            errors += [RowError(number, column, reason) for column, reason in problems]
        else:
            parsed[number] = values
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    seen: dict[str, list[int]] = {}
    for number, values in parsed.items():
        seen.setdefault(values["employee_number"], []).append(number)
    for employee_number, numbers in seen.items():
        if len(numbers) > 1:
            for number in numbers:
                others = ", ".join(str(n) for n in numbers if n != number)
                errors.append(
                    RowError(
                        number,
                        "employee_number",
                        _("Employee number %(number)s is also in row(s) %(rows)s.")
                        % {"number": employee_number, "rows": others},
                    )
                )
                del parsed[number]
    errors.sort(
        key=lambda error: (
            error.row,
            list(COLUMNS).index(error.column) if error.column in COLUMNS else -1,
        )
    )
    return parsed, errors


@dataclass
class _Plan:
    departments: set[str] = field(default_factory=set)  # names to create
    new: list[dict] = field(default_factory=list)  # values of new employees
    changed: list[tuple[Employee, dict, list[str]]] = field(default_factory=list)
    new_employments: list[tuple[Employee, dict]] = field(default_factory=list)
    changed_employments: list[tuple[Employment, dict, list[str]]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def touched(self) -> int:
        return len(
            {employee.pk for employee, _values, _fields in self.changed}
            | {employee.pk for employee, _values in self.new_employments}
            | {employment.employee_id for employment, _v, _f in self.changed_employments}
        )


def _employment_change(latest: Employment | None, values: dict) -> tuple[str, list[str]]:
    """("new" | "update" | "same", changed model fields) for the row's employment."""
    if "employment_start" not in values:
        return "same", []
    if latest is None or (latest.end is not None and values["employment_start"] > latest.end):
        return "new", []
    fields = [
        name
        for column, name in EMPLOYMENT_FIELDS.items()
        if (column in values or column == "employment_end")  # a blank end is open-ended
        and getattr(latest, name) != values.get(column)
    ]
    return ("update", fields) if fields else ("same", [])


def _plan(
    organisation: Organisation, parsed: dict[int, dict], departments: dict[str, int]
) -> _Plan:
    """What the rows change, from one query for the employees and one for their employments."""
    plan = _Plan()
    existing = {e.employee_number: e for e in Employee.objects.filter(organisation=organisation)}
    latest: dict[int, Employment] = {}
    for employment in Employment.objects.filter(employee__organisation=organisation).order_by(
        "start", "pk"
    ):
        latest[employment.employee_id] = employment  # the last one wins: the latest start
    for values in parsed.values():
        name = values.get("department")
        if name and name not in departments:
            plan.departments.add(name)
        employee = existing.get(values["employee_number"])
        if employee is None:
            plan.new.append(values)
            continue
        fields = [f for f in EMPLOYEE_FIELDS if f in values and getattr(employee, f) != values[f]]
        if name and (name not in departments or employee.department_id != departments[name]):
            fields.append("department")
        if fields:
            plan.changed.append((employee, values, fields))
        kind, employment_fields = _employment_change(latest.get(employee.pk), values)
        if kind == "new":
            plan.new_employments.append((employee, values))
        elif kind == "update":
            plan.changed_employments.append((latest[employee.pk], values, employment_fields))
        elif not fields:
            plan.unchanged += 1
    return plan


def _employment_row(employee_id: int, values: dict) -> dict:
    return {"employee_id": employee_id} | {
        name: values[column] for column, name in EMPLOYMENT_FIELDS.items() if column in values
    }


def _set_employment(employment: Employment, values: dict) -> Employment:
    for column, name in EMPLOYMENT_FIELDS.items():
        if column in values:
            setattr(employment, name, values[column])
    if "employment_end" not in values:
        employment.end = None
    return employment


def _write(
    organisation: Organisation, plan: _Plan, departments: dict[str, int]
) -> list[tuple[int, str]]:
    """Carry out the plan in bulk; the (employee id, fields) the audit trail records."""
    for department in Department.objects.bulk_create(
        [Department(organisation=organisation, name=name) for name in sorted(plan.departments)]
    ):
        departments[department.name] = department.pk
    # New employees and employments by plain INSERTs (core.bulk: bulk_create was the bottleneck);
    # the values were checked by values.py, and the new ids are read back by employee number.
    insert_rows(
        Employee,
        (
            {
                "organisation_id": organisation.pk,
                "employee_number": values["employee_number"],
                "department_id": departments.get(values.get("department", "")),
            }
            | {f: values[f] for f in EMPLOYEE_FIELDS if f in values}
            | {"sort_name": sort_name_of(values["first_name"], values["last_name"])}
            for values in plan.new
        ),
    )
    ids = dict(
        Employee.objects.filter(organisation=organisation).values_list("employee_number", "pk")
    )
    created = [ids[values["employee_number"]] for values in plan.new]
    insert_rows(
        Employment,
        [
            _employment_row(ids[values["employee_number"]], values)
            for values in plan.new
            if "employment_start" in values
        ]
        + [_employment_row(employee.pk, values) for employee, values in plan.new_employments],
    )

    audit: dict[int, list[str]] = {pk: ["created"] for pk in created}
    employee_fields: set[str] = set()
    for employee, values, fields in plan.changed:
        for name in fields:
            if name == "department":
                employee.department_id = departments[values["department"]]
            else:
                setattr(employee, name, values[name])
        employee_fields.update("department_id" if name == "department" else name for name in fields)
        if {"first_name", "last_name"} & set(fields):
            employee.sort_name = sort_name_of(employee.first_name, employee.last_name)
            employee_fields.add("sort_name")
        audit.setdefault(employee.pk, []).extend(fields)
    if plan.changed:
        Employee.objects.bulk_update(
            [employee for employee, _v, _f in plan.changed],
            sorted(employee_fields),
            batch_size=BATCH,
        )
    employment_fields: set[str] = set()
    for employment, values, fields in plan.changed_employments:
        _set_employment(employment, values)
        employment_fields.update(fields)
        audit.setdefault(employment.employee_id, []).extend(f"employment.{name}" for name in fields)
    if plan.changed_employments:
        Employment.objects.bulk_update(
            [employment for employment, _v, _f in plan.changed_employments],
            sorted(employment_fields),
            batch_size=BATCH,
        )
    for employee, _values in plan.new_employments:
        audit.setdefault(employee.pk, []).append("new employment")
    return [(pk, ", ".join(fields)) for pk, fields in audit.items()]


def _refresh_open_cases(plan: _Plan, today: date) -> None:
    """An employment's end is a fact of the timeline (the report of an employee sick when the
    contract ends): the open cases on an employment whose end changed get their duties again. A
    changed wage, hours or department changes what a case costs: those cases' months are
    rewritten (cases.costs)."""
    ended = [
        employment.pk for employment, _values, fields in plan.changed_employments if "end" in fields
    ]
    for start in range(0, len(ended), 500):
        duties_refresh_many(
            Case.objects.filter(
                employment_id__in=ended[start : start + 500], closed_on__isnull=True
            ),
            today,
        )
    employments = [
        employment.pk
        for employment, _values, fields in plan.changed_employments
        if "end" not in fields  # those were rewritten above
    ]
    moved = [employee.pk for employee, _values, fields in plan.changed if "department" in fields]
    for start in range(0, max(len(employments), len(moved)), 500):
        costs_refresh(
            Case.objects.filter(
                Q(employment_id__in=employments[start : start + 500])
                | Q(employee_id__in=moved[start : start + 500])
            ),
            today,
        )


def import_table(
    *,
    organisation: Organisation,
    table: Table,
    mapping: dict[str, int],
    by: User | None,
    today: date,
    dry_run: bool = False,
    good_rows: bool = False,
    route: str = "",
    progress: Callable[[int], object] | None = None,
) -> Outcome:
    """Check every row; write when not a dry run and either no row is bad or the good rows were
    asked for. Records one audit entry for the run and one per created or changed employee."""
    mapping = check_mapping(mapping, table.headers)
    parsed, errors = _parse_all(table, mapping, today, progress)
    departments = dict(
        Department.objects.filter(organisation=organisation).values_list("name", "pk")
    )
    plan = _plan(organisation, parsed, departments)
    outcome = Outcome(
        rows=len(table.rows),
        created=len(plan.new),
        changed=plan.touched,
        unchanged=plan.unchanged,
        errors=errors,
    )
    if dry_run or (errors and not good_rows) or not parsed:
        return outcome
    try:
        with transaction.atomic():
            audit = _write(organisation, plan, departments)
            _refresh_open_cases(plan, today)
            # New and changed employments and departments: their days in the statistics.
            statistics_refresh(Employee.objects.filter(pk__in=[pk for pk, _f in audit]))
            record_writes(
                user=by,
                organisation_id=organisation.pk,
                employee_fields=audit,
                subject="employee (payroll import)",
                route=route,
            )
            record_write(
                user=by,
                organisation_id=organisation.pk,
                subject="payroll import",
                fields=f"rows {outcome.rows}, created {outcome.created}, changed "
                f"{outcome.changed}, unchanged {outcome.unchanged}, bad rows "
                f"{outcome.bad_rows}",
                route=route,
            )
    except IntegrityError:
        # Another import or a person added one of these employee numbers in the meantime.
        raise ValidationError(
            {
                "file": _(
                    "The employees changed while the file was imported; "
                    "nothing was saved. Please import the file again."
                )
            }
        ) from None
    outcome.written = True
    return outcome
