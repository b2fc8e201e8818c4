"""Surnames sort without their tussenvoegsel ("de Boer" under B, "van Dijk" under D) on the employees
page and the case list, from a stored, indexed key (Employee.sort_name) kept by every writing path;
the sick report offers only employees who are not sick now, a bounded few at a time."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.cases import selectors, services
from openverzuim.cases.models import Employee, sort_name_of

NAMES = [
    ("Jan", "van Dijk"),
    ("Anna", "de Boer"),
    ("Piet", "Bakker"),
    ("Sanne", "van der Berg"),
    ("Kees", "Dekker"),
    ("Els", "Çelik"),
]
#: By surname without tussenvoegsel: Bakker, Berg, Boer, Çelik (as C), Dekker, Dijk.
EXPECTED = ["Bakker", "van der Berg", "de Boer", "Çelik", "Dekker", "van Dijk"]


@pytest.fixture
def staff(bakery):
    return [
        Employee.objects.create(
            organisation=bakery, first_name=first, last_name=last, employee_number=str(n)
        )
        for n, (first, last) in enumerate(NAMES, start=10)
    ]


def test_the_key_passes_over_the_tussenvoegsel():
    assert sort_name_of("Anna", "de Boer") == "boer anna de"
    assert sort_name_of("Sanne", "van der Berg") == "berg sanne van der"
    assert sort_name_of("Jan", "Van Dijk") == "dijk jan van"
    assert sort_name_of("Els", "Çelik") == "celik els"
    # A surname that is only a "prefix" word keeps it: "Van" is the name itself.
    assert sort_name_of("Piet", "Van") == "van piet"
    assert sort_name_of("Piet", "van 't Hek") == "hek piet van 't"


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=100), st.text(max_size=100))
def test_the_key_always_fits_its_column(first, last):
    assert len(sort_name_of(first, last)) <= 210


def test_the_employees_page_sorts_by_surname_without_tussenvoegsel(anna_client, staff):
    page = anna_client.get(reverse("cases:employees")).context["page"]
    assert [e.last_name for e in page.object_list] == EXPECTED


def test_the_case_list_sorts_by_surname_when_asked(anna_client, staff, anna, today):
    for employee in staff:
        services.sick_report_create(
            employee=employee, first_sick_day=date(2026, 11, 2), by=anna, today=today
        )
    html = anna_client.get(reverse("cases:list"))
    assert 'name="sort"' in html.content.decode()
    page = anna_client.get(reverse("cases:list"), {"sort": "name"}).context["page"]
    assert [c.employee.last_name for c in page.object_list] == EXPECTED


def test_a_changed_name_changes_the_key(anna, staff):
    anna_de_boer = staff[1]
    services.employee_update(employee=anna_de_boer, by=anna, last_name="Zwart")
    assert Employee.objects.get(pk=anna_de_boer.pk).sort_name == "zwart anna"
    anna_de_boer.last_name = "ter Horst"
    anna_de_boer.save(update_fields=["last_name"])
    assert Employee.objects.get(pk=anna_de_boer.pk).sort_name == "horst anna ter"


def test_the_migration_fills_the_key_of_existing_employees(staff):
    Employee.objects.update(sort_name="")
    migration = importlib.import_module("openverzuim.cases.migrations.0017_employee_sort_name")
    migration.fill(django_apps, None)  # the schema editor is not used
    assert [e.last_name for e in Employee.objects.order_by("sort_name")] == EXPECTED


def test_the_sort_key_is_indexed_with_the_organisation():
    indexes = {tuple(i.fields) for i in Employee._meta.indexes if i.fields}
    assert ("organisation", "sort_name", "id") in indexes


def test_the_sick_report_offers_only_who_is_not_sick(anna_client, staff, eva_sick):
    for url in (reverse("cases:sick_report"), reverse("guide:first_day")):
        html = anna_client.get(url).content.decode()
        assert "Anna de Boer" in html and "Jan van Dijk" in html, url
        assert "Eva de Vries" not in html, url  # sick since 5 January
    # and a search narrows the list
    html = anna_client.get(reverse("cases:sick_report"), {"q": "Dijk"}).content.decode()
    assert "Jan van Dijk" in html and "Anna de Boer" not in html


def test_a_sick_employee_posted_anyway_gets_the_services_message(anna_client, eva_sick):
    response = anna_client.post(
        reverse("cases:sick_report"),
        {
            "employee": eva_sick.employee.pk,
            "first_sick_day": "2026-11-20",
            "expected_duration": "unknown",
        },
    )
    assert "already reported sick" in str(response.context["form"].errors)


def test_the_sick_report_never_lists_a_whole_payroll(bakery, anna, anna_client):
    Employee.objects.bulk_create(
        Employee(
            organisation=bakery,
            first_name="P",
            last_name=f"Persoon {n:03d}",
            employee_number=f"X{n}",
            sort_name=sort_name_of("P", f"Persoon {n:03d}"),
        )
        for n in range(selectors.OFFERED_EMPLOYEES + 30)
    )
    html = anna_client.get(reverse("cases:sick_report")).content.decode()
    select = html[html.index('<select name="employee"') :]
    select = select[: select.index("</select>")]
    assert select.count("<option") == selectors.OFFERED_EMPLOYEES + 1  # and the empty choice
    assert "Search by name or number to find another" in html
    # one chosen by a link is offered even beyond the first page
    last = Employee.objects.get(employee_number=f"X{selectors.OFFERED_EMPLOYEES + 29}")
    html = anna_client.get(reverse("cases:sick_report"), {"employee": last.pk}).content.decode()
    assert f'value="{last.pk}" selected' in html


def test_the_employees_page_offers_report_sick_only_for_who_is_not_sick(
    anna_client, eva_sick, staff
):
    html = anna_client.get(reverse("cases:employees")).content.decode()
    first_day = reverse("guide:first_day")
    assert f"{first_day}?employee={staff[0].pk}" in html
    assert f"{first_day}?employee={eva_sick.employee.pk}" not in html


def test_report_sick_starts_the_first_sick_day_wizard(anna_client, staff):
    for name in ("cases:worklist", "cases:list"):
        html = anna_client.get(reverse(name)).content.decode()
        assert f'href="{reverse("guide:first_day")}"' in html, name


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_sick_report_and_employees_page_read_as_many_queries_at_any_size(
    bakery, anna, anna_client, eva_sick
):
    def add(start: int, n: int) -> None:
        Employee.objects.bulk_create(
            Employee(
                organisation=bakery,
                first_name="P",
                last_name=f"de Persoon {k:04d}",
                employee_number=f"Y{k}",
                sort_name=sort_name_of("P", f"de Persoon {k:04d}"),
            )
            for k in range(start, start + n)
        )

    add(0, 5)
    urls = (reverse("cases:sick_report"), reverse("guide:first_day"), reverse("cases:employees"))
    small = [_queries(anna_client, url) for url in urls]
    add(5, 400)
    assert [_queries(anna_client, url) for url in urls] == small


@pytest.mark.parametrize("chosen", ["99999999999999999999999", "12abc", "\x00", "-1", "١٢"])
def test_a_strange_employee_in_the_link_is_nobody(anna_client, staff, chosen):
    response = anna_client.get(reverse("cases:sick_report"), {"employee": chosen, "q": "\x00"})
    assert response.status_code == 200
