"""Pay scenarios worked out by hand from BW 7:629 and the parameter rows, never from the code's output.

Conventions of the arithmetic (docs/pay.md): a monthly rate is paid for a stretch of days as
rate × days / days in the month, rounded half up to cents per stretch. The cap is the maximum daily
wage of the day paid × 21.75 (Wfsv art. 17 lid 1, decision D11). The rows used:
  maximum daily wage: 2025-01-01 290.67 (x 21.75 = 6322.0725; 70% = 4425.45075),
                      2026-01-01 304.25 (x 21.75 = 6617.4375; 70% = 4632.20625)
  minimum wage:       2023-01-01 1934.40 a month full time (40 h); from 2024 per hour:
                      2025-01-01 14.06, 2025-07-01 14.40, 2026-01-01 14.71
  as a month for h hours a week: hourly x h x 52 / 12, e.g. 14.71 x 40 x 52/12 = 2549.7333.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from openverzuim.law.pay_contract import compute_pay

AS_OF = "2026-11-22"
MAX_2025_H2 = "maximum_daily_wage row for 2025-07-01"  # law.md OQ-13
MAX_2026_H2 = "maximum_daily_wage row for 2026-07-01"
MIN_2026_H2 = "minimum_wage row for 2026-07-01"  # law.md OQ-26


def pay(
    sickness: list[tuple[str, str | None]], employment: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    case = {
        "as_of": AS_OF,
        "sickness": [{"start": s, "end": e} for s, e in sickness],
        "employment": {"end": None, **employment},
        **extra,
    }
    return compute_pay(case, today=date(2026, 11, 22))


def months(result: dict[str, Any]) -> dict[str, str]:
    return {m["month"]: m["amount"] for m in result["months"]}


SCENARIOS = [
    pytest.param(
        [("2026-01-05", "2026-02-28")],
        {"wage": "8000"},
        {},
        # 8000 > cap 6617.4375 → 70% x 6617.4375 = 4632.20625 a month.
        # Jan: 4632.20625 x 27/31 = 4034.5022 → 4034.50; Feb: whole month 4632.21.
        {"2026-01": "4034.50", "2026-02": "4632.21"},
        [],
        id="wage above the cap",
    ),
    pytest.param(
        [("2025-06-01", "2025-07-31")],
        {"wage": "8000"},
        {},
        # Jun: 70% x 6322.0725 = 4425.45. Jul: no row for 2025-07-01 → the 2025-01-01 row goes on,
        # provisional (D16): again 4425.45.
        {"2025-06": "4425.45", "2025-07": "4425.45"},
        [MAX_2025_H2],
        id="wage above the cap where the July row is missing",
    ),
    pytest.param(
        [("2025-12-01", "2026-01-31")],
        {"wage": "8000"},
        {},
        # D11, the cap of the day paid: Dec 2025 still the 2025 row, 70% x 6322.0725 = 4425.45
        # (provisional, the July 2025 row is missing); Jan 2026 the new row, 70% x 6617.4375 = 4632.21.
        {"2025-12": "4425.45", "2026-01": "4632.21"},
        [MAX_2025_H2],
        id="wage above the cap across the 1 January change",
    ),
    pytest.param(
        [("2025-01-01", "2026-01-31")],
        {"wage": "2600"},
        {},
        # 70% x 2600 = 1820 is below the minimum wage for 40 hours, so weeks 1-52 pay the floor:
        # Jan-Jun 2025: 14.06 x 40 x 52/12 = 2437.0667 → 2437.07; from 1 July: 14.40 x 40 x 52/12 = 2496.00.
        # Sick day 364 is 30 Dec 2025 (1 Jan + 363): Dec = 2496 x 30/31 = 2415.48 + 1820 x 1/31 = 58.71
        # = 2474.19. Jan 2026 is week 53+: no floor, 1820.00.
        {
            "2025-01": "2437.07",
            "2025-02": "2437.07",
            "2025-03": "2437.07",
            "2025-04": "2437.07",
            "2025-05": "2437.07",
            "2025-06": "2437.07",
            "2025-07": "2496.00",
            "2025-08": "2496.00",
            "2025-09": "2496.00",
            "2025-10": "2496.00",
            "2025-11": "2496.00",
            "2025-12": "2474.19",
            "2026-01": "1820.00",
        },
        [MAX_2025_H2],  # the cap is looked up for every day, even a wage far below it (D16)
        id="70 percent below the minimum wage: floor in weeks 1-52 and not after, July change",
    ),
    pytest.param(
        [("2026-02-01", "2026-02-28")],
        {"wage": "1600", "contract_hours": "24"},
        {},
        # Part-timer 24 h: floor 14.71 x 24 x 52/12 = 1529.84 > 70% x 1600 = 1120.
        {"2026-02": "1529.84"},
        [],
        id="part-timer, hourly minimum wage from 2024",
    ),
    pytest.param(
        [("2023-03-01", "2023-03-31")],
        {"wage": "1200", "contract_hours": "24"},
        {},
        # Before 2024 the monthly amount pro rata (WML art. 12): 1934.40 x 24/40 = 1160.64 > 840.
        {"2023-03": "1160.64"},
        [],
        id="part-timer, monthly minimum wage pro rata in 2023",
    ),
    pytest.param(
        [("2026-06-01", "2026-06-30")],
        {"wage": "1600", "date_of_birth": "2007-06-15"},
        {},
        # The hourly youth amounts published with the 2026-01-01 row (besluit SZW nr.
        # 2025-0000213859): age 18 until 14 June: 7.36 x 40 x 52/12 = 1275.7333 → x 14/30 = 595.34;
        # age 19 from 15 June: 8.83 x 40 x 52/12 = 1530.5333 → x 16/30 = 816.28. 70% x 1600 = 1120 is
        # lower throughout. June = 595.34 + 816.28 = 1411.62 (with the percentages of 14.71 it was
        # 1410.85 before the published amounts were sourced).
        {"2026-06": "1411.62"},
        [],
        id="young employee turning 19",
    ),
    pytest.param(
        [("2025-01-01", "2026-01-31")],
        {"wage": "3000", "sick_pay_percent": ["100", "70"]},
        {},
        # 100% in weeks 1-52, 70% after: Dec 2025 = 3000 x 30/31 = 2903.23 + 2100 x 1/31 = 67.74
        # = 2970.97; Jan 2026 = 2100.00.
        {"2025-11": "3000.00", "2025-12": "2970.97", "2026-01": "2100.00"},
        [MAX_2025_H2],
        id="collective agreement 100/70",
    ),
    pytest.param(
        [("2026-02-01", "2026-02-28")],
        {"wage": "8000", "sick_pay_percent": ["100", "70"], "agreement_capped": False},
        {},
        # An agreement paying 100% of the uncapped wage: 8000.
        {"2026-02": "8000.00"},
        [],
        id="agreement of 100 percent above the cap",
    ),
    pytest.param(
        [("2026-02-01", "2026-02-28")],
        {"wage": "8000", "sick_pay_percent": ["100", "70"]},
        {},
        # The same agreement on the capped wage: 100% x 6617.4375 = 6617.44.
        {"2026-02": "6617.44"},
        [],
        id="agreement of 100 percent of the capped wage",
    ),
    pytest.param(
        [("2026-02-01", "2026-02-28")],
        {"wage": "25", "wage_period": "hour", "contract_hours": "32"},
        {},
        # 25 x 32 x 52/12 = 3466.6667 a month; 70% = 2426.6667 > floor 14.71 x 32 x 52/12 = 2039.79.
        {"2026-02": "2426.67"},
        [],
        id="hourly wage",
    ),
    pytest.param(
        [("2026-01-05", "2026-03-31")],
        {"wage": "4000"},
        {"work_resumptions": [{"start": "2026-03-01", "hours_per_week": "20", "kind": "own_work"}]},
        # 70% x 4000 = 2800. Jan 2800 x 27/31 = 2438.71. March, 20 of 40 hours own work (D12):
        # 0.5 x 4000 + 0.5 x 2800 = 3400.00.
        {"2026-01": "2438.71", "2026-02": "2800.00", "2026-03": "3400.00"},
        [],
        id="partial resumption of own work",
    ),
    pytest.param(
        [("2026-01-05", "2026-03-31")],
        {"wage": "4000"},
        {
            "work_resumptions": [
                {"start": "2026-03-01", "hours_per_week": "20", "kind": "therapeutic"}
            ]
        },
        # Therapeutic work has no wage value: the sick-pay percentage for all hours, 2800.
        {"2026-01": "2438.71", "2026-02": "2800.00", "2026-03": "2800.00"},
        [],
        id="partial resumption of therapeutic work",
    ),
    pytest.param(
        [("2026-01-05", "2026-04-30")],
        {"wage": "4000"},
        {"wage_measures": [{"kind": "suspension", "start": "2026-02-20", "end": "2026-03-05"}]},
        # Feb 1-19 paid 2800 x 19/28 = 1900.00; Feb 20-28 held back 2800 x 9/28 = 900.00;
        # Mar 1-5 held back 2800 x 5/31 = 451.61; Mar 6-31 paid 2800 x 26/31 = 2348.39, plus the back
        # pay 900.00 + 451.61 (lid 6: owed once the rules are kept) = 3700.00.
        {"2026-01": "2438.71", "2026-02": "1900.00", "2026-03": "3700.00", "2026-04": "2800.00"},
        [],
        id="suspension with back pay later",
    ),
    pytest.param(
        [("2026-01-05", "2026-04-30")],
        {"wage": "4000"},
        {"wage_measures": [{"kind": "stop", "start": "2026-02-20", "end": "2026-03-05"}]},
        # Same days, stopped (lid 3): lost for good. Feb 1900.00; Mar 2348.39.
        {"2026-01": "2438.71", "2026-02": "1900.00", "2026-03": "2348.39", "2026-04": "2800.00"},
        [],
        id="stop without back pay",
    ),
    pytest.param(
        [("2026-03-02", "2026-03-10"), ("2026-03-20", "2026-03-31")],
        {"wage": "4340", "waiting_days": 2},
        {},
        # 70% x 4340 = 3038 a month = 98 a day in March. Waiting days 2 and 3 March; the second
        # period follows within four weeks and is added (lid 10): no new waiting days.
        # 7 + 12 = 19 paid days x 98 = 1862.00.
        {"2026-03": "1862.00"},
        [],
        id="waiting days once per episode",
    ),
    pytest.param(
        [("2024-01-01", None)],
        {"wage": "4000"},
        {"uwv": {"voluntary_extension_weeks": 13}},
        # 104 weeks end on 1 Jan 2024 + 727 = 28 Dec 2025; 13 weeks more: 29 Mar 2026.
        # Mar 2026: 2800 x 29/31 = 2619.35.
        {"2026-02": "2800.00", "2026-03": "2619.35"},
        [MAX_2025_H2],
        id="voluntary extension",
    ),
]


@pytest.mark.parametrize("sickness, employment, extra, expected, provisional", SCENARIOS)
def test_the_schedule_matches_the_hand_computed_table(
    sickness, employment, extra, expected, provisional
):
    result = pay(sickness, employment, **extra)
    found = months(result)
    assert {month: found.get(month) for month in expected} == expected
    assert result["provisional"] == provisional


def test_a_suspension_that_has_not_ended_is_owed_but_not_yet_paid():
    result = pay(
        [("2026-01-05", "2026-04-30")],
        {"wage": "4000"},
        wage_measures=[{"kind": "suspension", "start": "2026-04-01", "end": None}],
    )
    april = result["months"][-1]
    # April 2800 held back: not in the month's amount, shown as suspended and outstanding.
    assert (april["amount"], april["suspended"], april["back_pay"]) == ("0.00", "2800.00", "0.00")
    assert result["suspended_total"] == "2800.00"
    # 2438.71 + 2800 + 2800 + 0
    assert result["total"] == "8038.71"


def test_a_suspension_and_a_stop_differ_only_by_the_back_pay():
    sickness, employment = [("2026-01-05", "2026-04-30")], {"wage": "4000"}
    measure = {"start": "2026-02-20", "end": "2026-03-05"}
    plain = pay(sickness, employment)
    suspended = pay(sickness, employment, wage_measures=[{"kind": "suspension", **measure}])
    stopped = pay(sickness, employment, wage_measures=[{"kind": "stop", **measure}])
    # 2438.71 + 3 x 2800 = 10838.71 either way once the back pay is made; 1351.61 lost by a stop.
    assert plain["total"] == suspended["total"] == "10838.71"
    assert stopped["total"] == "9487.10"
    assert suspended["suspended_total"] == "0.00"
    assert stopped["last_day"] == plain["last_day"] == "2026-04-30"  # a stop does not lengthen


def test_hours_of_own_work_are_not_a_cost_of_absence():
    result = pay(
        [("2026-01-05", "2026-03-31")],
        {"wage": "4000"},
        work_resumptions=[{"start": "2026-03-01", "hours_per_week": "20", "kind": "own_work"}],
    )
    march = result["months"][-1]
    # 3400 paid, of which 0.5 x 4000 = 2000 for the hours worked: 1400 without work.
    assert (march["amount"], march["cost_of_absence"]) == ("3400.00", "1400.00")
    assert march["lines"][0]["worked"] == "2000.00"
    assert march["lines"][0]["basis"] == ["statutory", "own_work_in_full"]
    # 2438.71 + 2800 + 1400
    assert result["cost_of_absence"] == "6638.71"


def test_a_wage_sanction_lengthens_the_schedule_by_its_weeks():
    result = pay([("2024-01-01", None)], {"wage": "4000"}, uwv={"wage_sanction": {"weeks": 52}})
    # 28 Dec 2025 + 52 weeks = 27 Dec 2026; Dec 2026: 2800 x 27/31 = 2438.71.
    assert result["last_day"] == "2026-12-27"
    assert months(result)["2026-12"] == "2438.71"
    assert result["provisional"] == [MAX_2025_H2, MAX_2026_H2]
    unsanctioned = pay([("2024-01-01", None)], {"wage": "4000"})
    assert unsanctioned["last_day"] == "2025-12-28"
    assert "2026-01" not in months(unsanctioned)


def test_employment_ending_in_month_nine_ends_the_schedule():
    result = pay([("2026-01-05", None)], {"wage": "4000", "end": "2026-09-15"})
    # Sept: 2800 x 15/30 = 1400.00; nothing after the contract's last day.
    assert result["last_day"] == "2026-09-15"
    assert list(months(result))[-1] == "2026-09" and months(result)["2026-09"] == "1400.00"
    # From July the minimum-wage floor and the cap use rows not yet published (D16).
    assert result["provisional"] == [MAX_2026_H2, MIN_2026_H2]


def test_the_basis_names_the_rule_behind_each_figure():
    floor = pay([("2025-12-01", "2026-01-31")], {"wage": "2600"})
    cap = pay([("2026-02-01", "2026-02-28")], {"wage": "8000"})
    waiting = pay([("2026-03-02", "2026-03-10")], {"wage": "4340", "waiting_days": 2})
    assert floor["months"][0]["lines"][0]["basis"] == ["minimum_wage_floor"]
    assert cap["months"][0]["lines"][0]["basis"] == ["statutory", "cap"]
    assert cap["months"][0]["lines"][0]["percent"] == "57.90"  # 4632.21 / 8000
    assert waiting["months"][0]["lines"][0]["basis"] == ["waiting_day"]


def test_back_pay_falls_in_the_month_the_rules_are_kept_even_after_the_last_sick_day():
    from openverzuim.law import WageMeasure, pay_schedule, timeline
    from openverzuim.law.pay_contract import parse_pay

    facts, as_of, terms, _, _ = parse_pay(
        {
            "as_of": AS_OF,
            "sickness": [{"start": "2026-01-05", "end": "2026-04-30"}],
            "employment": {"end": None, "wage": "4000"},
        },
        today=date(2026, 11, 22),
    )
    measures = (
        WageMeasure("suspension", date(2026, 2, 2), date(2026, 2, 6), "lid6", date(2026, 6, 10)),
        WageMeasure("suspension", date(2026, 4, 1), date(2026, 4, 3), "lid6", date(2026, 5, 5)),
        WageMeasure("suspension", date(2026, 4, 20), date(2026, 4, 21), "lid6", None),
    )
    schedule = pay_schedule(timeline(facts, as_of), terms, (), measures)
    found = {m.month: (m.amount, m.back_pay) for m in schedule.months}
    # 70% x 4000 = 2800 a month. Feb: 2-6 held back, 2800 x 5/28 = 500.00, paid 2300.00. April: 1-3
    # held back 2800 x 3/30 = 280.00, 20-21 held back 2800 x 2/30 = 186.67, paid 2800 x 25/30 =
    # 2333.33. Lid 6: each is owed in the month the rules were kept again, after recovery too
    # (May 280.00, June 500.00, in calendar order); the third was never kept: 186.67 outstanding.
    assert found == {
        "2026-01": (Decimal("2438.71"), Decimal("0.00")),
        "2026-02": (Decimal("2300.00"), Decimal("0.00")),
        "2026-03": (Decimal("2800.00"), Decimal("0.00")),
        "2026-04": (Decimal("2333.33"), Decimal("0.00")),
        "2026-05": (Decimal("280.00"), Decimal("280.00")),
        "2026-06": (Decimal("500.00"), Decimal("500.00")),
    }
    assert list(found) == sorted(found)
    assert schedule.suspended_total == Decimal("186.67")
    # Paid by 31 May: 2438.71 + 2300.00 + 2800.00 + 2333.33 + the back pay owed on 5 May, 280.00.
    assert schedule.paid_until(date(2026, 5, 31)) == Decimal("10152.04")
