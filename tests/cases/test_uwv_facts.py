"""UWV's decisions and the WAZO leave, recorded on their pages, change the engine's output exactly
as `openverzuim timeline` does for the same facts written in the contract's format."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from openverzuim.accounts.models import AuditEntry
from openverzuim.cases import services
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Case, Duty, LeavePeriod
from openverzuim.cases.uwv import services as uwv
from openverzuim.law import cli
from openverzuim.law.contract import render

TODAY = date(2026, 11, 22)


@pytest.fixture
def long_case(eva, anna, today):
    """Eva sick since Monday 4 November 2024: her waiting time ends in November 2026."""
    return services.sick_report_create(
        employee=eva, first_sick_day=date(2024, 11, 4), by=anna, today=date(2024, 11, 4)
    ).case


def _cli(contract_input: dict, tmp_path, capsys) -> dict:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(contract_input | {"as_of": TODAY.isoformat()}))
    assert cli.main(["timeline", str(path)]) == 0
    return json.loads(capsys.readouterr().out)


def _app(case: Case) -> dict:
    case = Case.objects.prefetch_related("periods", "events", "leave_periods").get(pk=case.pk)
    return render(case_timeline(case, TODAY))


def _post(client, name: str, case: Case, **data):
    data.setdefault("version", Case.objects.get(pk=case.pk).uwv_version)
    return client.post(reverse(name, args=[case.pk]), data)


def test_the_wage_sanction_form_moves_the_end_of_wage_payment_as_the_cli_does(
    anna_client, long_case, tmp_path, capsys
):
    before = _app(long_case)
    response = _post(
        anna_client, "cases:uwv_sanction", long_case, weeks="12", decided_on="2026-10-20"
    )
    assert response.status_code == 302
    expected = _cli(
        {
            "sickness": [{"start": "2024-11-04", "end": None}],
            "uwv": {"wage_sanction": {"weeks": 12}},
        },
        tmp_path,
        capsys,
    )
    assert _app(long_case) == expected
    assert expected["wage_continuation_last_day"] != before["wage_continuation_last_day"]
    case = Case.objects.get(pk=long_case.pk)
    assert (case.wage_sanction_weeks, case.wage_sanction_decided_on) == (12, date(2026, 10, 20))


def test_the_repair_form_ends_the_sanction_six_weeks_later_as_the_cli_does(
    anna_client, long_case, tmp_path, capsys
):
    _post(anna_client, "cases:uwv_sanction", long_case, weeks="52", decided_on="2026-10-20")
    response = _post(anna_client, "cases:uwv_repair", long_case, confirmed_on="2026-11-20")
    assert response.status_code == 302
    expected = _cli(
        {
            "sickness": [{"start": "2024-11-04", "end": None}],
            "uwv": {"wage_sanction": {"weeks": 52, "repair_confirmed_on": "2026-11-20"}},
        },
        tmp_path,
        capsys,
    )
    assert _app(long_case) == expected
    assert expected["wage_continuation_last_day"] == "2027-01-01"  # 20 Nov + 42 days


def test_the_extension_form_moves_the_waiting_time_and_the_duties_as_the_cli_does(
    anna_client, eva_sick, tmp_path, capsys
):
    response = _post(
        anna_client, "cases:uwv_extension", eva_sick, weeks="26", agreed_on="2026-11-02"
    )
    assert response.status_code == 302
    expected = _cli(
        {
            "sickness": [{"start": "2026-01-05", "end": None}],
            "uwv": {"voluntary_extension_weeks": 26},
        },
        tmp_path,
        capsys,
    )
    assert _app(eva_sick) == expected
    # The duty table is rewritten from the same run (the worklist reads it).
    stored = Duty.objects.get(case=eva_sick, milestone="wia_application").due.isoformat()
    assert stored == next(m["due"] for m in expected["milestones"] if m["id"] == "wia_application")


def test_leave_between_two_periods_joins_them_as_the_cli_does(
    anna_client, eva, anna, tmp_path, capsys
):
    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 1, 5), by=anna, today=TODAY
    ).case
    services.recovery_report_create(case=case, recovered_on=date(2026, 3, 2), by=anna, today=TODAY)
    response = _post(anna_client, "cases:leave_new", case, start="2026-03-02", end="2026-06-21")
    assert response.status_code == 302
    # Without the leave, 112 fit days would open a new case; with it, none are counted.
    joined = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 6, 22), by=anna, today=TODAY
    )
    assert joined.joined and joined.case == case
    expected = _cli(
        {
            "sickness": [
                {"start": "2026-01-05", "end": "2026-03-01"},
                {"start": "2026-06-22", "end": None},
            ],
            "leave": [{"kind": "pregnancy", "start": "2026-03-02", "end": "2026-06-21"}],
        },
        tmp_path,
        capsys,
    )
    assert _app(case) == expected
    assert expected["first_sick_day"] == "2026-01-05"
    chart = anna_client.get(reverse("cases:detail", args=[case.pk])).context["chart"]
    assert [(b.kind, b.label) for b in chart.bands if b.kind == "leave"] == [
        ("leave", "2 Mar 2026 – 21 Jun 2026")
    ]


def test_each_change_leaves_one_audit_entry_and_the_page_shows_the_article(anna_client, long_case):
    _post(anna_client, "cases:uwv_sanction", long_case, weeks="12", decided_on="2026-10-20")
    entries = AuditEntry.objects.filter(case_id=long_case.pk, subject="uwv")
    assert entries.count() == 1
    page = anna_client.get(reverse("cases:detail", args=[long_case.pk])).content.decode()
    assert "WIA art. 25 lid 9" in page and "12 weeks, decided on" in page


def test_a_save_on_an_older_version_is_refused(anna_client, long_case, anna):
    uwv.wage_sanction_record(
        case=long_case, weeks=10, decided_on=date(2026, 10, 1), version=0, by=anna, today=TODAY
    )
    response = _post(
        anna_client,
        "cases:uwv_sanction",
        long_case,
        weeks="20",
        decided_on="2026-10-20",
        version="0",
    )
    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    assert Case.objects.get(pk=long_case.pk).wage_sanction_weeks == 10


@pytest.mark.parametrize(
    ("name", "data", "field", "message"),
    [
        (
            "cases:uwv_sanction",
            {"weeks": "53", "decided_on": "2026-10-20"},
            "weeks",
            "less than or equal to 52",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "0", "decided_on": "2026-10-20"},
            "weeks",
            "greater than or equal to 1",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "9" * 40, "decided_on": "2026-10-20"},
            "weeks",
            "less than or equal",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "1\x002", "decided_on": "2026-10-20"},
            "weeks",
            "whole number",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "NaN", "decided_on": "2026-10-20"},
            "weeks",
            "whole number",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "12", "decided_on": "9999-12-31"},
            "decided_on",
            "Give a date between",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "12", "decided_on": "2026-12-01"},
            "decided_on",
            "in the future",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "12", "decided_on": "2024-01-01"},
            "decided_on",
            "before the first sick day",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "12", "decided_on": "20\x0026-10-20"},
            "decided_on",
            "valid date",
        ),
        (
            "cases:uwv_repair",
            {"confirmed_on": "2026-11-20"},
            None,
            "Record UWV's wage sanction first",
        ),
        (
            "cases:uwv_extension",
            {"weeks": "12", "agreed_on": "2026-11-02"},
            "weeks",
            "greater than or equal to 13",
        ),
        (
            "cases:uwv_extension",
            {"weeks": "26", "agreed_on": "0001-01-01"},
            "agreed_on",
            "Give a date between",
        ),
        (
            "cases:leave_new",
            {"start": "2026-03-02", "end": "2026-02-01"},
            "end",
            "before its first day",
        ),
        (
            "cases:leave_new",
            {"start": "2026-03-02", "end": "2026-06-21"},
            "start",
            "reported sick since",
        ),
        (
            "cases:uwv_sanction",
            {"weeks": "12", "decided_on": "2026-10-20", "version": "x\x00"},
            "version",
            "whole number",
        ),
    ],
)
def test_bad_input_is_named_on_its_field_and_nothing_is_saved(
    anna_client, long_case, name, data, field, message
):
    response = _post(anna_client, name, long_case, **data)
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in error for error in errors), form.errors
    case = Case.objects.get(pk=long_case.pk)
    assert (case.uwv_version, case.wage_sanction_weeks, case.voluntary_extension_weeks) == (
        0,
        None,
        0,
    )
    assert not LeavePeriod.objects.exists()
    assert not AuditEntry.objects.filter(case_id=long_case.pk, subject="uwv").exists()


def test_overlapping_leave_is_refused_and_leave_can_be_removed(anna_client, eva, anna):
    case = services.sick_report_create(
        employee=eva, first_sick_day=date(2026, 1, 5), by=anna, today=TODAY
    ).case
    services.recovery_report_create(case=case, recovered_on=date(2026, 3, 2), by=anna, today=TODAY)
    assert (
        _post(
            anna_client, "cases:leave_new", case, start="2026-03-02", end="2026-06-21"
        ).status_code
        == 302
    )
    response = _post(anna_client, "cases:leave_new", case, start="2026-06-01", end="2026-07-01")
    assert "overlaps the leave" in str(response.context["form"].errors["start"])
    response = _post(anna_client, "cases:leave_new", case, start="2026-02-01", end="2026-02-10")
    assert "overlaps the sickness period" in str(response.context["form"].errors["start"])
    leave = LeavePeriod.objects.get()
    response = anna_client.post(
        reverse("cases:leave_remove", args=[case.pk, leave.pk]),
        {"version": Case.objects.get(pk=case.pk).uwv_version},
    )
    assert response.status_code == 302 and not LeavePeriod.objects.exists()


def test_roles_without_change_and_other_employers_get_no_form(client, long_case, carla, bram):
    for user in (carla, bram):  # another employer's admin; a case manager not assigned to it
        client.force_login(user)
        for name in (
            "cases:uwv_sanction",
            "cases:uwv_repair",
            "cases:uwv_extension",
            "cases:leave_new",
        ):
            assert client.get(reverse(name, args=[long_case.pk])).status_code in (403, 404)
            assert _post(
                client, name, long_case, weeks="12", decided_on="2026-10-20"
            ).status_code in (403, 404)
    assert Case.objects.get(pk=long_case.pk).wage_sanction_weeks is None
