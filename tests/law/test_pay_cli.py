"""`openverzuim pay`: exit codes, the error line, JSON and --explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from openverzuim.law.cli import main

CASE = {
    "as_of": "2026-11-22",
    "sickness": [{"start": "2026-01-05", "end": "2026-03-31"}],
    "employment": {"end": None, "wage": "3000", "sick_pay_percent": ["100", "70"]},
}


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
        ("2026-01", "2612.90"),
        ("2026-02", "3000.00"),
        ("2026-03", "3000.00"),
    ]
    assert result["total"] == "8612.90" and result["provisional"] == []


@pytest.mark.parametrize(
    "lang, texts",
    [
        (
            "nl",
            [
                "Maandloon: € 3.000,00",
                "Laatste betaaldag: 31 mrt 2026",
                "5 jan - 31 jan: € 3.000,00 per maand, percentage uit de cao of arbeidsovereenkomst",
                "Totaal: € 8.612,90",
            ],
        ),
        (
            "en",
            [
                "Monthly wage: €3,000.00",
                "Last day of payment: 31 Mar 2026",
                "5 Jan - 31 Jan: €3,000.00 a month, percentage of the collective or employment "
                "agreement",
                "Total: €8,612.90",
            ],
        ),
    ],
)
def test_it_explains_the_schedule(capsys, tmp_path, lang, texts):
    code, out, _ = _run(capsys, tmp_path, CASE, "--explain", "--lang", lang)
    assert code == 0
    assert [text for text in texts if text not in out] == []


@pytest.mark.parametrize(
    "lang, texts",
    [
        (
            "nl",
            [
                "+ € 1.200,00 nabetaling opgeschort loon (BW 7:629 lid 6)",
                "opgeschort, later alsnog te betalen (BW 7:629 lid 6)",
            ],
        ),
        (
            "en",
            [
                "+ €1,200.00 back pay of suspended wages (BW 7:629 lid 6)",
                "suspended, to be paid later (BW 7:629 lid 6)",
            ],
        ),
    ],
)
def test_it_explains_a_suspension_and_its_back_pay(capsys, tmp_path, lang, texts):
    # 17-28 February held back at 70% of 4000 = 2800 a month: 2800 x 12/28 = 1200.00, paid back in
    # February, the month the suspension ends.
    case = {
        **CASE,
        "employment": {"end": None, "wage": "4000"},
        "wage_measures": [{"kind": "suspension", "start": "2026-02-17", "end": "2026-02-28"}],
    }
    code, out, _ = _run(capsys, tmp_path, case, "--explain", "--lang", lang)
    assert code == 0
    assert [text for text in texts if text not in out] == []


@pytest.mark.parametrize(
    "change, line",
    [
        ({"wage": "-5"}, "employment.wage: -5 is not between 0.01 and 1000000"),
        (
            {"wage_period": "year"},
            "employment.wage_period: expected one of month, four_weeks, week, hour, got 'year'",
        ),
        (
            {"sick_pay_percent": ["60", "70"]},
            "employment.sick_pay_percent[0]: 60 is not between 70 and 100",
        ),
        ({"waiting_days": 3}, "employment.waiting_days: 3 is not between 0 and 2"),
        (
            {"contract_hours": "45"},
            "employment.contract_hours: 45 is more than the full-time hours (40)",
        ),
        ({"salary": "1"}, "employment.salary: unknown key"),
        ({"wage": 3000.5}, "employment.wage: expected a decimal number as a string"),
        ({"wage": "1e400"}, "employment.wage: 1e400 is not between 0.01 and 1000000"),
        ({"wage": "NaN"}, "employment.wage: NaN is not between 0.01 and 1000000"),
        ({"contract_hours": "0"}, "employment.contract_hours: 0 is not between 0.01 and 80"),
        ({"fulltime_hours": "many"}, "employment.fulltime_hours: 'many' is not a number"),
        ({"date_of_birth": "1990-13-01"}, "employment.date_of_birth: 1990-13-01 is not a date"),
        (
            {"date_of_birth": "2026-02-01"},
            "employment.date_of_birth: 2026-02-01 is not before the first sick day 2026-01-05",
        ),
        ({"sick_pay_percent": ["100"]}, "employment.sick_pay_percent: expected two percentages"),
        (
            {"sick_pay_percent": ["100", "101"]},
            "employment.sick_pay_percent[1]: 101 is not between 70 and 100",
        ),
        ({"agreement_capped": "yes"}, "employment.agreement_capped: expected true or false"),
        ({"waiting_days": "1"}, "employment.waiting_days: expected a whole number"),
        ({"end": "soon"}, "employment.end: expected a date as YYYY-MM-DD"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(capsys, tmp_path, change, line):
    case = {**CASE, "employment": {**CASE["employment"], **change}}
    code, out, err = _run(capsys, tmp_path, case)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(line)


@pytest.mark.parametrize(
    "change, line",
    [
        ({"employment": None}, "employment: expected an object"),
        (
            {"sickness": [{"start": "2022-12-01", "end": None}]},
            "sickness[0].start: 2022-12-01 is before 2023-01-01",
        ),
        (
            {
                "work_resumptions": [
                    {"start": "2026-02-01", "hours_per_week": "81", "kind": "own_work"}
                ]
            },
            "work_resumptions[0].hours_per_week: 81 is not between 0.01 and 80",
        ),
        (
            {"work_resumptions": [{"start": "2026-02-01", "hours_per_week": "8", "kind": "rest"}]},
            "work_resumptions[0].kind: expected one of own_work, suitable_work, therapeutic",
        ),
        (
            {"wage_measures": [{"kind": "stop", "start": "2026-02-01", "end": "2026-01-31"}]},
            "wage_measures[0].end: 2026-01-31 is before the measure's start 2026-02-01",
        ),
        (
            {"wage_measures": [{"kind": "fine", "start": "2026-02-01"}]},
            "wage_measures[0].kind: expected one of suspension, stop",
        ),
    ],
)
def test_bad_lists_and_periods_exit_2_naming_the_field(capsys, tmp_path, change, line):
    code, out, err = _run(capsys, tmp_path, {**CASE, **change})
    assert (code, out) == (2, "")
    assert err.startswith(line)


def test_a_missing_wage_is_named(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path, {**CASE, "employment": {"end": None}})
    assert code == 2 and err.startswith("employment.wage: is required")


def test_every_basis_key_has_a_legal_and_a_plain_explanation_in_both_languages():
    from openverzuim.law.pay_explain import BASIS, PLAIN

    keys = set(BASIS["nl"])
    assert keys == set(BASIS["en"]) == set(PLAIN["nl"]) == set(PLAIN["en"])


@pytest.mark.parametrize(
    "born, warnings",
    [
        # Sick from 5 Jan 2026 and still sick: the last day of payment is 2 Jan 2028 (day 1 + 727).
        # Born 1960 or later, the AOW age falls in a year from 2026, not in our sources (AOW art. 7a
        # lid 2), and is at least 67 years (lid 2 never lowers it; `aow.aow_age_not_before`).
        # Six weeks from the AOW age end 41 days after it at the earliest: only an AOW age on or
        # before 21 Nov 2027 (2 Jan 2028 - 42 days) can shorten the schedule.
        ("1960-06-01", ["aow_age"]),  # 67 on 1 Jun 2027: it may be reached, and we cannot say when
        ("1960-11-21", ["aow_age"]),  # 67 on 21 Nov 2027: six weeks would end on 1 Jan 2028
        ("1960-11-22", []),  # 67 on 22 Nov 2027: six weeks end on 2 Jan 2028, the last day anyway
        ("1962-01-02", []),  # 66 on it: before the second edition this warned (66 was the bound)
    ],
)
def test_a_schedule_that_may_reach_the_aow_age_says_it_does_not_compute_lid_2(
    capsys, tmp_path, born, warnings
):
    case = {
        **CASE,
        "sickness": [{"start": "2026-01-05", "end": None}],
        "employment": {**CASE["employment"], "date_of_birth": born},
    }
    code, out, _err = _run(capsys, tmp_path, case)
    result = json.loads(out)
    assert (code, result["last_day"], result["warnings"]) == (0, "2028-01-02", warnings)
    code, out, _err = _run(capsys, tmp_path, case, "--explain")
    assert ("BW 7:629 lid 2" in out) == bool(warnings)


def test_an_adults_date_of_birth_before_the_engines_first_date_is_taken(capsys, tmp_path):
    case = {**CASE, "employment": {**CASE["employment"], "date_of_birth": "1985-04-01"}}
    code, out, err = _run(capsys, tmp_path, case)
    assert (code, err, json.loads(out)["total"]) == (0, "", "8612.90")
    case["employment"]["date_of_birth"] = "1899-12-31"
    code, out, err = _run(capsys, tmp_path, case)
    assert code == 2 and err.startswith("employment.date_of_birth: 1899-12-31 is outside")


def test_the_input_example_in_the_docs_runs(capsys, tmp_path):
    docs = (Path(__file__).resolve().parents[2] / "docs" / "pay.md").read_text(encoding="utf-8")
    example = json.loads(docs.split("```json\n", 1)[1].split("```", 1)[0])
    code, out, err = _run(capsys, tmp_path, example)
    assert (code, err) == (0, "") and json.loads(out)["months"]
