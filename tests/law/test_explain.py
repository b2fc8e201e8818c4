"""--explain: per milestone the date, the status, how the date was computed and the article."""

from __future__ import annotations

from datetime import date

import pytest

from openverzuim.law import CaseFacts, Event, Leave, SicknessPeriod, WageSanction, timeline
from openverzuim.law.explain import explain, format_date, how_computed
from openverzuim.law.parameters import MissingRow
from openverzuim.law.pay_explain import missing_text

RELAPSE = (SicknessPeriod(date(2026, 1, 5), date(2026, 2, 13)), SicknessPeriod(date(2026, 3, 2)))


def _line(text: str, starts: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(starts))


def test_it_explains_a_shift_by_a_fit_period_as_the_issue_asks():
    result = timeline(CaseFacts(RELAPSE), date(2026, 3, 1))
    analysis = result.milestone("problem_analysis")
    assert how_computed(analysis, result, "en") == (
        "day 1 + 41 days (end of week 6), shifted 16 days by the fit period 14 Feb - 1 Mar"
    )
    assert how_computed(analysis, result, "nl") == (
        "dag 1 + 41 dagen (einde week 6), 16 dagen later door de hersteldagen 14 feb - 1 mrt"
    )


def test_it_names_fit_and_leave_separately_when_both_shift_a_date():
    facts = CaseFacts(
        (SicknessPeriod(date(2026, 1, 5), date(2026, 1, 20)), SicknessPeriod(date(2026, 6, 1))),
        leave=(Leave(date(2026, 1, 26), date(2026, 5, 20)),),
    )
    result = timeline(facts, date(2026, 6, 1))
    text = how_computed(result.milestone("problem_analysis"), result, "en")
    # 5 fit days (21-25 Jan), 115 leave days, 11 fit days (21-31 May): 131 days later.
    assert text.endswith(
        "shifted 131 days by the fit period 21 Jan - 25 Jan and the leave "
        "26 Jan - 20 May and the fit period 21 May - 31 May"
    )


def test_it_explains_event_anchored_and_counted_back_dates():
    facts = CaseFacts(
        RELAPSE,
        events=(
            Event("problem_analysis", date(2026, 2, 10)),
            Event("action_plan", date(2026, 2, 20)),
        ),
    )
    result = timeline(facts, date(2026, 3, 1))
    assert how_computed(result.milestone("action_plan"), result, "en") == (
        "problem analysis of 10 Feb 2026 + 14 days"
    )
    assert how_computed(result.milestone("progress_review"), result, "en") == (
        "latest of plan of action and progress review (20 Feb 2026) + 42 days"
    )
    assert how_computed(result.milestone("wia_application"), result, "nl") == (
        "laatste dag wachttijd (18 jan 2028) - 77 dagen"
    )


def test_it_says_why_a_milestone_does_not_apply():
    recovered = timeline(
        CaseFacts((SicknessPeriod(date(2026, 1, 5), date(2026, 2, 1)),)), date(2026, 3, 1)
    )
    assert how_computed(recovered.milestone("problem_analysis"), recovered, "en") == (
        "recovered after 1 Feb 2026: the term is never reached"
    )
    safety_net = timeline(CaseFacts(RELAPSE, safety_net="pregnancy"), date(2026, 3, 1))
    assert "safety-net report replaces" in how_computed(
        safety_net.milestone("uwv_42_week_report"), safety_net, "en"
    )
    left = timeline(CaseFacts(RELAPSE, employment_end=date(2026, 2, 28)), date(2026, 3, 1))
    assert how_computed(left.milestone("problem_analysis"), left, "en").endswith(
        "; employment ends 28 Feb 2026"
    )


@pytest.mark.parametrize(
    "lang, heading, status",
    [
        ("nl", "Probleemanalyse", "gedaan op 10 feb 2026"),
        ("en", "Problem analysis", "done on 10 Feb 2026"),
    ],
)
def test_it_prints_one_line_per_milestone_with_date_status_and_article(lang, heading, status):
    facts = CaseFacts(RELAPSE, events=(Event("problem_analysis", date(2026, 2, 10)),))
    text = explain(timeline(facts, date(2026, 3, 1)), lang)
    line = _line(text, heading)
    assert format_date(date(2026, 3, 3), lang) in line
    assert status in line
    assert line.rstrip().endswith("RPG art. 2 lid 2")


def test_it_tells_what_moved_the_last_day_of_wage_payment():
    facts = CaseFacts(
        (SicknessPeriod(date(2026, 1, 5)),),
        voluntary_extension_weeks=13,
        wage_sanction=WageSanction(10),
    )
    text = explain(timeline(facts, date(2026, 3, 1)), "en")
    line = _line(text, "Last day of wage payment")
    # 2 Jan 2028 + 91 days extension = 2 Apr 2028; + 70 days sanction = 11 Jun 2028.
    assert line.startswith(
        "Last day of wage payment: 11 Jun 2028 (voluntary extension 13 weeks; "
        "wage sanction up to 11 Jun 2028)"
    )


def test_a_gap_after_the_end_of_the_first_year_is_not_named_as_moving_the_second_track():
    facts = CaseFacts(
        (
            SicknessPeriod(date(2026, 1, 5), date(2026, 2, 13)),
            SicknessPeriod(date(2026, 3, 2), date(2027, 1, 25)),
            SicknessPeriod(date(2027, 2, 1)),
        )
    )
    result = timeline(facts, date(2027, 3, 1))
    # S = 364 on 2027-01-19 (D1 + 363 + 16); the gap of 26 Jan - 31 Jan lies after it.
    assert how_computed(result.milestone("track_two_start"), result, "en") == (
        "day 1 + 405 days (end of week 52 + 42 days), shifted 16 days by the fit period 14 Feb - 1 Mar"
    )


def test_a_missing_parameter_row_is_named_in_the_readers_language():
    missing = MissingRow("maximum_daily_wage", date(2026, 7, 1))
    assert missing == "maximum_daily_wage row for 2026-07-01"  # what the JSON outputs print
    assert missing_text(missing, "nl") == "het maximumdagloon per 1 jul 2026"
    assert missing_text(missing, "en") == "the maximum daily wage from 1 Jul 2026"
