"""`openverzuim pay`: exit codes, the error line, JSON and --explain."""

from __future__ import annotations

import json

import pytest

from openverzuim.law.cli import main

CASE = {"as_of": "2026-11-22", "sickness": [{"start": "2026-01-05", "end": "2026-03-31"}],
        "employment": {"end": None, "wage": "3000", "sick_pay_percent": ["100", "70"]}}


def _run(capsys, tmp_path, case, *args):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    code = main(["pay", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_the_schedule_as_json(capsys, tmp_path):
    code, out, err = _run(capsys, tmp_path, CASE)
    result = json.loads(out)
    assert (code, err) == (0, "")
    assert result["last_day"] == "2026-03-31"
    assert [(m["month"], m["amount"]) for m in result["months"]] == [
        ("2026-01", "2612.90"), ("2026-02", "3000.00"), ("2026-03", "3000.00")]
    assert result["total"] == "8612.90" and result["provisional"] == []


@pytest.mark.parametrize("lang, text", [("nl", "Totaal: EUR 8612.90"),
                                        ("en", "Total: EUR 8612.90")])
def test_it_explains_the_schedule(capsys, tmp_path, lang, text):
    code, out, _ = _run(capsys, tmp_path, CASE, "--explain", "--lang", lang)
    assert code == 0 and text in out


@pytest.mark.parametrize("change, line", [
    ({"wage": "-5"}, "employment.wage: -5 is not at least 0.01"),
    ({"wage_period": "year"}, "employment.wage_period: expected one of month, four_weeks, week, "
                              "hour, got 'year'"),
    ({"sick_pay_percent": ["60", "70"]}, "employment.sick_pay_percent[0]: 60 is not between 70 "
                                         "and 100"),
    ({"waiting_days": 3}, "employment.waiting_days: 3 is not between 0 and 2"),
    ({"contract_hours": "45"}, "employment.contract_hours: 45 is more than the full-time hours (40)"),
    ({"salary": "1"}, "employment.salary: unknown key"),
])
def test_bad_input_exits_2_with_one_line_naming_the_field(capsys, tmp_path, change, line):
    case = {**CASE, "employment": {**CASE["employment"], **change}}
    code, out, err = _run(capsys, tmp_path, case)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(line)


def test_a_missing_wage_is_named(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path, {**CASE, "employment": {"end": None}})
    assert code == 2 and err.startswith("employment.wage: is required")
