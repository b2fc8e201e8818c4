"""Every employer-side free-text field of the dossier warns before saving medical-looking text, and
saves once the user rephrases or confirms (issue 4 item 6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openverzuim.cases.models import Case, Employee, Event

MEDICAL = "Heeft een hernia, slikt pijnstillers"
PLAIN = "Overdracht van de bestellingen aan Piet"


def _sick_report(eva, text):
    return (
        reverse("cases:sick_report"),
        {
            "employee": eva.pk,
            "first_sick_day": "2026-11-20",
            "expected_duration": "unknown",
            "appointments_and_work": text,
        },
        "appointments_and_work",
    )


def _event_new(case, text):
    return (
        reverse("cases:event_new", args=[case.pk]),
        {"kind": "phone_call", "date": "2026-03-01", "note": text},
        "note",
    )


def _correct(case, event, text):
    return (
        reverse("cases:event_correct", args=[case.pk, event.pk]),
        {"date": "2026-02-11", "note": text},
        "note",
    )


def _withdraw(case, event, text):
    return reverse("cases:event_withdraw", args=[case.pk, event.pk]), {"reason": text}, "reason"


def _saved():
    """What the forms can write: cases, events, withdrawals."""
    return (
        Case.objects.count(),
        Event.objects.count(),
        Event.objects.filter(withdrawn_at__isnull=False).count(),
    )


@pytest.fixture(params=["sick_report", "event_new", "correct", "withdraw"])
def guarded(request, eva, anna, today):
    """(url, data, field) for one guarded form, given the text to put in its free-text field."""
    if request.param == "sick_report":
        return lambda text: _sick_report(eva, text)
    case = request.getfixturevalue("eva_sick")
    if request.param == "event_new":
        return lambda text: _event_new(case, text)
    entry = request.getfixturevalue("event")
    return lambda text: (_correct if request.param == "correct" else _withdraw)(case, entry, text)


def test_it_warns_names_the_terms_and_saves_nothing(anna_client, guarded):
    url, data, field = guarded(MEDICAL)
    before = _saved()
    response = anna_client.post(url, data)
    assert response.status_code == 200
    error = response.context["form"].errors[field][0]
    assert error.startswith("This looks medical: hernia, pijnstillers.")
    assert 'type="checkbox" name="confirm_not_medical"' in response.content.decode()
    assert _saved() == before


def test_a_rephrased_text_is_saved(anna_client, guarded):
    url, data, _ = guarded(PLAIN)
    before = _saved()
    assert anna_client.post(url, data).status_code == 302
    assert _saved() != before


def test_a_confirmed_text_is_saved_as_typed(anna_client, guarded):
    url, data, _ = guarded(MEDICAL)
    assert anna_client.post(url, {**data, "confirm_not_medical": "on"}).status_code == 302
    stored = (
        [e.note for e in Event.objects.all()]
        + [e.withdrawal_reason for e in Event.objects.all()]
        + [c.appointments_and_work for c in Case.objects.all()]
    )
    assert MEDICAL in stored


def test_the_sick_report_and_event_forms_say_not_to_record_medical_information(
    anna_client, eva_sick
):
    # Someone not sick, so that the sick report shows its form (Eva is sick already).
    Employee.objects.create(
        organisation=eva_sick.organisation, first_name="Jan", last_name="Smit", employee_number="2"
    )
    for url in (reverse("cases:sick_report"), reverse("cases:event_new", args=[eva_sick.pk])):
        assert "Do not record a diagnosis, symptoms or any other medical information." in (
            anna_client.get(url).content.decode()
        )
