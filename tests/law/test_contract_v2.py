"""Contract v2 is additive (timeline-contract.md, "Version 2"): over generated v1 inputs, the output
is exactly the v1 output, whether the input says nothing, `"contract": 1` or `"contract": 2` (v2 then
only adds `wage_continuation`); and the v2 facts change nothing when they leave the law's terms alone.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemas import INPUT, INPUT_V2, TIMELINE, TIMELINE_V2
from strategies import cases

from openverzuim.law.contract import ContractError, compute
from openverzuim.law.further import FURTHER_IDS

TODAY = date(2026, 11, 22)
FROZEN_V1 = {  # a v1 case and its whole v1 output, worked out before v2 existed (contract example 1)
    "as_of": "2026-03-01",
    "sickness": [{"start": "2026-01-05", "end": None}],
}


def v1_and_v2(case: dict) -> None:
    INPUT.validate(case)
    plain = compute(case, today=TODAY)
    TIMELINE.validate(plain)
    assert plain["contract"] == 1 and "wage_continuation" not in plain
    assert compute(dict(case, contract=1), today=TODAY) == plain
    asked = dict(case, contract=2)
    INPUT_V2.validate(asked)
    v2 = compute(asked, today=TODAY)
    TIMELINE_V2.validate(v2)
    breakdown = v2.pop("wage_continuation")
    further = v2.pop("further_milestones")
    assert v2 == dict(plain, contract=2)
    assert [m["id"] for m in further] == list(FURTHER_IDS)
    assert breakdown["last_day"] == plain["wage_continuation_last_day"]


@pytest.mark.parametrize(
    "examples",
    [pytest.param(60, id="quick"), pytest.param(1500, id="large", marks=pytest.mark.slow)],
)
def test_for_v1_inputs_the_v1_and_v2_outputs_are_identical(request, examples):
    quick = examples < 100
    if not quick and "slow" not in request.config.getoption("markexpr"):
        pytest.skip("larger run: pytest -m slow")
    settings(
        max_examples=examples,
        deadline=None,
        derandomize=quick,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )(given(cases())(v1_and_v2))()


def test_a_v1_input_keeps_its_v1_output_key_for_key():
    result = compute(FROZEN_V1, today=TODAY)
    assert list(result) == [
        "contract",
        "first_sick_day",
        "episode",
        "sick_days",
        "week",
        "milestones",
        "waiting_time_last_day",
        "wage_continuation_last_day",
        "minimum_wage_floor_last_day",
        "as_of",
    ]
    assert result["contract"] == 1


def test_a_v2_fact_makes_the_input_v2_without_the_contract_key():
    case = dict(FROZEN_V1, uwv={"wia_letter_received_on": "2027-09-01"})
    result = compute(case, today=TODAY)
    assert result["contract"] == 2
    assert result["wage_continuation"]["wage_sanction"] is None
    case = dict(FROZEN_V1, uwv={"wage_sanction": {"weeks": 4, "decided_on": None}})
    assert compute(case, today=TODAY)["contract"] == 2


def test_a_timely_decision_and_a_timely_letter_leave_every_date_as_v1_gives_it():
    case = dict(
        FROZEN_V1,
        events=[{"type": "uwv_42_week_report", "date": "2026-10-20"}],
        uwv={"wage_sanction": {"weeks": 10}},
    )
    plain = compute(case, today=TODAY)
    later = copy.deepcopy(case)
    later["uwv"]["wage_sanction"]["decided_on"] = "2027-11-21"  # the last day of lid 10's term
    later["uwv"]["wia_letter_received_on"] = "2027-09-19"  # the day S = 623
    v2 = compute(later, today=TODAY)
    v2.pop("wage_continuation")
    v2.pop("further_milestones")
    assert v2 == dict(plain, contract=2)


@pytest.mark.parametrize(
    ("uwv", "error"),
    [
        (
            {"wia_letter_received_on": "2027-02-30"},
            "uwv.wia_letter_received_on: 2027-02-30 is not a date",
        ),
        (
            {"wia_letter_received_on": 20270901},
            "uwv.wia_letter_received_on: expected a date as YYYY-MM-DD, got 20270901",
        ),
        (
            {"wage_sanction": {"weeks": 4, "decided_on": "9999-01-01"}},
            "uwv.wage_sanction.decided_on: 9999-01-01 is outside the dates the engine models "
            "(2000-01-01 to 2100-12-31)",
        ),
        (
            {"wage_sanction": {"weeks": 4, "decided_on": "2027-11-21\x00"}},
            "uwv.wage_sanction.decided_on: expected a date as YYYY-MM-DD, got '2027-11-21\\x00'",
        ),
    ],
)
def test_bad_v2_facts_are_refused_naming_the_field(uwv, error):
    with pytest.raises(ContractError) as caught:
        compute(dict(FROZEN_V1, uwv=uwv), today=TODAY)
    assert str(caught.value) == error


def test_a_v1_input_with_a_misspelt_key_is_told_v1s_keys_and_a_v2_input_v2s():
    with pytest.raises(ContractError) as caught:
        compute(dict(FROZEN_V1, uwv={"wia_letter": "2027-09-01"}), today=TODAY)
    assert str(caught.value) == (
        "uwv.wia_letter: unknown key (expected one of: voluntary_extension_weeks, wage_sanction)"
    )
    with pytest.raises(ContractError) as caught:
        compute(dict(FROZEN_V1, contract=2, uwv={"wia_letter": "2027-09-01"}), today=TODAY)
    assert str(caught.value) == (
        "uwv.wia_letter: unknown key (expected one of: "
        "voluntary_extension_weeks, wage_sanction, wia_letter_received_on)"
    )


def test_explain_says_where_the_applications_date_and_the_shorter_sanction_come_from():
    from openverzuim.law.contract import parse_case
    from openverzuim.law.explain import explain
    from openverzuim.law.timeline import timeline

    case = dict(
        FROZEN_V1,
        as_of="2028-01-10",
        events=[{"type": "uwv_42_week_report", "date": "2026-10-20"}],
        uwv={
            "wia_letter_received_on": "2027-10-01",
            "wage_sanction": {"weeks": 52, "decided_on": "2028-01-03"},
        },
    )
    result = timeline(*parse_case(case, today=TODAY))
    text = explain(result, "nl")
    assert "brief van UWV ontvangen op 1 okt 2027 + 28 dagen (te late brief)" in text
    assert "geen loonsanctie: UWV besloot na afloop van de wachttijd" in text
    assert "Laatste dag loondoorbetaling: 2 jan 2028" in text
    english = explain(result, "en")
    assert "UWV's letter received on 1 Oct 2027 + 28 days" in english


@pytest.mark.parametrize(
    ("version", "shown"),
    [
        (1.0, "1.0"),
        (float("nan"), "nan"),
        ("2", "'2'"),
        (True, "true"),
        (None, "null"),
        (10**400, None),
    ],
)
def test_a_contract_that_is_not_the_number_1_or_2_is_refused(version, shown):
    with pytest.raises(ContractError) as caught:
        compute(dict(FROZEN_V1, contract=version), today=TODAY)
    assert caught.value.field == "contract"
    if shown is not None:
        assert str(caught.value) == f"contract: expected 1 or 2, got {shown}"


def _decided(case: dict, day: str | None) -> dict:
    changed = copy.deepcopy(case)
    changed["contract"] = 2
    changed["uwv"]["wage_sanction"]["decided_on"] = day
    return changed


def sanction_decision_in_time_or_late(case: dict, lateness: int) -> None:
    if case["uwv"]["wage_sanction"] is None:
        case = dict(case, uwv=dict(case["uwv"], wage_sanction={"weeks": 52}))
    plain = compute(_decided(case, None), today=TODAY)
    due = plain["wage_continuation"]["wage_sanction"]["decision_due"]
    in_time = compute(_decided(case, due), today=TODAY)
    assert in_time["wage_continuation_last_day"] == plain["wage_continuation_last_day"]
    late = compute(
        _decided(case, (date.fromisoformat(due) + timedelta(lateness)).isoformat()), today=TODAY
    )
    TIMELINE_V2.validate(late)
    # WIA art. 25 lid 14: a late decision never lengthens the wage duty, and shortens it by at most
    # its lateness; lid 11: decided after the period's end, the duty is as without a sanction.
    ends = [date.fromisoformat(r["wage_continuation_last_day"]) for r in (plain, late)]
    if lateness > 42:
        without = compute(dict(case, uwv=dict(case["uwv"], wage_sanction=None)), today=TODAY)
        assert late["wage_continuation_last_day"] == without["wage_continuation_last_day"]
    else:
        assert ends[0] - timedelta(lateness) <= ends[1] <= ends[0]
    sanction = late["wage_continuation"]["wage_sanction"]
    assert sanction["lapsed"] == (lateness > 42)
    assert sanction["shortened_by_days"] == (0 if lateness > 42 else lateness)


@pytest.mark.parametrize(
    "examples",
    [pytest.param(60, id="quick"), pytest.param(1000, id="large", marks=pytest.mark.slow)],
)
def test_a_later_sanction_decision_never_lengthens_the_wage_duty(request, examples):
    quick = examples < 100
    if not quick and "slow" not in request.config.getoption("markexpr"):
        pytest.skip("larger run: pytest -m slow")
    settings(
        max_examples=examples,
        deadline=None,
        derandomize=quick,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )(given(cases(), st.integers(0, 60))(sanction_decision_in_time_or_late))()


def test_the_command_prints_v2_for_a_v2_input_in_single_and_bulk_form(tmp_path, capsys):
    import json

    from openverzuim.law.cli import main

    v2 = dict(FROZEN_V1, uwv={"wage_sanction": {"weeks": 4, "decided_on": "2027-11-21"}})
    single = tmp_path / "case.json"
    single.write_text(json.dumps(v2), encoding="utf-8")
    assert main(["timeline", str(single)]) == 0
    assert (
        json.loads(capsys.readouterr().out)["wage_continuation"]["wage_sanction"]["lapsed"] is False
    )
    bulk = tmp_path / "cases.jsonl"
    bulk.write_text(json.dumps(FROZEN_V1) + "\n" + json.dumps(v2) + "\n", encoding="utf-8")
    assert main(["timeline", "--jsonl", str(bulk)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["contract"] for line in lines] == [1, 2]
