"""The payroll import's reading, mapping and upsert (docs/import.md): the service and the command."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from openverzuim.accounts.models import AuditEntry, Department
from openverzuim.cases.duties import duties_refresh
from openverzuim.cases.models import Employee, Employment
from openverzuim.cases.payroll_import.columns import detect
from openverzuim.cases.payroll_import.reading import ImportFileError, read
from openverzuim.cases.payroll_import.service import import_table
from openverzuim.cases.payroll_import.values import parse_decimal

TODAY = date(2026, 11, 22)

CANONICAL = (
    "employee_number,first_name,last_name,date_of_birth,work_email,department,employment_start,"
    "employment_end,contract_hours,fulltime_hours,wage,wage_period\n"
    "1001,Eva,de Vries,1990-03-14,eva@korenschoof.nl,Bakkerij,2020-01-01,,32,40,3100.50,month\n"
    "1002,Piet,Jansen,1985-07-01,,Winkel,2021-06-01,2027-05-31,24,38,2450,month\n"
)

DUTCH = (
    "Personeelsnummer;Voornaam;Achternaam;Geboortedatum;E-mail;Afdeling;Datum in dienst;"
    "Datum uit dienst;Contracturen;Fulltime uren;Brutoloon;Periode\n"
    "1001;Eva;de Vries;14-03-1990;eva@korenschoof.nl;Bakkerij;01-01-2020;;32;40;3.100,50;maand\n"
    "1002;Piet;Jansen;01-07-1985;;Winkel;01-06-2021;31-05-2027;24;38;2.450,00;per maand\n"
)


def run(organisation, content: bytes, name: str = "export.csv", **options):
    table = read(content, name)
    return import_table(
        organisation=organisation,
        table=table,
        mapping=detect(table.headers),
        by=None,
        today=TODAY,
        **options,
    )


def state(organisation) -> list[tuple]:
    """Everything the import writes, comparable between runs."""
    return [
        (
            e.employee_number,
            e.first_name,
            e.last_name,
            e.date_of_birth,
            e.work_email,
            e.department.name if e.department else None,
            [
                (m.start, m.end, m.contract_hours, m.fulltime_hours, m.wage, m.wage_period)
                for m in e.employments.order_by("start")
            ],
        )
        for e in Employee.objects.filter(organisation=organisation)
        .select_related("department")
        .order_by("employee_number")
    ]


EXPECTED = [
    (
        "1001",
        "Eva",
        "de Vries",
        date(1990, 3, 14),
        "eva@korenschoof.nl",
        "Bakkerij",
        [(date(2020, 1, 1), None, Decimal("32"), Decimal("40"), Decimal("3100.50"), "month")],
    ),
    (
        "1002",
        "Piet",
        "Jansen",
        date(1985, 7, 1),
        "",
        "Winkel",
        [
            (
                date(2021, 6, 1),
                date(2027, 5, 31),
                Decimal("24"),
                Decimal("38"),
                Decimal("2450"),
                "month",
            )
        ],
    ),
]


def test_the_canonical_file_creates_employees_employments_and_departments(bakery):
    outcome = run(bakery, CANONICAL.encode())
    assert (outcome.created, outcome.changed, outcome.unchanged, outcome.errors) == (2, 0, 0, [])
    assert state(bakery) == EXPECTED
    assert set(Department.objects.filter(organisation=bakery).values_list("name", flat=True)) == {
        "Bakkerij",
        "Winkel",
    }


def test_dutch_headers_semicolons_dutch_dates_and_decimals_give_the_same_result(bakery):
    run(bakery, DUTCH.encode())
    assert state(bakery) == EXPECTED


@pytest.mark.parametrize(
    "headers",
    [
        "personeelsnr;roepnaam;geslachtsnaam;geboortedatum;e-mailadres;afdelingsnaam;indienst;"
        "uitdienst;uren per week;voltijduren;salaris;loonperiode",
        "Employee number;First name;Last name;Date of birth;Work e-mail;Department;Start date;"
        "End date;Hours per week;Fulltime hours;Gross wage;Pay period",
        "Medewerker;Voornaam;Achternaam;Geboortedatum;E-mail werk;Afdeling;Begindatum;Einddatum;"
        "Contracturen;Fulltime uren;Bruto salaris;Verloningsperiode",
    ],
)
def test_each_alias_set_finds_every_column(headers):
    assert list(detect(headers.split(";"))) == [
        "employee_number",
        "first_name",
        "last_name",
        "date_of_birth",
        "work_email",
        "department",
        "employment_start",
        "employment_end",
        "contract_hours",
        "fulltime_hours",
        "wage",
        "wage_period",
    ]


def test_a_tab_delimited_file_is_read(bakery):
    run(bakery, CANONICAL.replace(",", "\t").replace("3100.50", "3100,50").encode())
    assert state(bakery) == EXPECTED


def test_windows_1252_and_a_bom_are_read():
    text = "Personeelsnummer;Voornaam;Achternaam\n7;Zoë;Brontë\n"
    assert read(text.encode("cp1252")).rows == [(2, ["7", "Zoë", "Brontë"])]
    assert read(b"\xef\xbb\xbf" + text.encode()).headers[0] == "Personeelsnummer"


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_file_with_real_dates_and_numbers_is_read(bakery):
    content = _xlsx(
        [
            [
                "Personeelsnummer",
                "Voornaam",
                "Achternaam",
                "Geboortedatum",
                "E-mail",
                "Afdeling",
                "Datum in dienst",
                "Datum uit dienst",
                "Contracturen",
                "Fulltime uren",
                "Salaris",
                "Periode",
            ],
            [
                1001,
                "Eva",
                "de Vries",
                date(1990, 3, 14),
                "eva@korenschoof.nl",
                "Bakkerij",
                date(2020, 1, 1),
                None,
                32,
                40,
                3100.5,
                "maand",
            ],
            [
                1002,
                "Piet",
                "Jansen",
                "01-07-1985",
                None,
                "Winkel",
                date(2021, 6, 1),
                date(2027, 5, 31),
                24,
                38,
                2450,
                "maand",
            ],
        ]
    )
    run(bakery, content, "export.xlsx")
    assert state(bakery) == EXPECTED


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.234,56", "1234.56"),
        ("1234.56", "1234.56"),
        ("3.500", "3500"),
        ("32", "32"),
        ("38,5", "38.5"),
        ("€ 2.450,00", "2450"),
        ("1.234.567", "1234567"),
    ],
)
def test_dutch_and_plain_decimals(text, value):
    assert parse_decimal(text) == Decimal(value)


def _errors(outcome) -> list[tuple]:
    return [(e.row, e.column, e.reason) for e in outcome.errors]


def test_bad_cells_are_named_by_row_column_and_reason_and_nothing_is_saved(bakery):
    content = (
        CANONICAL + "1003,Ali,Bakker,31-02-1990,,,2020-01-01,,32,40,NaN,month\n"
        "1004,Mia,Smit,1990-01-01,,,9999-01-01,,1e308,40,2000,jaarlijks\n"
        f"1005,{'x' * 10_000},Smit,,,,,,,,,\n"
    ).encode()
    outcome = run(bakery, content)
    errors = _errors(outcome)
    assert (4, "date_of_birth", "“31-02-1990” is not an existing date.") in errors
    assert (4, "wage", "“NaN” is not a number.") in errors
    assert (5, "employment_start", "9999-01-01 lies outside 1900–2100.") in errors
    assert (5, "contract_hours", "“1e308” is not a number.") in errors
    assert (
        5,
        "wage_period",
        "“jaarlijks” is not a wage period (maand, 4 weken, week or uur).",
    ) in errors
    assert (6, "first_name", "Longer than 100 characters.") in errors
    assert outcome.bad_rows == 3
    assert not outcome.written
    assert not Employee.objects.exists()


def test_an_employment_needs_its_start_hours_and_wage_and_ends_after_it_starts(bakery):
    content = (
        b"employee_number,first_name,last_name,employment_start,employment_end,"
        b"contract_hours,wage\n1,A,B,,,32,\n2,C,D,2024-05-01,2024-04-30,32,2000\n"
    )
    errors = _errors(run(bakery, content))
    assert [(row, column) for row, column, _reason in errors] == [
        (2, "employment_start"),
        (2, "wage"),
        (3, "employment_end"),
    ]


def test_duplicate_employee_numbers_in_the_file_are_bad_rows_each(bakery):
    content = (CANONICAL + "1001,Eva,Jansen,,,,,,,,,\n").encode()
    outcome = run(bakery, content)
    assert [(e.row, e.column) for e in outcome.errors] == [
        (2, "employee_number"),
        (4, "employee_number"),
    ]
    assert "also in row(s) 4" in outcome.errors[0].reason
    assert not Employee.objects.exists()


def test_importing_the_same_file_twice_changes_nothing(bakery):
    run(bakery, CANONICAL.encode())
    before, entries = state(bakery), AuditEntry.objects.count()
    outcome = run(bakery, DUTCH.encode())  # the same data, written the Dutch way
    assert (outcome.created, outcome.changed, outcome.unchanged) == (0, 0, 2)
    assert state(bakery) == before
    assert AuditEntry.objects.count() == entries + 1  # the run's own entry only


def test_a_changed_employment_updates_the_current_one_instead_of_adding_one(bakery):
    run(bakery, CANONICAL.encode())
    changed = CANONICAL.replace("2020-01-01,,32,40,3100.50", "2019-01-01,,36,40,3300")
    outcome = run(bakery, changed.encode())
    assert (outcome.created, outcome.changed, outcome.unchanged) == (0, 1, 1)
    eva = Employee.objects.get(employee_number="1001")
    assert [(m.start, m.contract_hours, m.wage) for m in eva.employments.all()] == [
        (date(2019, 1, 1), Decimal("36"), Decimal("3300"))
    ]
    entry = AuditEntry.objects.filter(employee_id=eva.pk).latest("pk")
    assert entry.fields == "employment.start, employment.contract_hours, employment.wage"


def test_a_changed_employment_end_gives_the_open_case_its_next_duty_again(eva_sick, bakery):
    """Eva (1001) is sick since 5 January 2026; her contract now ends on 8 January 2026."""
    before = (eva_sick.next_due_on, eva_sick.next_due_milestone)
    content = (
        b"employee_number,first_name,last_name,employment_start,employment_end,"
        b"contract_hours,wage\n1001,Eva,de Vries,2020-01-01,2026-01-08,32,3000\n"
    )
    outcome = run(bakery, content)
    assert outcome.changed == 1
    eva_sick.refresh_from_db()
    assert eva_sick.employment.end == date(2026, 1, 8)
    after = (eva_sick.next_due_on, eva_sick.next_due_milestone)
    duties_refresh(eva_sick, TODAY)
    assert after == (eva_sick.next_due_on, eva_sick.next_due_milestone) != before


def test_a_new_start_after_the_last_employment_ended_adds_an_employment(bakery):
    run(bakery, CANONICAL.encode())
    rehired = CANONICAL.replace("2021-06-01,2027-05-31", "2028-01-01,")
    run(bakery, rehired.encode())
    piet = Employee.objects.get(employee_number="1002")
    assert [(m.start, m.end) for m in piet.employments.order_by("start")] == [
        (date(2021, 6, 1), date(2027, 5, 31)),
        (date(2028, 1, 1), None),
    ]


def test_blank_optional_cells_leave_stored_values_alone(bakery):
    run(bakery, CANONICAL.encode())
    run(bakery, CANONICAL.replace("1990-03-14,eva@korenschoof.nl,Bakkerij", ",,").encode())
    assert state(bakery) == EXPECTED


def test_the_good_rows_are_imported_when_asked_and_the_bad_ones_named(bakery):
    content = (CANONICAL + "1003,Ali,,,,,,,,,,\n").encode()
    outcome = run(bakery, content, good_rows=True)
    assert outcome.written
    assert _errors(outcome) == [(4, "last_name", "This column is required.")]
    assert state(bakery) == EXPECTED


def test_a_dry_run_writes_nothing(bakery):
    outcome = run(bakery, CANONICAL.encode(), dry_run=True)
    assert (outcome.created, outcome.written) == (2, False)
    assert not Employee.objects.exists() and not Department.objects.exists()
    assert not AuditEntry.objects.exists()


def test_each_created_or_changed_employee_and_the_run_are_in_the_audit_trail(bakery, anna):
    table = read(CANONICAL.encode())
    import_table(
        organisation=bakery, table=table, mapping=detect(table.headers), by=anna, today=TODAY
    )
    entries = AuditEntry.objects.filter(user_id=anna.pk, action="write")
    assert sorted(e.employee_id for e in entries if e.employee_id) == sorted(
        Employee.objects.values_list("pk", flat=True)
    )
    assert entries.get(employee_id=None).fields.startswith("rows 2, created 2, changed 0")


def test_other_organisations_employees_with_the_same_number_are_not_touched(bakery, installer):
    run(installer, CANONICAL.encode())
    outcome = run(bakery, CANONICAL.replace("Eva", "Evi").encode())
    assert outcome.created == 2
    assert Employee.objects.get(organisation=installer, employee_number="1001").first_name == "Eva"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n", "The file is empty."),
        (b"employee_number;first_name;last_name\n", "The file has a header row but no employees."),
        (b"a,b\x00c\n1,2\n", "The file contains NUL bytes: it is not a text (CSV) file."),
        (b"PK\x03\x04not a workbook", "The file cannot be read as an Excel workbook (XLSX)."),
    ],
)
def test_unreadable_files_get_a_message(content, message):
    with pytest.raises(ImportFileError, match=re.escape(message)):
        read(content)


def test_a_file_of_more_rows_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("openverzuim.cases.payroll_import.reading.MAX_ROWS", 1)
    with pytest.raises(ImportFileError, match=r"The file has more than 1 rows\."):
        read(CANONICAL.encode())


def test_a_damaged_workbook_gets_a_message():
    content = _xlsx([["Personeelsnummer"], [1]])
    with pytest.raises(ImportFileError, match=r"cannot be read as an Excel workbook \(XLSX\)"):
        read(content[: len(content) // 2] + b"\x00" * 100, "export.xlsx")


def test_a_file_without_the_required_columns_is_refused_by_name(bakery):
    with pytest.raises(ValidationError) as refused:
        run(bakery, b"Personeelsnummer;Voornaam\n1;A\n")
    assert refused.value.message_dict == {"mapping": ["Choose the file's column for: last name."]}


def test_the_command_imports_and_its_dry_run_saves_nothing(bakery, tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text(DUTCH, encoding="cp1252")
    call_command("import_employees", str(path), "--organisation", str(bakery.pk), "--dry-run")
    assert "2 would be created" in capsys.readouterr().out
    assert not Employee.objects.exists()
    call_command("import_employees", str(path), "--organisation", str(bakery.pk))
    assert "2 were created" in capsys.readouterr().out
    call_command("import_employees", str(path), "--organisation", str(bakery.pk))
    assert "0 were changed, 2 unchanged" in capsys.readouterr().out
    assert state(bakery) == EXPECTED


def test_the_command_names_bad_rows_and_saves_only_with_good_rows(bakery, tmp_path, capsys):
    path = tmp_path / "export.csv"
    path.write_text(CANONICAL + "1003,Ali,Bakker,,,,,,,,,\n1004,,X,,,,,,,,,\n")
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_employees", str(path), "--organisation", str(bakery.pk))
    assert "row 5, first name: This column is required." in capsys.readouterr().err
    assert not Employee.objects.exists()
    call_command("import_employees", str(path), "--organisation", str(bakery.pk), "--good-rows")
    assert Employee.objects.count() == 3
    assert Employment.objects.count() == 2
