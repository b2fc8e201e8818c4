"""`manage.py retention`: a dry run lists and changes nothing; --execute removes what is past its
term (law.md D17), leaves what is not, and logs each removal without its content."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import services
from openverzuim.cases.models import Case, Employee, Employment, Event

# The retention job and the access request reach the medical vault as well.
pytestmark = pytest.mark.django_db(databases=["default", "medical"])


@pytest.fixture
def closed_case(eva_sick, anna, today):
    """Eva recovered on 1 March 2026; her case was closed on 10 March 2026."""
    services.event_record(
        case=eva_sick,
        kind="note",
        date=date(2026, 2, 1),
        by=anna,
        today=today,
        note="Spoke on the phone about handing over the till.",
    )
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 3, 1), by=anna, today=today
    )
    services.case_close(case=eva_sick, closed_on=date(2026, 3, 10), by=anna, today=today)
    return eva_sick


def run(*args) -> str:
    out = StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_it_lists_an_expired_case_in_a_dry_run_and_changes_nothing(closed_case):
    report = run("--today", "2028-03-10")
    assert f"Would remove cases case #{closed_case.pk}" in report
    assert "closed 2026-03-10, term 2 years" in report
    assert "Nothing was changed" in report
    assert Case.objects.filter(pk=closed_case.pk).exists()
    assert not AuditEntry.objects.filter(action="remove").exists()


def test_it_keeps_a_case_one_day_before_its_term_ends(closed_case):
    assert "Removed 0 item(s)" in run("--execute", "--today", "2028-03-09")
    assert Case.objects.filter(pk=closed_case.pk).exists()


def test_it_deletes_the_expired_case_and_logs_what_without_the_content(closed_case):
    report = run("--execute", "--today", "2028-03-10")
    assert f"Removed cases case #{closed_case.pk}" in report
    assert not Case.objects.filter(pk=closed_case.pk).exists()
    assert not Event.objects.filter(case_id=closed_case.pk).exists()
    entry = AuditEntry.objects.get(action="remove", case_id=closed_case.pk)
    assert entry.employee_id == closed_case.employee_id
    assert "events=1" in entry.fields and "periods=1" in entry.fields
    assert "till" not in entry.fields + entry.subject  # the removed note is not copied into the log
    assert Employee.objects.filter(pk=closed_case.employee_id).exists()  # still employed


def test_it_deletes_the_employee_record_two_years_after_the_employment_ended(closed_case):
    Employment.objects.filter(employee=closed_case.employee).update(end=date(2026, 6, 30))
    assert "Would remove 1 item(s)" in run("--today", "2028-06-29")  # only the case
    report = run("--execute", "--today", "2028-06-30")
    assert f"employee #{closed_case.employee_id}" in report
    assert not Employee.objects.filter(pk=closed_case.employee_id).exists()
    assert AuditEntry.objects.filter(
        action="remove", employee_id=closed_case.employee_id, case_id=None
    ).exists()


def test_it_never_touches_an_open_case_or_its_employee(eva_sick):
    Employment.objects.filter(employee=eva_sick.employee).update(end=date(2026, 6, 30))
    run("--execute", "--today", "2040-01-01")
    assert Case.objects.filter(pk=eva_sick.pk).exists()
    assert Employee.objects.filter(pk=eva_sick.employee_id).exists()


def test_the_terms_are_configurable(closed_case, settings):
    settings.RETENTION_CASE_YEARS = 5
    assert "Would remove 0 item(s)" in run("--today", "2030-01-01")
    assert "Would remove 1 item(s)" in run("--today", "2031-03-10")


def test_a_bad_date_is_refused_with_its_name(db):
    with pytest.raises(CommandError, match="--today='2028-13-01'"):
        run("--today", "2028-13-01")
