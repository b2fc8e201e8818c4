"""The declarative shape of a document type: its fields, who signs it and what signing records.

Every re-integration document (plan of action, evaluations, letters, ...) is one `DocumentType` in
`types.py`; the models, forms, PDF and the re-integration report all read these specs, so a new type is
data, not code. Content is a JSON object: one key per field; a `list` field holds a list of row objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.core.forms import finite_decimal, refuse_nul, validate_date_range
from openverzuim.law import EVENT_TYPES, Basis

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # labels and texts are lazy translations

KINDS = ("text", "textarea", "date", "hours", "choice", "checkbox", "list")

#: The parties who may author or sign a document.
EMPLOYER, EMPLOYEE, PHYSICIAN = "employer", "employee", "physician"
PARTIES = (EMPLOYER, EMPLOYEE, PHYSICIAN)
PARTY_LABELS = {
    EMPLOYER: gettext_lazy("Employer"),
    EMPLOYEE: gettext_lazy("Employee"),
    PHYSICIAN: gettext_lazy("Occupational physician"),
}

#: Field names that would carry medical data (diagnosis, treatment): no employer-visible type may
#: declare one (law.md §8.2); the medical vault keeps them. A test walks every spec against this list.
MEDICAL_FIELD_NAMES = frozenset(
    {
        "diagnosis",
        "medication",
        "treatment",
        "symptoms",
        "medical_history",
        "therapy",
        "specialist_findings",
        "cause",
    }
)


@dataclass(frozen=True)
class Field:
    name: str
    label: StrOrPromise
    kind: str = "text"
    required: bool = True
    guidance: StrOrPromise = ""
    choices: tuple[tuple[str, StrOrPromise], ...] = ()
    columns: tuple[Field, ...] = ()  # the row fields of a `list`

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")
        if (self.kind == "choice") != bool(self.choices):
            raise ValueError(f"{self.name}: choices belong to, and only to, a choice field")
        if (self.kind == "list") != bool(self.columns):
            raise ValueError(f"{self.name}: columns belong to, and only to, a list field")

    def choice_label(self, value: str) -> str:
        return str(dict(self.choices).get(value, value))

    def clean(self, raw, path: str, errors: dict[str, str]):
        """The stored value of `raw`, or None after putting a message under `path` in `errors`."""
        if self.kind == "list":
            return self._clean_rows(raw, path, errors)
        if self.kind == "checkbox":
            return raw in (True, "on", "true", "1")
        value = "" if raw is None else str(raw).strip()
        if not self._valid(refuse_nul, value, path, errors):
            return None
        if not value:
            if self.required:
                errors[path] = _("%(label)s: this field is required.") % {"label": self.label}
            return ""
        if self.kind == "date":
            try:
                day = date.fromisoformat(value)
            except ValueError:
                errors[path] = _("%(label)s: %(value)s is not a date (YYYY-MM-DD).") % {
                    "label": self.label,
                    "value": value,
                }
            else:
                if self._valid(validate_date_range, day, path, errors):
                    return day.isoformat()
        elif self.kind == "hours":
            hours = finite_decimal(value)
            if hours is None or not Decimal(0) <= hours <= Decimal(60):
                errors[path] = _("%(label)s: give a number of hours between 0 and 60.") % {
                    "label": self.label
                }
            else:
                return str(hours.normalize()) if hours else "0"
        elif self.kind == "choice" and value not in dict(self.choices):
            errors[path] = _("%(label)s: choose one of the options.") % {"label": self.label}
        else:
            return value
        return None

    def _valid(self, validator, value, path: str, errors: dict[str, str]) -> bool:
        """Run one of core.forms' validators; its message goes under `path`, with the label."""
        try:
            validator(value)
        except ValidationError as error:
            errors[path] = _("%(label)s: %(problem)s") % {
                "label": self.label,
                "problem": error.messages[0],
            }
            return False
        return True

    def _clean_rows(self, raw, path: str, errors: dict[str, str]) -> list[dict]:
        rows = [
            row
            for row in (raw or [])
            if isinstance(row, dict)
            and any(
                str(row.get(c.name) or "").strip() for c in self.columns if c.kind != "checkbox"
            )
        ]
        if self.required and not rows:
            errors[path] = _("%(label)s: add at least one row.") % {"label": self.label}
        return [
            {
                c.name: c.clean(row.get(c.name), f"{path}[{i}].{c.name}", errors)
                for c in self.columns
            }
            for i, row in enumerate(rows)
        ]


@dataclass(frozen=True)
class ConditionalEvent:
    """Signing also records `event` when the field `field` holds one of `values` (e.g. the
    first-year evaluation's decision that a return in the own company is expected)."""

    field: str
    values: tuple[str, ...]
    event: str


@dataclass(frozen=True)
class DocumentType:
    code: str
    title: StrOrPromise
    basis: Basis  # the articles the document rests on; pages show `basis.short()`
    guidance: StrOrPromise  # what UWV expects of the document as a whole
    fields: tuple[Field, ...]
    author: str = EMPLOYER
    signers: tuple[str, ...] = (EMPLOYER, EMPLOYEE)
    event: str | None = None  # the timeline event recorded when every signer has signed
    # The date field that says when the event took place (a review's meeting): without one, the
    # event is dated the day the document is signed.
    event_date_field: str | None = None
    conditional_events: tuple[ConditionalEvent, ...] = ()
    report_items: tuple[str, ...] = ()  # the letters of RPG art. 6 lid 1 this document supplies
    free_text_label: StrOrPromise | None = None
    letter: bool = False

    def __post_init__(self) -> None:
        if self.author not in PARTIES or not set(self.signers) <= set(PARTIES):
            raise ValueError(f"{self.code}: author and signers must be among {PARTIES}")
        recorded = {c.event for c in self.conditional_events} | (
            {self.event} if self.event else set()
        )
        unknown = recorded - set(EVENT_TYPES)
        if unknown:  # an event the timeline does not know would be recorded and never counted
            raise ValueError(
                f"{self.code}: records {sorted(unknown)}, not events of law.EVENT_TYPES"
            )
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.code}: a field name appears twice")

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def clean(self, content: dict) -> dict:
        """The validated content; a ValidationError whose keys name each bad field (`activities[0].term`)."""
        if not isinstance(content, dict):
            raise ValidationError({"content": _("The content must be an object of fields.")})
        unknown = set(content) - {f.name for f in self.fields}
        if unknown:
            raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
        errors: dict[str, str] = {}
        cleaned = {f.name: f.clean(content.get(f.name), f.name, errors) for f in self.fields}
        if errors:
            raise ValidationError(errors)
        return cleaned

    def event_date(self, content: dict, signed_on: date) -> date:
        """The day the signed document's events took place: its date field, else `signed_on`."""
        value = content.get(self.event_date_field) if self.event_date_field else None
        try:
            return date.fromisoformat(value) if value else signed_on
        except (TypeError, ValueError):
            return signed_on

    def events_on_signing(self, content: dict) -> list[str]:
        events = [self.event] if self.event else []
        return events + [
            c.event for c in self.conditional_events if content.get(c.field) in c.values
        ]
