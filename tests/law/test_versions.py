"""Rule versions by date (law/versions.py): each version's text is in docs/law-texts/, the engine codes
the one in force from 2013-07-01, and an earlier first sick day is refused naming the rules."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.law.contract import ContractError, compute
from openverzuim.law.timeline import REINTEGRATION_REPORT_DAYS_BEFORE_END
from openverzuim.law.versions import EARLIEST_FIRST_SICK_DAY, RULES, refusal
from openverzuim.law.wage_duty import (
    WIA_APPLICATION_DAYS_BEFORE_END,
    WIA_LETTER_REPORT_SICK_DAYS,
    WIA_LETTER_SICK_DAYS,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_engines_numbers_are_those_of_the_coded_versions():
    assert (
        WIA_LETTER_SICK_DAYS,
        WIA_APPLICATION_DAYS_BEFORE_END,
        WIA_LETTER_REPORT_SICK_DAYS,
        REINTEGRATION_REPORT_DAYS_BEFORE_END,
    ) == (7 * 89, 7 * 11, 7 * 81, 7 * 13)
    assert date(2013, 7, 1) == EARLIEST_FIRST_SICK_DAY


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_every_version_is_quoted_from_its_law_text_and_the_periods_join(rule):
    for version in rule.versions:
        assert version.wording in (ROOT / version.text).read_text(encoding="utf-8")
    for before, after in zip(rule.versions, rule.versions[1:], strict=False):
        assert before.valid_until is not None and after.valid_from is not None
        assert after.valid_from == before.valid_until + timedelta(days=1)
    assert rule.versions[-1].valid_until is None and rule.versions[-1].coded
    assert sum(version.coded for version in rule.versions) == 1


@pytest.mark.parametrize(
    "rule_id, day, weeks",
    [
        ("wia_application", "2013-06-30", 13),  # "dertien weken voor afloop van de wachttijd"
        ("wia_application", "2013-07-01", 11),  # "elf weken" (Verzamelwet SZW 2013)
        ("wia_letter", "2011-12-31", None),  # "uiterlijk 20 maanden na aanvang van de wachttijd"
        ("wia_letter", "2012-01-01", 87),
        ("wia_letter", "2013-06-30", 87),
        ("wia_letter", "2013-07-01", 89),
        ("wia_letter_report", "2012-01-01", 79),
        ("wia_letter_report", "2013-07-01", 81),
        ("reintegration_report", "2013-06-30", 15),
        ("reintegration_report", "2013-07-01", 13),
    ],
)
def test_the_version_in_force_on_both_sides_of_each_change(rule_id, day, weeks):
    rule = next(r for r in RULES if r.id == rule_id)
    version = rule.in_force_on(date.fromisoformat(day))
    assert version is not None and version.weeks == weeks


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dates(date(2000, 1, 1), date(2016, 12, 31)))
def test_a_first_sick_day_is_refused_exactly_when_a_coded_version_came_later(day):
    case = {"as_of": "2017-01-01", "sickness": [{"start": day.isoformat(), "end": None}]}
    if day < EARLIEST_FIRST_SICK_DAY:
        with pytest.raises(ContractError) as error:
            compute(case, today=date(2017, 1, 1))
        assert error.value.field == "sickness[0].start"
        assert error.value.reason == refusal(day)
        assert (
            "WIA art. 64 lid 3" in error.value.reason and "transitional law" in error.value.reason
        )
    else:
        assert refusal(day) is None
        assert compute(case, today=date(2017, 1, 1))["first_sick_day"] == day.isoformat()
