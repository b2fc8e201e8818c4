"""The case list and the worklist as CSV and XLSX (cases/exports.py): the rows the page shows for the
same filter, in its columns; the formula-injection guard; who may export (and who not); one audit
entry per export; a number of queries that does not grow with the rows."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from openverzuim.accounts.models import AuditEntry, Department, Membership, User
from openverzuim.accounts.roles import Role
from openverzuim.cases import services
from openverzuim.cases import tasks as case_tasks
from openverzuim.cases.models import Employee
from openverzuim.core.spreadsheets import guarded

CASE_COLUMNS = [
    "Employee",
    "Department",
    "Case manager",
    "First sick day",
    "Next duty",
    "Due",
    "Status",
]


@pytest.fixture
def piet_recovered(bakery, anna, today):
    bakehouse = Department.objects.create(organisation=bakery, name="Bakkerij")
    piet = Employee.objects.create(
        organisation=bakery,
        department=bakehouse,
        first_name="Piet",
        last_name="Bakker",
        employee_number="1002",
    )
    case = services.sick_report_create(
        employee=piet, first_sick_day=date(2026, 3, 2), by=anna, today=today
    ).case
    services.recovery_report_create(case=case, recovered_on=date(2026, 3, 5), by=anna, today=today)
    return case


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # the BOM: Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _xlsx(response) -> list[list]:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _sick(bakery, anna, today, start: int, end: int) -> None:
    for i in range(start, end):
        employee = Employee.objects.create(
            organisation=bakery,
            first_name=f"Medewerker{i}",
            last_name=f"Jansen {i:03d}",
            employee_number=f"7{i:03d}",
        )
        services.sick_report_create(
            employee=employee,
            first_sick_day=today - timedelta(days=3 + 9 * i),
            by=anna,
            today=today,
        )


@pytest.mark.parametrize(
    "query", [{}, {"status": ""}, {"status": "closed"}, {"status": "", "q": "bakker"}]
)
def test_the_case_list_export_has_the_rows_the_page_shows_for_the_same_filter(
    anna_client, eva_sick, piet_recovered, query
):
    page = anna_client.get(reverse("cases:list"), query).context["page"]
    rows = _csv(anna_client.get(reverse("cases:list_export"), query | {"format": "csv"}))
    assert rows[0] == CASE_COLUMNS
    assert [row[0] for row in rows[1:]] == [case.employee.full_name for case in page.object_list]


def test_the_case_list_export_says_in_words_what_the_page_shows(
    anna_client, eva_sick, piet_recovered
):
    html = anna_client.get(reverse("cases:list"), {"status": ""}).content.decode()
    rows = {
        row[0]: row
        for row in _csv(
            anna_client.get(reverse("cases:list_export"), {"status": "", "format": "csv"})
        )[1:]
    }
    eva, piet = rows["Eva de Vries"], rows["Piet Bakker"]
    assert eva[1] == "Winkel" and eva[3] == "05-01-2026" and eva[6] == "open"
    assert eva[4] and eva[4] in html  # the next duty's name, as on the page
    assert piet[1] == "Bakkerij" and piet[4] == "Close the case" and piet[6] == "recovered"


def test_the_department_filter_narrows_the_export(anna_client, eva_sick, piet_recovered):
    shop = eva_sick.employee.department
    rows = _csv(
        anna_client.get(
            reverse("cases:list_export"), {"status": "", "department": shop.pk, "format": "csv"}
        )
    )
    assert [row[0] for row in rows[1:]] == ["Eva de Vries"]


def test_the_xlsx_export_has_the_same_rows_with_real_dates(anna_client, eva_sick, piet_recovered):
    response = anna_client.get(reverse("cases:list_export"), {"status": "", "format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="verzuimgevallen-20261122.xlsx"' in response["Content-Disposition"]
    rows = _xlsx(response)
    assert rows[0] == CASE_COLUMNS
    assert {row[0] for row in rows[1:]} == {"Eva de Vries", "Piet Bakker"}
    eva = next(row for row in rows if row[0] == "Eva de Vries")
    assert eva[3].date() == date(2026, 1, 5)  # a date cell, not text


def test_a_name_that_starts_a_formula_gets_a_leading_apostrophe(anna_client, bakery, anna, today):
    mallory = Employee.objects.create(
        organisation=bakery,
        first_name='=HYPERLINK("http://x")',
        last_name="-1+1",
        employee_number="666",
    )
    services.sick_report_create(
        employee=mallory, first_sick_day=date(2026, 11, 2), by=anna, today=today
    )
    csv_rows = _csv(anna_client.get(reverse("cases:list_export"), {"format": "csv"}))
    assert csv_rows[1][0] == '\'=HYPERLINK("http://x") -1+1'
    xlsx_rows = _xlsx(anna_client.get(reverse("cases:list_export"), {"format": "xlsx"}))
    assert xlsx_rows[1][0] == '\'=HYPERLINK("http://x") -1+1'


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("De Vries", "De Vries"),
        ("a=b", "a=b"),
        ("nul\x00byte", "nulbyte"),
        (None, ""),
        (date(2026, 1, 5), date(2026, 1, 5)),
        (-3, -3),
        (Decimal("-3.50"), Decimal("-3.50")),  # an amount stays a number
    ],
)
def test_the_guard(value, shown):
    assert guarded(value) == shown


def test_the_worklist_export_has_the_worklists_rows(anna_client, eva_sick, anna, today):
    case_tasks.task_create(
        case=eva_sick,
        title="@bel Eva",
        due=today + timedelta(days=2),
        assignee=anna,
        by=anna,
        today=today,
    )
    work = anna_client.get(reverse("cases:worklist")).context["work"]
    rows = _csv(anna_client.get(reverse("cases:worklist_export"), {"format": "csv"}))
    assert rows[0] == ["Group", "Due", "Employee", "What to do"]
    shown = work.overdue_rows + work.this_week_rows + work.coming_up_rows
    assert len(rows) - 1 == len(shown) > 0
    assert [(row[1], row[2]) for row in rows[1:]] == [
        (f"{duty.due:%d-%m-%Y}", duty.case.employee.full_name) for duty in shown
    ]
    assert {row[0] for row in rows[1:]} <= {"Overdue", "Due this week", "Coming up (six weeks)"}
    assert ["Due this week", "24-11-2026", "Eva de Vries", "Task: @bel Eva"] in rows


def test_an_unknown_format_is_refused_with_a_message(anna_client, eva_sick):
    response = anna_client.get(reverse("cases:list_export"), {"format": "pdf"})
    assert response.status_code == 400 and "csv or xlsx" in response.content.decode()


def test_each_export_is_one_audit_entry(anna_client, anna, eva_sick, piet_recovered):
    before = AuditEntry.objects.count()
    _csv(anna_client.get(reverse("cases:list_export"), {"status": "", "format": "csv"}))
    entries = AuditEntry.objects.order_by("pk")[before:]
    assert [(e.user_id, e.subject, e.route) for e in entries] == [
        (anna.pk, "case list export", "cases:list_export")
    ]
    _csv(anna_client.get(reverse("cases:worklist_export"), {"format": "csv"}))
    assert AuditEntry.objects.filter(subject="worklist export", user_id=anna.pk).count() == 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_export_reads_a_fixed_number_of_queries(anna_client, bakery, anna, today, kind):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = anna_client.get(reverse("cases:list_export"), {"format": kind})
            body = b"".join(response.streaming_content)
        assert body
        return len(queries)

    _sick(bakery, anna, today, 0, 2)
    few = count()
    _sick(bakery, anna, today, 2, 9)
    assert count() == few


def _member(username: str, organisation, role: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.nl", "secret-password-1")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.mark.parametrize("route", ["cases:list_export", "cases:worklist_export"])
@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.REINTEGRATION_CONSULTANT])
def test_roles_without_the_right_may_not_export(client, bakery, eva_sick, route, role):
    client.force_login(_member("zonder", bakery, role))
    assert client.get(reverse(route), {"format": "csv"}).status_code in (403, 404)


def test_the_employee_may_not_export_the_case_list(client, eva_user, eva_sick):
    client.force_login(eva_user)
    assert client.get(reverse("cases:list_export"), {"format": "csv"}).status_code in (403, 404)


def test_another_organisation_exports_none_of_the_bakerys_cases(
    client, carla, eva_sick, piet_recovered
):
    client.force_login(carla)
    for route in ("cases:list_export", "cases:worklist_export"):
        response = client.get(reverse(route), {"status": "", "format": "csv"})
        assert response.status_code == 200
        assert _csv(response)[1:] == []


def test_a_case_manager_exports_only_her_assigned_cases(client, bram, eva_sick, piet_recovered):
    client.force_login(bram)
    assert _csv(client.get(reverse("cases:list_export"), {"status": "", "format": "csv"}))[1:] == []


def test_anonymous_visitors_are_sent_to_the_login(client, eva_sick):
    response = client.get(reverse("cases:list_export"), {"format": "csv"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_export_links_show_only_to_those_who_may_export(client, anna_client, bakery, eva_sick):
    export = reverse("cases:list_export")
    assert export in anna_client.get(reverse("cases:list")).content.decode()
    assert (
        reverse("cases:worklist_export")
        in anna_client.get(reverse("cases:worklist")).content.decode()
    )
    client.force_login(_member("lijn", bakery, Role.LINE_MANAGER))
    assert export not in client.get(reverse("cases:list")).content.decode()
    assert (
        reverse("cases:worklist_export")
        not in client.get(reverse("cases:worklist")).content.decode()
    )


def test_the_list_link_carries_the_filter_but_not_the_page(anna_client, eva_sick):
    html = anna_client.get(
        reverse("cases:list"), {"status": "closed", "page": "1"}
    ).content.decode()
    assert f"{reverse('cases:list_export')}?status=closed&amp;format=csv" in html
