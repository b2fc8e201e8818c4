"""Retention (law.md D17): every app that keeps personal data past a term has a `retention.py` with

    def sweep(*, today: date, execute: bool) -> list[Removal]

which lists (and, with `execute`, removes) what is past its term, and writes an audit entry per
removal naming what went, never its content (audit.record_removal). The `retention` management
command runs them all; medical/retention.py (the physician's file, 20 years) joins by having `sweep`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.apps import apps


@dataclass(frozen=True)
class Removal:
    kind: str  # e.g. "case", "employee"
    object_id: int
    organisation_id: int | None
    reason: str  # plain words, no personal data: "closed 2023-05-01, term 2 years"
    action: str = "delete"  # or "anonymise"


def years_after(day: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _sweepers() -> Iterator[tuple[str, object]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("openverzuim."):
            continue
        try:
            module = import_module(f"{config.name}.retention")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.retention":
                raise
            continue
        if hasattr(module, "sweep"):
            yield config.label, module.sweep


def sweep_all(*, today: date, execute: bool) -> dict[str, list[Removal]]:
    return {label: sweep(today=today, execute=execute) for label, sweep in _sweepers()}
