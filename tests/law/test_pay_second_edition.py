"""Pay, the law's second edition (issue 18, points 13-15), worked out by hand from BW 7:629 and the
parameter rows, never from the code's output. Conventions as in test_pay_table.py: a monthly rate is
paid for a stretch as rate x days / days in the month, rounded half up to cents per stretch.

Rows used: maximum daily wage 2026-01-01 304.25 (x 21.75 = 6617.4375; 70% = 4632.20625);
minimum wage 2025-07-01 14.40 an hour; youth hourly amounts of 2025-07-01 (law.md §4.2).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from openverzuim.law.contract import ContractError
from openverzuim.law.pay_contract import compute_pay


def pay(
    sickness: list[tuple[str, str | None]], employment: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    case = {
        "as_of": "2026-11-22",
        "sickness": [{"start": s, "end": e} for s, e in sickness],
        "employment": {"end": None, **employment},
        **extra,
    }
    return compute_pay(case, today=date(2026, 11, 22))


def months(result: dict[str, Any]) -> dict[str, str]:
    return {m["month"]: m["amount"] for m in result["months"]}


def line_bases(result: dict[str, Any], month: str) -> list[list[str]]:
    return [line["basis"] for m in result["months"] if m["month"] == month for line in m["lines"]]


# Point 13: capping per year. D1 = 2 Feb 2025, so sick day 365 (the first of year 2) is 1 Feb 2026
# (D1 + 364) and all of January 2026 is year 1, all of February 2026 year 2.
CAPPING = [
    pytest.param(
        {"sick_pay_percent": ["100", "70"], "agreement_capped": False},
        # "100% of the full wage in year 1, then the statutory 70%": year 1 = 7000.00 (uncapped);
        # year 2 is the statutory right, always capped: 70% x min(7000, 6617.4375) = 4632.21
        # (not 70% x 7000 = 4900.00, EUR 267.79 a month too much).
        {"2026-01": "7000.00", "2026-02": "4632.21"},
        ["statutory", "cap"],
        id="100 percent of the full wage, then the statutory 70 percent capped",
    ),
    pytest.param(
        {"sick_pay_percent": ["100", "80"], "agreement_capped": False},
        # One flag covers the years the agreement pays above 70%: 80% x 7000 = 5600.00, as before.
        {"2026-01": "7000.00", "2026-02": "5600.00"},
        ["agreement"],
        id="one flag, both years above the statute: uncapped both years",
    ),
    pytest.param(
        {"sick_pay_percent": ["100", "80"], "agreement_capped": [False, True]},
        # Per year: year 2 at 80% of the capped wage, 0.8 x 6617.4375 = 5293.95.
        {"2026-01": "7000.00", "2026-02": "5293.95"},
        ["agreement", "cap"],
        id="per year: full wage in year 1, capped in year 2",
    ),
    pytest.param(
        {"sick_pay_percent": ["100", "70"], "agreement_capped": [False, False]},
        # An agreement that says explicitly "70% of the full wage" in year 2: 0.7 x 7000 = 4900.00.
        {"2026-01": "7000.00", "2026-02": "4900.00"},
        ["agreement"],
        id="per year: an explicit 70 percent of the full wage in year 2",
    ),
]


@pytest.mark.parametrize("terms, expected, february_basis", CAPPING)
def test_the_cap_applies_per_year_and_always_to_the_statutory_part(terms, expected, february_basis):
    result = pay([("2025-02-02", None)], {"wage": "7000", **terms})
    assert {month: months(result)[month] for month in expected} == expected
    assert line_bases(result, "2026-02") == [february_basis]


# Point 14: the extension of lid 11. D1 = 1 Jan 2024: the 104 weeks end on D1 + 727 = 28 Dec 2025;
# sick day 729 (the first day of the extension) is 29 Dec 2025. Agreement: 100% then 80% of 4000.
AGREEMENT = {"wage": "4000", "sick_pay_percent": ["100", "80"]}
SANCTION = {"uwv": {"wage_sanction": {"weeks": 52}}}


def test_a_wage_sanction_pays_the_statutory_70_percent_by_default():
    result = pay([("2024-01-01", None)], AGREEMENT, **SANCTION)
    found = months(result)
    # Dec 2025: 1-28 year 2 at 80% = 3200 x 28/31 = 2890.32; 29-31 the sanction at 70% = 2800 x 3/31
    # = 270.97; together 3161.29. Feb 2026: 2800.00 (not the agreement's 3200.00).
    assert (found["2025-12"], found["2026-02"]) == ("3161.29", "2800.00")
    assert line_bases(result, "2026-02") == [["statutory", "extension"]]
    assert result["last_day"] == "2026-12-27"  # 28 Dec 2025 + 52 weeks


def test_an_agreement_that_covers_the_extension_pays_its_own_percentage():
    result = pay(
        [("2024-01-01", None)], {**AGREEMENT, "extension_pay": {"percent": "80"}}, **SANCTION
    )
    # The whole of December and February at 80%: 3200.00 each.
    assert (months(result)["2025-12"], months(result)["2026-02"]) == ("3200.00", "3200.00")
    assert line_bases(result, "2026-02") == [["agreement", "extension"]]


def test_the_statutory_extension_is_capped_unless_the_agreement_says_otherwise():
    high = {"wage": "7000", "sick_pay_percent": ["100", "100"], "agreement_capped": False}
    # Feb 2026, in the sanction: 70% x min(7000, 6617.4375) = 4632.21 ...
    assert months(pay([("2024-01-01", None)], high, **SANCTION))["2026-02"] == "4632.21"
    # ... and 100% of the full wage where the agreement covers the extension uncapped: 7000.00.
    covered = {**high, "extension_pay": {"percent": "100", "capped": False}}
    assert months(pay([("2024-01-01", None)], covered, **SANCTION))["2026-02"] == "7000.00"


def test_a_late_wia_application_extends_the_statutory_right():
    # The application was due on 28 Dec 2025 - 77 = 12 Oct 2025; made on 11 Nov 2025, 30 days late
    # (lid 11 sub a): the last day is 27 Jan 2026. Jan 2026 at 70%: 2800 x 27/31 = 2438.71.
    result = pay(
        [("2024-01-01", None)],
        AGREEMENT,
        events=[{"type": "wia_application", "date": "2025-11-11"}],
    )
    assert result["last_day"] == "2026-01-27"
    assert months(result)["2026-01"] == "2438.71"


def test_a_v1_input_without_an_extension_keeps_its_output():
    """Days within the 104 weeks are paid as before; the new keys are optional."""
    result = pay(
        [("2025-02-02", "2025-03-31")],
        {"wage": "3000", "sick_pay_percent": ["100", "70"], "agreement_capped": True},
    )
    # 3000 x 27/28 (2-28 Feb) = 2892.86; March 3000.00.
    assert months(result) == {"2025-02": "2892.86", "2025-03": "3000.00"}
    assert result["pay_contract"] == 1


@pytest.mark.parametrize(
    "employment, message",
    [
        (
            {"agreement_capped": [True]},
            "employment.agreement_capped: expected true or false, or two",
        ),
        (
            {"agreement_capped": [True, "no"]},
            "employment.agreement_capped[1]: expected true or false",
        ),
        ({"extension_pay": {"capped": True}}, "employment.extension_pay.percent: is required"),
        (
            {"extension_pay": {"percent": "60"}},
            "employment.extension_pay.percent: 60 is not between 70",
        ),
        (
            {"extension_pay": {"percent": "80", "capped": "yes"}},
            "employment.extension_pay.capped: expected true or false",
        ),
        (
            {"extension_pay": {"percent": "80", "weeks": 5}},
            "employment.extension_pay.weeks: unknown key",
        ),
    ],
)
def test_bad_pay_terms_name_the_field(employment, message):
    with pytest.raises(ContractError) as error:
        pay([("2026-01-05", None)], {"wage": "3000", **employment})
    assert str(error.value).startswith(message)


# Point 15: the published hourly youth amounts. 2025-07-01: 17 years EUR 5.69 an hour (39.5% of
# 14.40 is 5.688, which is not the published amount).
def test_a_young_employee_gets_the_published_hourly_amount():
    result = pay([("2025-08-01", "2025-08-31")], {"wage": "1000", "date_of_birth": "2008-03-01"})
    # Aged 17 all August; 70% x 1000 = 700 is below the floor 5.69 x 40 x 52/12 = 986.2667 → 986.27
    # (not 5.688 x 40 x 52/12 = 985.92).
    assert months(result) == {"2025-08": "986.27"}
    assert line_bases(result, "2025-08") == [["minimum_wage_floor"]]
    assert "minimum_wage_youth_hourly row for 2025-07-01" not in result["provisional"]


def test_the_published_amount_not_the_rounded_percentage_the_issues_example():
    # 2026-01-01, aged 19: published EUR 8.83 an hour (60% x 14.71 = 8.826 would be 1529.84):
    # 8.83 x 40 x 52/12 = 1530.5333 -> 1530.53 for all of February, not provisional.
    result = pay([("2026-02-01", "2026-02-28")], {"wage": "1600", "date_of_birth": "2006-06-15"})
    assert months(result) == {"2026-02": "1530.53"}
    assert result["provisional"] == []


def test_without_the_published_youth_row_the_percentage_is_used_and_the_result_says_so(
    tmp_path, monkeypatch
):
    # The same case with the youth row of 2026-01-01 taken out of the table: 60% x 14.71 = 8.826
    # an hour x 40 x 52/12 = 1529.84, provisional, naming the missing row (D16).
    import openverzuim.law.parameters as parameters

    for path in parameters.HERE.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if path.stem == "minimum_wage_youth_hourly":
            text = text[: text.index("[[values]]\neffective_from = 2026-01-01")]
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    monkeypatch.setattr(parameters, "HERE", tmp_path)
    parameters.table.cache_clear()
    try:
        result = pay(
            [("2026-02-01", "2026-02-28")], {"wage": "1600", "date_of_birth": "2006-06-15"}
        )
    finally:
        parameters.table.cache_clear()
    assert months(result) == {"2026-02": "1529.84"}
    assert result["provisional"] == ["minimum_wage_youth_hourly row for 2026-01-01"]


@pytest.mark.parametrize(
    "month, born, expected",
    [
        # 2023-01-01, aged 20: published EUR 1547.50 a month (80% of 1934.40 would be 1547.52).
        (("2023-03-01", "2023-03-31"), "2002-06-01", {"2023-03": "1547.50"}),
        # 2023-07-01, aged 17: published EUR 788.05 (39.5% of 1995.00 would be 788.025 -> 788.03).
        (("2023-08-01", "2023-08-31"), "2006-01-01", {"2023-08": "788.05"}),
    ],
)
def test_in_2023_a_young_employee_gets_the_published_monthly_amount(month, born, expected):
    # Full time (40 of 40 hours), wage 500 a month: 70% = 350 is below the floor all month.
    result = pay([month], {"wage": "500", "date_of_birth": born})
    assert months(result) == expected and result["provisional"] == []
    assert line_bases(result, month[0][:7]) == [["minimum_wage_floor"]]
