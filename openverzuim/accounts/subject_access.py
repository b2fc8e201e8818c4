"""The access request (AVG art. 15): everything held about a person, gathered from every app.

A small registry, like the route declarations: an app that holds personal data has an
`access_request.py` with `TITLE` (a lazy string) and `collect(user) -> dict | list` returning plain,
JSON-ready values (`as_record` turns a model row into one), and registers it in its AppConfig.ready()
(`register_modules(self.label, access_request=access_request)`); nothing here needs to change.

The JSON download holds everything `collect` returns. The readable PDF uses the module's
`readable(user) -> list[Section]`: the same data as a document, a heading per part and per record,
each field under its own name in the reader's language (`readable_fields`), never a code; a long
list summarised (the audit trail: counts per month and role, and the latest entries), so that the
PDF is made in seconds at any size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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


@dataclass
class Section:
    """A part of the readable PDF: a heading, its fields as (name, value) in the reader's words,
    lines of plain text, and the parts below it (a dossier's periods, an employee's employments)."""

    heading: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    parts: list[Section] = field(default_factory=list)


#: Fields that say nothing to the person they are about: keys, hashes, sort keys, permissions.
TECHNICAL_FIELDS = frozenset(
    {
        "id",
        "password",
        "is_superuser",
        "is_staff",
        "lock_version",
        "uwv_version",
        "sort_name",
        "token_hash",
    }
)


#: Names for the fields that models leave unnamed (Django would show "created at" in English).
FIELD_NAMES = {
    "created_at": _lazy("created at"),
    "recorded_at": _lazy("recorded at"),
    "recorded_by": _lazy("recorded by"),
    "withdrawn_at": _lazy("withdrawn at"),
    "withdrawn_by": _lazy("withdrawn by"),
    "replaces": _lazy("replaces"),
    "user": _lazy("login"),
    "organisation": _lazy("organisation"),
    "department": _lazy("department"),
    "created_by": _lazy("created by"),
}


def _readable_value(instance: models.Model, model_field: models.Field) -> str:
    value = getattr(instance, model_field.name)
    if model_field.choices and value not in (None, ""):
        return str(getattr(instance, f"get_{model_field.name}_display")())
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return date_format(localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)


def readable_fields(instance: models.Model, exclude: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """A row's fields as (name, value) the reader understands: the field's own translated name, a
    choice's label, yes/no, dates and amounts in the reader's format, a related row by its name.
    Technical fields (TECHNICAL_FIELDS) and `exclude` are left out."""
    return [
        (
            capfirst(str(FIELD_NAMES.get(model_field.name, model_field.verbose_name))),
            _readable_value(instance, model_field),
        )
        for model_field in instance._meta.concrete_fields
        if model_field.name not in TECHNICAL_FIELDS and model_field.name not in exclude
    ]


def collect_for(user: User) -> dict[str, dict[str, Any]]:
    """{app label: {"title": ..., "data": ...}} for every app that holds something: the JSON."""
    return {
        label: {"title": str(module.TITLE), "data": module.collect(user)}
        for label, module in project_modules("access_request")
    }


def readable_for(user: User) -> list[Section]:
    """The readable PDF's parts, one per app that holds something, under the app's title."""
    return [
        Section(str(module.TITLE), parts=module.readable(user))
        for _label, module in project_modules("access_request")
    ]
