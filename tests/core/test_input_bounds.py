"""Bad input is refused with a message naming the field, never a 500 (issue 13 finding 6): NUL
bytes, NaN and infinite numbers, dates outside 1900-2100. The form fuzz over every page is
tests/privacy/test_form_fuzz.py; these are the rules it relies on, one at a time."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

import openverzuim
from openverzuim.core.forms import DateField
from openverzuim.documents import services as document_services
from openverzuim.documents.spec import EMPLOYER
from tests.documents.conftest import VALID


def _project_forms():
    for config in apps.get_app_configs():  # importing every app's forms module defines its classes
        if config.name.startswith("openverzuim.") and (Path(config.path) / "forms.py").exists():
            import_module(f"{config.name}.forms")

    def walk(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return {cls for cls in walk(forms.BaseForm) if cls.__module__.startswith(openverzuim.__name__)}


def test_every_date_field_of_every_form_is_the_bounded_one():
    found = _project_forms()
    assert len(found) > 20
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in found
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, DateField)
    ]
    assert not unbounded, (
        "use openverzuim.core.forms.DateField (or formfield_callback): " + ", ".join(unbounded)
    )


def test_every_number_field_of_every_form_refuses_nan_infinity_and_huge_numbers():
    """Hours and amounts are DecimalFields: Django's refuses NaN and Infinity, and its max_digits
    (from the model column, or declared) bounds the size. A FloatField would take 1e308."""
    numbers = [
        (cls, name, field)
        for cls in _project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.FloatField | forms.DecimalField)
    ]
    assert numbers
    for cls, name, field in numbers:
        assert isinstance(field, forms.DecimalField) and field.max_digits, (cls, name)
        for bad in ("NaN", "Infinity", "-Infinity", "1e308", "-1e308"):
            with pytest.raises(ValidationError):
                field.clean(bad)


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_date_outside_1900_to_2100_is_refused_naming_the_range(value):
    field = DateField(label="Datum")
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    assert error.value.messages == ["Geef een datum tussen 1 januari 1900 en 31 december 2100."]
    assert field.clean("2100-12-31").year == 2100


@pytest.mark.django_db
def test_the_audit_log_filter_to_the_last_day_of_year_9999_answers_with_the_field_message(
    client, anna
):
    """It raised OverflowError: the day after 9999-12-31 does not exist."""
    client.force_login(anna)
    for field in ("date_to", "date_from"):
        response = client.get(reverse("accounts:audit_log"), {field: "9999-12-31"})
        assert response.status_code == 200
        assert "Geef een datum tussen" in response.content.decode()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("goal", "Terug\x00 naar werk", "Doel: Null-tekens zijn niet toegestaan."),
        ("duration", "\x00", "Looptijd van het plan: Null-tekens zijn niet toegestaan."),
    ],
)
@pytest.mark.django_db
def test_a_nul_byte_in_a_document_field_is_refused_naming_the_field(
    eva_sick, anna, field, value, message
):
    """PostgreSQL refuses NUL in text and jsonb: it was a 500 on every document field."""
    with pytest.raises(ValidationError) as error:
        document_services.document_create(
            case=eva_sick,
            type_code="action_plan",
            by=anna,
            content=VALID["action_plan"] | {field: value},
            parties={EMPLOYER},
        )
    assert error.value.message_dict == {field: [message]}


@pytest.mark.django_db
def test_a_nul_byte_in_a_list_row_or_the_free_text_is_refused_naming_it(eva_sick, anna):
    rows = [{"description": "Gesprek\x00", "owner": "Anna", "term": "2026-03-01"}]
    with pytest.raises(ValidationError) as error:
        document_services.document_create(
            case=eva_sick,
            type_code="action_plan",
            by=anna,
            parties={EMPLOYER},
            content=VALID["action_plan"] | {"employer_activities": rows},
        )
    assert list(error.value.message_dict) == ["employer_activities[0].description"]
    with pytest.raises(ValidationError) as error:
        document_services.document_create(
            case=eva_sick,
            type_code="action_plan",
            by=anna,
            content=VALID["action_plan"],
            parties={EMPLOYER},
            free_text="a\x00b",
        )
    assert list(error.value.message_dict) == ["free_text"]


@pytest.mark.parametrize("hours", ["NaN", "sNaN", "Infinity", "-Infinity", "1e308", "-1e308"])
@pytest.mark.django_db
def test_hours_worked_that_are_no_finite_number_are_refused_naming_the_field(eva_sick, anna, hours):
    """`NaN` raised InvalidOperation in the comparison with 0 and 60."""
    with pytest.raises(ValidationError) as error:
        document_services.document_create(
            case=eva_sick,
            type_code="progress_review",
            by=anna,
            parties={EMPLOYER},
            content=VALID["progress_review"] | {"hours_worked": hours},
        )
    assert error.value.message_dict == {
        "hours_worked": ["Gewerkte uren per week: geef een aantal uren tussen 0 en 60."]
    }


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
@pytest.mark.django_db
def test_a_document_date_outside_the_range_is_refused_naming_the_field(eva_sick, anna, day):
    with pytest.raises(ValidationError) as error:
        document_services.document_create(
            case=eva_sick,
            type_code="progress_review",
            by=anna,
            parties={EMPLOYER},
            content=VALID["progress_review"] | {"review_date": day},
        )
    assert error.value.message_dict == {
        "review_date": [
            "Datum van het gesprek: Geef een datum tussen 1 januari 1900 en 31 december 2100."
        ]
    }
