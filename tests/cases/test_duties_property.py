"""A property: after any sequence of services the duty table says what a fresh engine run says, and
the stored monthly costs what a fresh pay schedule says."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openverzuim.cases import services
from openverzuim.cases.costs import costs_check, totals_check
from openverzuim.cases.duties import duties_check
from openverzuim.cases.models import Case, Duty, Event
from openverzuim.law.facts import EVENT_TYPES
from openverzuim.measures.services import wage_measure_create

START = date(2026, 1, 5)
TODAY = date(2026, 11, 22)

step = st.one_of(
    st.tuples(st.just("sick"), st.integers(0, 320)),
    st.tuples(st.just("event"), st.sampled_from(sorted(EVENT_TYPES)), st.integers(0, 320)),
    st.tuples(st.just("withdraw"), st.integers(0, 5)),
    st.tuples(st.just("recover"), st.integers(1, 320)),
    st.tuples(st.just("close"), st.integers(1, 40)),
    st.tuples(st.just("part_time"), st.integers(0, 320), st.integers(1, 31)),
    st.tuples(st.just("wage_stop"), st.integers(0, 320), st.integers(0, 30)),
)


def _apply(action: tuple, employee, by) -> None:
    case = Case.objects.filter(employee=employee).order_by("-pk").first()
    kind = action[0]
    if kind == "sick":
        services.sick_report_create(
            employee=employee, first_sick_day=START + timedelta(action[1]), by=by, today=TODAY
        )
    elif case is None:
        return
    elif kind == "event":
        services.event_record(
            case=case, kind=action[1], date=START + timedelta(action[2]), by=by, today=TODAY
        )
    elif kind == "withdraw":
        events = list(Event.objects.filter(case=case, withdrawn_at=None).order_by("pk"))
        if events:
            services.event_withdraw(
                event=events[action[1] % len(events)], reason="mistake", by=by, today=TODAY
            )
    elif kind == "recover":
        services.recovery_report_create(
            case=case, recovered_on=START + timedelta(action[1]), by=by, today=TODAY
        )
    elif kind == "part_time":
        services.work_resumption_create(
            case=case,
            start=START + timedelta(action[1]),
            hours_per_week=Decimal(action[2]),
            kind="own_work",
            by=by,
            today=TODAY,
        )
    elif kind == "wage_stop":
        start = START + timedelta(action[1])
        wage_measure_create(
            case=case,
            by=by,
            today=TODAY,
            kind="stop",
            ground="lid3_e",
            cause_known_on=min(start, TODAY),
            employee_told_on=min(start, TODAY),
            start=start,
            end=start + timedelta(action[2]),
        )
    else:
        last = case.periods.order_by("-start").first()
        if last is not None and last.end is not None:
            services.case_close(
                case=case, closed_on=last.end + timedelta(action[1]), by=by, today=TODAY
            )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=st.lists(step, min_size=1, max_size=8))
def test_the_table_agrees_with_the_engine_after_any_sequence_of_services(eva, anna, actions):
    with transaction.atomic():
        for action in actions:
            with suppress(ValidationError):  # refused input changes nothing: still agreeing
                _apply(action, eva, anna)
            _, found = duties_check(TODAY)
            assert found == []
            _, costs_found = costs_check(TODAY)
            assert costs_found == [] and totals_check() == []
        for case in Case.objects.filter(employee=eva, closed_on__isnull=False):
            assert not Duty.objects.filter(case=case).exists()
        transaction.set_rollback(True)
