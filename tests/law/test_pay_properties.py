"""Invariants of the pay schedule (issue 7), over generated cases and contracts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from openverzuim.law import CaseFacts, EmploymentTerms, SicknessPeriod, pay_schedule, timeline
from openverzuim.law.pay import Resumption, WageMeasure, _rate, _Rates

AS_OF = date(2026, 11, 22)

terms = st.builds(
    EmploymentTerms,
    wage=st.decimals(min_value=Decimal("500"), max_value=Decimal("15000"), places=2),
    wage_period=st.just("month"),
    contract_hours=st.sampled_from(
        [Decimal(8), Decimal(16), Decimal(24), Decimal(32), Decimal(38), Decimal(40)]
    ),
    fulltime_hours=st.just(Decimal(40)),
    date_of_birth=st.one_of(st.none(), st.dates(date(1960, 1, 1), date(2010, 12, 31))),
    sick_pay_percent=st.tuples(
        st.sampled_from([Decimal(70), Decimal(85), Decimal(100)]),
        st.sampled_from([Decimal(70), Decimal(80)]),
    ),
    agreement_capped=st.booleans(),
)
cases = st.builds(
    lambda start, length, recovered: CaseFacts(
        (SicknessPeriod(start, start + timedelta(days=length) if recovered else None),)
    ),
    st.dates(date(2023, 1, 1), date(2026, 10, 1)),
    st.integers(0, 800),
    st.booleans(),
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(cases, terms)
def test_the_first_52_weeks_never_pay_less_than_the_minimum_wage(facts, employment):
    schedule = pay_schedule(timeline(facts, AS_OF), employment)
    rates = _Rates()
    sick_day = 0
    for month in schedule.months:
        for line in month.lines:
            for offset in range((line.last - line.first).days + 1):
                sick_day += 1
                if sick_day <= 364:
                    day = line.first + timedelta(days=offset)
                    assert line.rate.monthly_rate >= rates.floor(employment, day)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(cases, terms)
def test_pay_is_never_above_the_wage_nor_after_the_last_day(facts, employment):
    result = timeline(facts, AS_OF)
    schedule = pay_schedule(result, employment)
    assert schedule.last_day == result.wage_continuation_last_day
    lines = [line for month in schedule.months for line in month.lines]
    floor = _Rates()
    for line in lines:
        # Above the wage only where the statutory minimum wage lifts a wage below it.
        assert (
            line.rate.monthly_rate <= employment.monthly_wage
            or line.rate.basis == ("minimum_wage_floor",)
            or line.rate.monthly_rate <= floor.floor(employment, line.first)
        )
        assert line.last <= schedule.last_day
    assert lines[-1].last == schedule.last_day  # recovery already ends the last day of payment


# Values of every JSON type for the wage fields: the command answers exit 0 or exit 2, never a crash.
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(
        [
            "3000",
            "0",
            "-1",
            "1e9999",
            "NaN",
            "2026-02-30",
            "1990-04-01",
            "hour",
            "week",
            "40",
            "100",
        ]
    ),
    st.lists(st.sampled_from(["70", "100", "x", 80]), max_size=3),
)
employments = st.dictionaries(
    st.sampled_from(
        [
            "wage",
            "wage_period",
            "contract_hours",
            "fulltime_hours",
            "date_of_birth",
            "sick_pay_percent",
            "agreement_capped",
            "waiting_days",
            "end",
        ]
    ),
    anything,
    max_size=9,
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(employments)
def test_any_employment_object_is_either_computed_or_refused_naming_a_field(employment):
    from openverzuim.law.contract import ContractError
    from openverzuim.law.pay_contract import compute_pay

    case = {
        "as_of": "2026-11-22",
        "sickness": [{"start": "2026-01-05", "end": None}],
        "employment": {"wage": "3000", **employment},
    }
    try:
        result = compute_pay(case, today=AS_OF)
    except ContractError as error:
        assert str(error).startswith(("employment", "sickness"))
    else:
        assert Decimal(result["total"]) >= 0


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.integers(0, 200), st.integers(0, 60), cases, terms)
def test_an_ended_suspension_costs_the_employee_nothing_in_the_end(
    offset, length, facts, employment
):
    result = timeline(facts, AS_OF)
    start = result.first_sick_day + timedelta(days=offset)
    end = start + timedelta(days=length)
    measure = WageMeasure("suspension", start, end, back_pay_on=end)
    plain = pay_schedule(result, employment)
    suspended = pay_schedule(result, employment, measures=(measure,))
    lines = sum(len(m.lines) for m in suspended.months)
    # Only the rounding of the extra stretches the suspension cuts can differ: half a cent each.
    assert abs(suspended.total - plain.total) <= Decimal("0.005") * (lines + 2)
    assert suspended.suspended_total == 0


@st.composite
def dossiers(draw):
    """A case with up to two stretches of partial work and two wage measures, starting anywhere."""
    facts = draw(cases)
    first = facts.sickness[0].start
    some_day = st.integers(0, 760).map(lambda n: first + timedelta(days=n))
    resumptions = tuple(
        Resumption(
            draw(some_day),
            Decimal(draw(st.integers(1, 30))),
            draw(st.sampled_from(["own_work", "suitable_work"])),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    measures = []
    for _ in range(draw(st.integers(0, 2))):
        start = draw(some_day)
        length = draw(st.one_of(st.none(), st.integers(0, 90)))
        end = None if length is None else start + timedelta(days=length)
        measures.append(WageMeasure(draw(st.sampled_from(["stop", "suspension"])), start, end))
    return facts, resumptions, tuple(measures)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(dossiers(), terms)
def test_every_day_of_a_line_pays_the_rate_worked_out_for_that_day_alone(dossier, employment):
    """The schedule works the rate out once per stretch; asked day by day, each day agrees."""
    facts, resumptions, measures = dossier
    schedule = pay_schedule(timeline(facts, AS_OF), employment, resumptions, measures)
    rates, sick_day = _Rates(), 0
    for month in schedule.months:
        for line in month.lines:
            for offset in range(line.days):
                sick_day += 1
                day = line.first + timedelta(days=offset)
                assert (
                    _rate(employment, day, sick_day, rates, resumptions, measures) == line.rate
                ), day


def test_a_stretch_ends_where_a_parameter_row_stops_holding():
    """Rows so far start on the first of a month, where a stretch ends anyway; one that would not
    must still end the stretch (decision D11: the amount valid on the day paid)."""
    from openverzuim.law.pay import _stretch_end

    terms = EmploymentTerms(wage=Decimal(3000), wage_period="month", contract_hours=Decimal(40))
    rates = _Rates()
    found = rates.on("maximum_daily_wage", date(2026, 3, 2))
    rates.latest["maximum_daily_wage"] = replace(found, valid_until=date(2026, 3, 15))
    assert _stretch_end(date(2026, 3, 2), 100, date(2026, 12, 31), terms, rates, (), ()) == date(
        2026, 3, 15
    )
