"""Recovery, partial work, events (record, correct, withdraw) and closing a case."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openverzuim.cases import services
from openverzuim.cases.engine import case_timeline
from openverzuim.cases.models import Event


def _milestone(case, milestone_id, today):
    return case_timeline(case, today).milestone(milestone_id)


def test_recovery_ends_the_period_the_day_before_the_first_fit_day(eva_sick, anna, today):
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 2, 1), by=anna, today=today
    )
    assert eva_sick.periods.get().end == date(2026, 1, 31)
    # Recovered in week 4: the problem analysis (due 15 Feb) never arises.
    assert _milestone(eva_sick, "problem_analysis", today).status == "not_applicable"


@pytest.mark.parametrize(
    "recovered_on, message",
    [
        (date(2026, 1, 5), "must be after the first sick day"),
        (date(2026, 11, 30), "at most 7 days ahead"),
    ],
)
def test_recovery_refuses_impossible_dates(eva_sick, anna, today, recovered_on, message):
    with pytest.raises(ValidationError, match=message):
        services.recovery_report_create(
            case=eva_sick, recovered_on=recovered_on, by=anna, today=today
        )
    assert eva_sick.periods.get().end is None


def test_partial_work_keeps_the_period_open(eva_sick, anna, today):
    services.work_resumption_create(
        case=eva_sick,
        start=date(2026, 3, 1),
        hours_per_week=Decimal("16"),
        kind="own_work",
        by=anna,
        today=today,
    )
    assert eva_sick.periods.get().end is None and eva_sick.resumptions.count() == 1


def test_all_contract_hours_in_own_work_is_recovery_not_partial_work(eva_sick, anna, today):
    with pytest.raises(ValidationError) as error:
        services.work_resumption_create(
            case=eva_sick,
            start=date(2026, 3, 1),
            hours_per_week=Decimal("32"),
            kind="own_work",
            by=anna,
            today=today,
        )
    assert "report recovery" in error.value.message_dict["hours_per_week"][0]


def test_an_event_turns_its_milestone_done_and_moves_the_next_duty(eva_sick, anna, today):
    assert _milestone(eva_sick, "problem_analysis", today).status == "overdue"
    services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )
    analysis = _milestone(eva_sick, "problem_analysis", today)
    assert (analysis.status, analysis.done_on) == ("done", date(2026, 2, 10))
    # The plan of action is now due 14 days after the analysis (RPG art. 4 lid 1).
    assert _milestone(eva_sick, "action_plan", today).due == date(2026, 2, 24)


@pytest.mark.parametrize(
    "day, message",
    [(date(2026, 1, 4), "before the first sick day"), (date(2026, 11, 23), "in the future")],
)
def test_an_event_date_must_lie_in_the_case(eva_sick, anna, today, day, message):
    with pytest.raises(ValidationError, match=message):
        services.event_record(
            case=eva_sick, kind="problem_analysis", date=day, by=anna, today=today
        )
    assert not Event.objects.exists()


def test_a_correction_keeps_the_original_in_the_history(eva_sick, anna, today):
    wrong = services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 3, 10), by=anna, today=today
    )
    right = services.event_correct(
        event=wrong, date=date(2026, 2, 10), note="", by=anna, today=today
    )
    wrong.refresh_from_db()
    assert wrong.withdrawn_at is not None and wrong.withdrawal_reason == "Corrected"
    assert right.replaces == wrong and Event.objects.count() == 2
    assert _milestone(eva_sick, "problem_analysis", today).done_on == date(2026, 2, 10)
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.event_correct(event=wrong, date=date(2026, 2, 11), note="", by=anna, today=today)


def test_a_withdrawal_needs_a_reason_and_stops_the_event_counting(eva_sick, anna, today):
    event = services.event_record(
        case=eva_sick, kind="problem_analysis", date=date(2026, 2, 10), by=anna, today=today
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.event_withdraw(event=event, reason="  ", by=anna, today=today)
    services.event_withdraw(event=event, reason="wrong employee", by=anna, today=today)
    assert Event.objects.get().withdrawn_by == anna
    assert _milestone(eva_sick, "problem_analysis", today).status == "overdue"


def test_a_case_closes_only_after_recovery(eva_sick, anna, today):
    with pytest.raises(ValidationError, match="still reported sick"):
        services.case_close(case=eva_sick, closed_on=today, by=anna, today=today)
    services.recovery_report_create(
        case=eva_sick, recovered_on=date(2026, 11, 1), by=anna, today=today
    )
    with pytest.raises(ValidationError, match="after the last sick day"):
        services.case_close(case=eva_sick, closed_on=date(2026, 10, 31), by=anna, today=today)
    services.case_close(case=eva_sick, closed_on=today, by=anna, today=today)
    eva_sick.refresh_from_db()
    assert eva_sick.closed_on == today and eva_sick.next_due_on is None
