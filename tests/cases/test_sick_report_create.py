"""services.sick_report_create: a new case, or a relapse joining the earlier one (BW 7:629 lid 10)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from openverzuim.cases import services
from openverzuim.cases.models import Case


def _report(employee, user, today, day, **report):
    return services.sick_report_create(
        employee=employee, first_sick_day=day, by=user, today=today, **report
    )


def _recover(case, user, today, recovered_on):
    services.recovery_report_create(case=case, recovered_on=recovered_on, by=user, today=today)


def test_it_opens_a_case_with_the_first_period_and_the_next_duty(eva, anna, today):
    result = _report(eva, anna, today, date(2026, 11, 20), contact_phone="0612345678")
    case = result.case
    assert not result.joined and result.fit_days is None
    assert case.organisation == eva.organisation and case.contact_phone == "0612345678"
    assert [(p.start, p.end) for p in case.periods.all()] == [(date(2026, 11, 20), None)]
    # Day 1 + 6: the occupational health service must be told by 26 November (D4).
    assert (case.next_due_on, case.next_due_milestone) == (
        date(2026, 11, 26),
        "occupational_health_notified",
    )


@pytest.mark.parametrize("fit_days, joined", [(26, True), (27, True), (28, False), (29, False)])
def test_a_relapse_joins_the_case_only_within_28_fit_days(eva, anna, today, fit_days, joined):
    first = _report(eva, anna, today, date(2026, 6, 1)).case
    _recover(first, anna, today, date(2026, 6, 30))  # last sick day 29 June
    again = date(2026, 6, 30) + timedelta(days=fit_days)
    result = _report(eva, anna, today, again)
    assert result.joined is joined and result.fit_days == fit_days
    assert (result.case == first) is joined
    assert Case.objects.filter(employee=eva).count() == (1 if joined else 2)
    assert "BW 7:629 lid 10" in result.message


def test_leave_between_the_periods_is_not_counted_as_fit_days(eva, anna, today, monkeypatch):
    """The service decides as `law.joins_episode` does: 40 days between the periods, 20 of them
    pregnancy leave, leave 20 fit days, so the relapse joins (the old count ignored leave)."""
    from dataclasses import replace

    from openverzuim import law
    from openverzuim.cases import engine

    first = _report(eva, anna, today, date(2026, 6, 1)).case
    _recover(first, anna, today, date(2026, 7, 1))  # last sick day 30 June
    leave = (law.Leave(date(2026, 7, 5), date(2026, 7, 24)),)
    monkeypatch.setattr(
        services, "case_facts", lambda case: replace(engine.case_facts(case), leave=leave)
    )
    result = _report(eva, anna, today, date(2026, 8, 10))  # 40 days after 30 June
    assert result.joined and result.fit_days == 20 and result.case == first
    assert law.joins_episode(date(2026, 6, 30), date(2026, 8, 10), leave)
    assert not law.joins_episode(date(2026, 6, 30), date(2026, 8, 10))


def test_a_new_episode_closes_the_earlier_case_on_its_recovery(eva, anna, today):
    """One open case per employee: 28+ fit days after the recovery the earlier episode is over."""
    first = _report(eva, anna, today, date(2026, 6, 1)).case
    _recover(first, anna, today, date(2026, 7, 1))
    result = _report(eva, anna, today, date(2026, 11, 20))
    first.refresh_from_db()
    assert first.closed_on == date(2026, 7, 1) and first.next_due_on is None
    assert result.case.closed_on is None
    assert result.message.endswith(
        f"The earlier case {first.pk} is closed as of the recovery on 1 July 2026."
    )


def test_the_database_keeps_one_open_case_and_the_report_says_which(eva, anna, today):
    """A writer that bypassed the lock (here: cases made straight in the tables) meets the constraint
    one_open_case_per_employee; the report then names the open case instead of failing."""
    from django.db import IntegrityError, transaction

    from openverzuim.cases.models import SicknessPeriod

    stray = Case.objects.create(organisation=eva.organisation, employee=eva)
    SicknessPeriod.objects.create(case=stray, start=date(2026, 1, 5), end=date(2026, 1, 9))
    later = Case.objects.create(
        organisation=eva.organisation, employee=eva, closed_on=date(2026, 4, 1)
    )
    SicknessPeriod.objects.create(case=later, start=date(2026, 3, 2), end=date(2026, 3, 6))
    with pytest.raises(ValidationError) as error:
        _report(eva, anna, today, date(2026, 11, 20))
    assert error.value.message_dict["first_sick_day"] == [
        f"Eva de Vries is already reported sick since 5 January 2026; case {stray.pk} is open."
    ]
    assert Case.objects.filter(employee=eva).count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(organisation=eva.organisation, employee=eva)


def test_a_relapse_reopens_a_closed_case_and_says_why(eva, anna, today):
    case = _report(eva, anna, today, date(2026, 6, 1)).case
    _recover(case, anna, today, date(2026, 6, 30))
    services.case_close(case=case, closed_on=date(2026, 7, 1), by=anna, today=today)
    result = _report(eva, anna, today, date(2026, 7, 10))
    case.refresh_from_db()
    assert result.joined and case.closed_on is None
    assert "10 fit days" in result.message and "1 June 2026" in result.message


@pytest.mark.parametrize(
    "day, message",
    [
        (date(2026, 11, 23), "cannot be in the future"),
        (date(2019, 12, 31), "before the start of the employment"),
    ],
)
def test_it_refuses_an_impossible_first_sick_day(eva, anna, today, day, message):
    with pytest.raises(ValidationError) as error:
        _report(eva, anna, today, day)
    assert message in error.value.message_dict["first_sick_day"][0]
    assert not Case.objects.exists()


def test_it_refuses_a_report_while_already_sick_or_overlapping(eva, anna, today):
    case = _report(eva, anna, today, date(2026, 6, 1)).case
    with pytest.raises(ValidationError) as error:
        _report(eva, anna, today, date(2026, 7, 1))
    assert error.value.message_dict["first_sick_day"] == [
        f"Eva de Vries is already reported sick since 1 June 2026; case {case.pk} is open."
    ]
    _recover(case, anna, today, date(2026, 6, 30))
    with pytest.raises(ValidationError, match="overlaps the earlier sickness period"):
        _report(eva, anna, today, date(2026, 6, 15))
    assert case.periods.count() == 1


def test_it_refuses_a_report_after_the_employment_ended(eva, anna, today):
    employment = eva.employments.get()
    employment.end = date(2026, 3, 31)
    employment.save()
    with pytest.raises(ValidationError, match="employment ended on 31 March 2026"):
        _report(eva, anna, today, date(2026, 4, 1))


def test_nothing_is_half_saved_when_the_report_fields_are_invalid(eva, anna, today):
    with pytest.raises(ValidationError) as error:
        _report(eva, anna, today, date(2026, 11, 20), expected_duration="forever")
    assert "expected_duration" in error.value.message_dict
    assert not Case.objects.exists()
