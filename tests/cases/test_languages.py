"""The employer's main pages in Dutch (the default) and in English (chosen with the switcher), with
dates in the format of the language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from openverzuim.cases.models import Employee


@pytest.fixture
def pages(eva_sick):
    # Someone who is not sick, so that the sick report offers its form (Eva is sick already).
    Employee.objects.create(
        organisation=eva_sick.organisation, first_name="Jan", last_name="Smit", employee_number="2"
    )
    return {
        "worklist": reverse("cases:worklist"),
        "list": reverse("cases:list"),
        "detail": reverse("cases:detail", args=[eva_sick.pk]),
        "sick_report": reverse("cases:sick_report"),
        "employees": reverse("cases:employees"),
        "employee": reverse("cases:employee_edit", args=[eva_sick.employee.pk]),
        "event": reverse("cases:event_new", args=[eva_sick.pk]),
    }


DUTCH = {
    "worklist": ["Wat moet ik deze week doen", "Termijn verstreken", "zondag 22 november 2026"],
    "list": ["Verzuimdossiers", "Eva de Vries", "5 jan 2026"],
    "detail": ["Eerste ziektedag 5 januari 2026", "Tijdlijn", "Probleemanalyse", "Geschiedenis"],
    "sick_report": ["Een medewerker ziek melden", "Eerste ziektedag"],
    "employees": ["Medewerkers", "Winkel"],
    "employee": ["Voornaam", "Dienstverband"],
    "event": ["Probleemanalyse ontvangen", "Leg geen diagnose"],
}
ENGLISH = {
    "worklist": ["What to do this week", "Overdue", "Sunday 22 November 2026"],
    "list": ["Cases", "Eva de Vries", "5 Jan 2026"],
    "detail": ["First sick day 5 January 2026", "Timeline", "Problem analysis", "History"],
    "sick_report": ["Report an employee sick", "First sick day"],
    "employees": ["Employees", "Winkel"],
    "employee": ["First name", "Employment"],
    "event": ["Problem analysis received", "Do not record a diagnosis"],
}


def test_the_main_pages_are_dutch_by_default(client, anna, pages):
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE", None)
    client.force_login(anna)
    with translation.override("nl"):
        for name, url in pages.items():
            html = client.get(url).content.decode()
            assert '<html lang="nl">' in html, name
            for text in DUTCH[name]:
                assert text in html, (name, text)
            for text in ENGLISH[name][:1]:
                assert text not in html, (name, text)


def test_the_main_pages_switch_to_english(client, anna, pages):
    client.defaults.pop("HTTP_ACCEPT_LANGUAGE", None)
    client.force_login(anna)
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert '<html lang="en">' in html, name
        for text in ENGLISH[name]:
            assert text in html, (name, text)
        assert DUTCH[name][0] not in html, name


def test_every_page_offers_the_language_switcher(anna_client, pages):
    for url in pages.values():
        html = anna_client.get(url).content.decode()
        assert 'action="/i18n/setlang/"' in html and 'value="nl"' in html and 'value="en"' in html
