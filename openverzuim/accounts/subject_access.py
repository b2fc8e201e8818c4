"""The access request (AVG art. 15): everything held about a person, gathered from every app.

A small registry, like the route declarations: an app that holds personal data has an
`access_request.py` with `TITLE` (a lazy string) and `collect(user) -> dict | list` returning plain,
JSON-ready values (`as_record` turns a model row into one), and registers it in its AppConfig.ready()
(`register_modules(self.label, access_request=access_request)`); nothing here needs to change.

The JSON download holds everything `collect` returns. The readable PDF uses `collect_readable(user)`
where a module has one: the same data with a long list summarised (the audit trail: counts per
month and role, and the latest entries), so that the PDF is made in seconds at any size.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from openverzuim.core.routes import project_modules

from .models import User


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None  # files are listed by name, their content is downloaded where it lives
    return value


def as_record(instance: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A model row as plain values: foreign keys as ids, dates as ISO strings."""
    return {
        field.attname: _plain(field.value_from_object(instance))
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }


def collect_for(user: User, *, readable: bool = False) -> dict[str, dict[str, Any]]:
    """{app label: {"title": ..., "data": ...}} for every app that holds something; `readable`:
    for the PDF (a module's `collect_readable`, where it has one)."""
    return {
        label: {
            "title": str(module.TITLE),
            "data": (
                getattr(module, "collect_readable", module.collect) if readable else module.collect
            )(user),
        }
        for label, module in project_modules("access_request")
    }


def flatten(data: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, value) for every leaf: the readable PDF lists them line by line."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from flatten(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list):
        if not data:
            yield path, "—"
        for index, value in enumerate(data, 1):
            yield from flatten(value, f"{path} {index}")
    else:
        yield path, "—" if data in (None, "") else data
