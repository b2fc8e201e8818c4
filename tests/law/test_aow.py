"""The AOW age by date of birth (AOW art. 7a lid 1) and BW 7:629 lid 2 sub b in the pay schedule.

Every expected date below is worked by hand from the table in docs/law-texts/algemene-ouderdomswet.md:
the age of the calendar year in which the date of birth plus that age falls.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.law.aow import (
    AOW_AGES,
    AOW_WAGE_DUTY_BASIS,
    LAST_FIXED_YEAR,
    aow_age_date,
    aow_age_not_before,
    aow_limit,
)
from openverzuim.law.counting import chain_periods
from openverzuim.law.facts import SicknessPeriod
from openverzuim.law.pay_contract import compute_pay

D = date.fromisoformat


@pytest.mark.parametrize(
    "born, reached",
    [
        ("1947-12-31", "2012-12-31"),  # a. 65 before 2013
        ("1948-01-01", "2013-02-01"),  # 65 on 2013-01-01 is in 2013: b. 65 years 1 month
        ("1948-11-30", "2013-12-30"),
        ("1948-12-01", "2014-02-01"),  # 2013's age gives 2014-01-01: c. 65 years 2 months
        ("1949-10-31", "2014-12-31"),
        ("1949-11-01", "2015-02-01"),  # d. 65 years 3 months
        ("1950-09-30", "2015-12-30"),
        ("1950-10-01", "2016-04-01"),  # e. 65 years 6 months (the 2013 text had 5: 2016-03-01)
        ("1951-06-30", "2016-12-30"),
        ("1951-07-01", "2017-04-01"),  # f. 65 years 9 months
        ("1952-02-29", "2017-11-29"),
        ("1952-03-31", "2017-12-31"),
        ("1952-04-01", "2018-04-01"),  # g. 66 years
        ("1952-12-31", "2018-12-31"),
        ("1953-01-01", "2019-05-01"),  # h. 66 years 4 months
        ("1953-08-31", "2019-12-31"),
        ("1953-09-01", "2020-01-01"),  # i. 66 years 4 months (the 2015 text had 8: 2020-05-01)
        ("1954-09-01", "2021-01-01"),  # j. 66 years 4 months
        ("1955-08-31", "2021-12-31"),
        ("1955-09-01", "2022-04-01"),  # k. 66 years 7 months
        ("1956-05-31", "2022-12-31"),
        ("1956-06-01", "2023-04-01"),  # l. 66 years 10 months
        ("1957-02-28", "2023-12-28"),
        ("1957-03-01", "2024-03-01"),  # m. 67 years
        ("1958-01-01", "2025-01-01"),  # n. 67 years
        ("1958-12-31", "2025-12-31"),
        ("1959-01-01", None),  # o. a year from 2026: announced in the Staatscourant, not held here
        ("1956-08-31", None),  # 66 years 10 months later is 31 June 2023: the statute names no day
    ],
)
def test_the_aow_age_by_date_of_birth(born, reached):
    assert aow_age_date(D(born)) == (D(reached) if reached else None)


def test_every_row_names_the_version_of_article_7a_it_is_read_from():
    assert [row.year for row in AOW_AGES] == [None, *range(2013, LAST_FIXED_YEAR + 1)]
    assert all(row.source.startswith("AOW art. 7a lid 1, text valid from") for row in AOW_AGES)
    assert (
        AOW_WAGE_DUTY_BASIS.short()
        == "BW 7:629 lid 2 sub b; AOW art. 7 lid 1 sub a; AOW art. 7a lid 1"
    )


BIRTHS = st.dates(date(1940, 1, 1), date(1975, 12, 31))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(BIRTHS, BIRTHS)
def test_a_later_birth_never_reaches_the_aow_age_earlier(first, second):
    first, second = sorted((first, second))
    a, b = aow_age_date(first), aow_age_date(second)
    if a is not None and b is not None:
        assert a <= b
    assert aow_age_not_before(first) <= aow_age_not_before(second) + timedelta(days=3)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(BIRTHS)
def test_the_age_reached_is_the_age_of_its_own_year_and_the_bound_holds(born):
    reached = aow_age_date(born)
    bound = aow_age_not_before(born)
    if reached is None:
        # Unknown: a year from 2026 (at least 67, lid 2) or a day the month lacks.
        assert born.day > 28 or bound >= date(LAST_FIXED_YEAR + 1, 1, 1)
        assert bound >= born.replace(day=min(born.day, 28), year=born.year + 65)
        return
    assert bound == reached
    row = next(r for r in AOW_AGES if (r.year or 2012) >= reached.year)
    months = (reached.year - born.year) * 12 + reached.month - born.month
    assert reached.day == born.day and divmod(months, 12) == (row.years, row.months)


def _episode(*periods):
    return chain_periods(tuple(SicknessPeriod(D(s), D(e) if e else None) for s, e in periods))


@pytest.mark.parametrize(
    "first_day, born, status, last_day",
    [
        # Lid 2 sub b is in force from 1 January 2016 (Stb. 2015, 376 and 377); its transitional law
        # for sickness that began earlier is not held: the engine does not compute it.
        ("2015-12-31", "1950-01-01", "unknown", "2017-12-28"),
        # AOW-aged from day 1 (2015-04-01), sick from 1 Jan 2016, before 1 July 2023: thirteen weeks
        # (art. VIIIa lid 1), day 91 = 2016-03-31 (31 + 29 + 31 days).
        ("2016-01-01", "1950-01-01", "applied", "2016-03-31"),
    ],
)
def test_both_sides_of_the_entry_into_force_of_lid_2_sub_b(first_day, born, status, last_day):
    limit = aow_limit(D(born), _episode((first_day, None)), D("2017-12-28"))
    assert (limit.status, limit.last_day) == (status, D(last_day))
    if status == "unknown":
        assert "2016-01-01" in limit.reason and "transitional law" in limit.reason


def _pay(sickness, born):
    return compute_pay(
        {
            "as_of": "2026-11-22",
            "sickness": [{"start": s, "end": e} for s, e in sickness],
            "employment": {"end": None, "wage": "3000", "date_of_birth": born},
        },
        today=date(2026, 11, 22),
    )


@pytest.mark.parametrize(
    "sickness, born, last_day, reached, weeks",
    [
        # AOW age 2024-03-01 (67), sick from 8 Jan 2024: six weeks from that date (the first day
        # is after 1 July 2023, Stb. 2023, 169): 1 Mar + 41 days = 11 Apr 2024.
        ([("2024-01-08", None)], "1957-03-01", "2024-04-11", "2024-03-01", 6),
        # AOW age 2023-07-01 (66 years 10 months); sick from 30 Jun 2023, before 1 July 2023:
        # thirteen weeks from the AOW date, 1 Jul + 90 days = 29 Sep 2023.
        ([("2023-06-30", None)], "1956-09-01", "2023-09-29", "2023-07-01", 13),
        # The same employee sick from 1 Jul 2023: six weeks from day 1 (the AOW date), day 42.
        ([("2023-07-01", None)], "1956-09-01", "2023-08-11", "2023-07-01", 6),
        # AOW-aged long before (2015-04-01): the first six weeks of sickness, day 42 = 18 Feb 2024.
        ([("2024-01-08", None)], "1950-01-01", "2024-02-18", "2015-04-01", 6),
        # AOW age 2024-03-10 inside the first period; eleven fit days (21-31 Mar) chain the
        # periods and are not counted: 10 Mar + 41 days = 20 Apr, plus 11 = 1 May 2024.
        (
            [("2024-01-08", "2024-03-20"), ("2024-04-01", None)],
            "1957-03-10",
            "2024-05-01",
            "2024-03-10",
            6,
        ),
        # Born 15 Feb 1957: 66 years 10 months is 15 Dec 2023, in 2023 itself (row l.), so the
        # employee is AOW-aged on day 1: six weeks from it.
        ([("2024-01-08", None)], "1957-02-15", "2024-02-18", "2023-12-15", 6),
    ],
)
def test_the_schedule_ends_the_weeks_lid_2_gives_after_the_aow_age(
    sickness, born, last_day, reached, weeks
):
    result = _pay(sickness, born)
    assert result["last_day"] == last_day and result["warnings"] == []
    assert result["aow_age"] == {
        "reached_on": reached,
        "weeks": weeks,
        "last_day": last_day,
        "basis": "BW 7:629 lid 2 sub b; AOW art. 7 lid 1 sub a; AOW art. 7a lid 1",
    }
    assert result["months"][-1]["lines"][-1]["to"] == last_day


def test_recovery_before_the_end_of_the_six_weeks_leaves_the_schedule_as_it_was():
    result = _pay([("2024-01-08", "2024-03-20")], "1957-03-01")
    assert (result["last_day"], result["warnings"], "aow_age" in result) == (
        "2024-03-20",
        [],
        False,
    )


def test_a_young_employee_or_none_known_keeps_the_schedule_of_lid_1():
    without = compute_pay(
        {
            "as_of": "2026-11-22",
            "sickness": [{"start": "2024-01-08", "end": None}],
            "employment": {"end": None, "wage": "3000"},
        },
        today=date(2026, 11, 22),
    )
    young = _pay([("2024-01-08", None)], "1980-05-05")
    assert without["last_day"] == young["last_day"] == "2026-01-04"  # day 728
    assert "aow_age" not in without and "aow_age" not in young


# Contract v2: `employment.date_of_birth` brings BW 7:629 lid 2 sub b into the timeline itself.
def _timeline(sickness, born, **extra):
    from openverzuim.law.contract import compute

    case = {
        "as_of": "2024-03-01",
        "sickness": [{"start": s, "end": e} for s, e in sickness],
        "employment": {"end": None, "date_of_birth": born},
        **extra,
    }
    return case, compute(case, today=date(2024, 3, 1))


@pytest.mark.parametrize(
    "sickness, born, last_day, capped_by, aow_age",
    [
        # Hand-worked as in the pay cases above: AOW age 2024-03-01, six weeks: 11 Apr 2024.
        (
            [("2024-01-08", None)],
            "1957-03-01",
            "2024-04-11",
            "aow_age",
            {"status": "applied", "reached_on": "2024-03-01", "weeks": 6, "reason": None},
        ),
        # Sick from 30 Jun 2023 (before 1 July 2023): thirteen weeks from 1 Jul 2023: 29 Sep 2023.
        (
            [("2023-06-30", None)],
            "1956-09-01",
            "2023-09-29",
            "aow_age",
            {"status": "applied", "reached_on": "2023-07-01", "weeks": 13, "reason": None},
        ),
        # Recovered on 20 Mar 2024, before the six weeks end: recovery caps, lid 2 ends nothing more.
        (
            [("2024-01-08", "2024-03-20")],
            "1957-03-01",
            "2024-03-20",
            "recovery",
            {"status": "applied", "reached_on": "2024-03-01", "weeks": 6, "reason": None},
        ),
        # Young: the AOW age is decades away; D1 + 727 = 5 Jan 2026.
        (
            [("2024-01-08", None)],
            "1980-05-05",
            "2026-01-04",
            None,
            {"status": "not_reached", "reached_on": None, "weeks": None, "reason": None},
        ),
    ],
)
def test_the_timeline_of_contract_2_ends_the_wage_duty_at_the_aow_age(
    sickness, born, last_day, capped_by, aow_age
):
    from schemas import INPUT_V2, TIMELINE_V2

    case, result = _timeline(sickness, born)
    INPUT_V2.validate(case)
    TIMELINE_V2.validate(result)
    assert result["contract"] == 2  # inferred from the v2 fact
    assert result["wage_continuation_last_day"] == last_day
    assert result["wage_continuation"]["capped_by"] == capped_by
    assert result["wage_continuation"]["aow_age"] == aow_age


def test_an_unknown_aow_age_is_said_with_its_reason_and_the_duty_runs_on():
    from schemas import TIMELINE_V2

    _, result = _timeline([("2026-01-05", None)], "1960-06-01")
    TIMELINE_V2.validate(result)
    aow = result["wage_continuation"]["aow_age"]
    assert (result["wage_continuation_last_day"], aow["status"], aow["reached_on"]) == (
        "2028-01-02",
        "unknown",
        None,
    )
    assert "Staatscourant" in aow["reason"]


def test_the_date_of_birth_is_a_fact_of_contract_2_only_and_before_the_first_sick_day():
    from openverzuim.law.contract import ContractError, compute

    base = {"as_of": "2024-03-01", "sickness": [{"start": "2024-01-08", "end": None}]}
    with pytest.raises(ContractError, match=r"employment\.date_of_birth: is a fact of contract 2"):
        compute(
            {**base, "contract": 1, "employment": {"date_of_birth": "1957-03-01"}},
            today=date(2024, 3, 1),
        )
    with pytest.raises(ContractError, match=r"employment\.date_of_birth: 2024-01-08 is not before"):
        compute({**base, "employment": {"date_of_birth": "2024-01-08"}}, today=date(2024, 3, 1))
    plain = compute({**base, "contract": 2}, today=date(2024, 3, 1))
    assert "aow_age" not in plain["wage_continuation"]


def test_explain_names_the_aow_age_as_what_ended_the_wage_duty(capsys, tmp_path):
    import json

    from openverzuim.law.cli import main

    case, _ = _timeline([("2024-01-08", None)], "1957-03-01")
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    assert main(["timeline", str(path), "--explain"]) == 0
    assert "AOW-leeftijd (BW 7:629 lid 2 sub b)" in capsys.readouterr().out


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.dates(date(1945, 1, 1), date(1962, 12, 31)),
    st.dates(date(2016, 1, 1), date(2027, 12, 31)),
    st.integers(0, 40),
    st.integers(1, 27),
)
def test_lid_2_only_ever_shortens_and_gives_at_least_the_weeks_from_the_aow_age(
    born, first_day, first_length, gap
):
    # Two chained periods (fewer than 28 fit days between them), the second still open.
    first_end = first_day + timedelta(days=first_length)
    second = first_end + timedelta(days=gap + 1)
    episode = chain_periods((SicknessPeriod(first_day, first_end), SicknessPeriod(second, None)))
    last = date.fromordinal(episode.day_of(728))
    limit = aow_limit(born, episode, last)
    assert limit.last_day <= last
    if limit.status != "applied":
        assert limit.last_day == last
        return
    assert limit.reached_on is not None and limit.weeks in (6, 13)
    assert limit.weeks == (13 if first_day < date(2023, 7, 1) else 6)
    start = max(limit.reached_on, first_day)
    # The weeks are sick days from the AOW date (or day 1): never fewer calendar days than that.
    assert limit.last_day >= start + timedelta(days=7 * limit.weeks - 1)
    counted_from = episode.sick_days_until(start.toordinal() - 1)
    assert episode.sick_days_until(limit.last_day.toordinal()) == counted_from + 7 * limit.weeks
