"""The cost of absence as CSV and XLSX (reports.views.costs_export): the page's rows and columns,
amounts as numbers, the formula-injection guard on department names, the page's users only, one
audit entry, and a number of queries that does not grow with the cases."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from openverzuim.accounts.models import AuditEntry, Department, Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases.models import Employee

URL = reverse("reports:costs_export")


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _xlsx(response) -> list[list]:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _sick(bakery, anna, today, number: str, department: str) -> None:
    employee = Employee.objects.create(
        organisation=bakery,
        department=Department.objects.get_or_create(organisation=bakery, name=department)[0],
        first_name="Piet",
        last_name=f"Bakker {number}",
        employee_number=number,
    )
    services.employment_create(
        employee=employee, start=date(2020, 1, 1), contract_hours=Decimal(40), wage=Decimal(2000)
    )
    services.sick_report_create(
        employee=employee, first_sick_day=date(2026, 6, 1), by=anna, today=today
    )


@pytest.fixture
def anna_client(client, anna):
    client.force_login(anna)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_export_has_the_pages_rows_and_columns(anna_client, bakery, anna, eva_sick, today):
    _sick(bakery, anna, today, "2001", '=HYPERLINK("http://x")')
    report = anna_client.get(reverse("reports:costs")).context["report"]
    rows = _xlsx(anna_client.get(URL, {"format": "xlsx"}))
    assert rows[0] == ["Department", *report.months]
    screen = [
        [name, *(float(values.get(m, 0)) for m in report.months)]
        for name, values in report.by_department.items()
    ]
    screen[0][0] = "'" + screen[0][0]  # the guarded department (sorted first: "=" before "W")
    assert [
        [cell if isinstance(cell, str) else float(cell) for cell in row] for row in rows[1:-2]
    ] == screen
    assert rows[-2][0] == "Total" and rows[-1][0] == "of which re-integration costs"
    assert [float(cell) for cell in rows[-2][1:]] == [
        float(report.totals[m]) for m in report.months
    ]
    # Eva in January 2026 (from the 5th): 3000 x 27 / 31, a number cell
    january = rows[0].index("2026-01")
    winkel = next(row for row in rows if row[0] == "Winkel")
    assert winkel[january] == pytest.approx(2612.90)


def test_the_csv_writes_amounts_with_a_decimal_comma_and_guards_formulas(
    anna_client, bakery, anna, eva_sick, today
):
    _sick(bakery, anna, today, "2001", "=1+1")
    rows = _csv(anna_client.get(URL, {"format": "csv"}))
    january = rows[0].index("2026-01")
    assert next(row for row in rows if row[0] == "Winkel")[january] == "2612,90"
    assert "'=1+1" in [row[0] for row in rows] and "=1+1" not in [row[0] for row in rows]


def test_a_bad_format_is_refused(anna_client, eva_sick):
    assert anna_client.get(URL, {"format": "pdf"}).status_code == 400


def test_one_audit_entry_per_export(anna_client, anna, eva_sick):
    anna_client.get(URL, {"format": "csv"})
    assert AuditEntry.objects.filter(user_id=anna.pk, subject="cost of absence export").count() == 1


def test_another_employer_exports_none_of_these_costs(client, carla, eva_sick):
    client.force_login(carla)
    rows = _csv(client.get(URL, {"format": "csv"}))
    assert len(rows) == 1  # the header only


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.EMPLOYEE])
def test_roles_without_the_page_cannot_export(client, bakery, eva_sick, role):
    user = User.objects.create_user("zonder", "zonder@example.nl", "secret-password-1")
    Membership.objects.create(user=user, organisation=bakery, role=role)
    client.force_login(user)
    assert client.get(URL, {"format": "csv"}).status_code in (403, 404)


def test_the_queries_do_not_grow_with_the_cases(anna_client, bakery, anna, eva_sick, today):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _xlsx(anna_client.get(URL, {"format": "xlsx"}))
        return len(queries)

    few = count()
    for number in range(2001, 2011):
        _sick(bakery, anna, today, str(number), "Bakkerij")
    assert count() == few
