"""The access request (AVG art. 15): everything held about a person, gathered from every app.

A small registry by convention, like the route declarations: an app that holds personal data has an
`access_request.py` with `TITLE` (a lazy string) and `collect(user) -> dict | list` returning plain,
JSON-ready values (`as_record` turns a model row into one). Documents and medical add theirs by
adding that module; nothing here needs to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from openverzuim.core.access import project_modules

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
    return {field.attname: _plain(field.value_from_object(instance))
            for field in instance._meta.concrete_fields if field.name not in exclude}


def collect_for(user: User) -> dict[str, dict[str, Any]]:
    """{app label: {"title": ..., "data": ...}} for every app that holds something."""
    return {label: {"title": str(module.TITLE), "data": module.collect(user)}
            for label, module in project_modules("access_request")}


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
