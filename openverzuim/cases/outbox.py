"""The events of a case for other systems (core/outbox.py): every one names the case and its
employee by id and employee number, so a payroll system can match it without asking back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from openverzuim.core.outbox import OutboxKind, Value, emit_many

from .models import Case

CaseEvent = tuple[Case, OutboxKind, str | int, dict[str, Value | date]]


def emit_for_case(case: Case, kind: OutboxKind, key: str | int, **facts: Value | date) -> None:
    """Emit `kind` about `case`, once per (`kind`, `key`), inside the caller's transaction."""
    emit_for_cases([(case, kind, key, facts)])


def emit_for_cases(events: Iterable[CaseEvent]) -> None:
    emit_many(
        [
            (
                case.organisation_id,
                kind,
                {
                    "case": case.pk,
                    "employee": case.employee_id,
                    "employee_number": case.employee.employee_number,
                    **facts,
                },
                f"{kind}:{key}",
            )
            for case, kind, key, facts in events
        ]
    )
