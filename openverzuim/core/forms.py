"""Form helpers every app can use, and the bounds every input is held to (issue 13 finding 6).

Dates are accepted between EARLIEST_DATE and LATEST_DATE only: a date far outside overflows the date
arithmetic that follows (a year 9999 plus one day) and means nothing in a dossier. Every date field of
the project is `DateField` below (ModelForms get it through `formfield`); a test walks every form.
Django's own CharField already refuses NUL characters; text that does not pass through a form field
(the documents' content) is checked with `refuse_nul`. Numbers are parsed with `finite_decimal`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)

#: Raises Django's "Null characters are not allowed." for a text holding NUL (PostgreSQL refuses it).
refuse_nul = ProhibitNullCharactersValidator()


def validate_date_range(value: date) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={"earliest": date_format(EARLIEST_DATE), "latest": date_format(LATEST_DATE)},
        )


class DateField(forms.DateField):
    """A date between EARLIEST_DATE and LATEST_DATE."""

    default_validators = [validate_date_range]


def formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: the model's date fields become the bounded DateField."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("form_class", DateField)
    return db_field.formfield(**kwargs)


def finite_decimal(text: str) -> Decimal | None:
    """`text` ("7,5" or "7.5") as a finite Decimal; None when it is no number, NaN or infinite."""
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


#: The largest primary key a database holds (a 64-bit signed integer).
MAX_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with the ids checked as ids before the database sees them: a huge number would
    overflow SQLite's integer in the `IN (...)` query (a 500) instead of naming the field."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs, public in Django


def attach_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form fields they name; the rest above the form."""
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


_Field = TypeVar("_Field", bound=forms.Field)


def form_field(form: forms.BaseForm, name: str, kind: type[_Field]) -> _Field:
    """The form's field `name`, which the form declares as a `kind` (Django's types know only that
    `form.fields` holds fields): to set a choice field's choices or queryset in `__init__`."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(
            f"{type(form).__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}"
        )
    return field
