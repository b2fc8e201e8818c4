"""The adapter between the dossier and the rules engine: models in, `law.timeline()` out.

The only place the dossier turns into facts; pages, worklists and reminders show what the engine
derives and never compute a deadline themselves. A page that shows several things about one case
builds one `CaseRun` and hands it on, so that the engine runs once per case per request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from openverzuim import law
from openverzuim.law.facts import EVENT_TYPES, SAFETY_NET_UNDISCLOSED
from openverzuim.law.pay import covered_from

from .models import Case, WageMeasure


def facts_from(
    periods: Iterable[tuple[date, date | None]],
    events: Iterable[tuple[str, date]],
    *,
    safety_net: bool,
    employment_end: date | None,
    voluntary_extension_weeks: int,
    wage_sanction_weeks: int | None,
    wage_sanction_repair_confirmed_on: date | None,
    leave: Iterable[tuple[str, date, date]] = (),
) -> law.CaseFacts:
    """The engine's facts from a case's values: its (start, end) periods, its active (kind,
    date) events and its (kind, start, end) leave. Shared by `case_facts` and the duty table's bulk
    recompute, which reads rows."""
    sanction = None
    if wage_sanction_weeks:
        sanction = law.WageSanction(wage_sanction_weeks, wage_sanction_repair_confirmed_on)
    return law.CaseFacts(
        sickness=tuple(
            law.SicknessPeriod(start, end) for start, end in sorted(periods, key=lambda p: p[0])
        ),
        leave=tuple(
            law.Leave(start, end, kind)
            for kind, start, end in sorted(leave, key=lambda item: item[1])
        ),
        safety_net=SAFETY_NET_UNDISCLOSED if safety_net else None,
        employment_end=employment_end,
        events=tuple(law.Event(kind, day) for kind, day in events if kind in EVENT_TYPES),
        voluntary_extension_weeks=voluntary_extension_weeks,
        wage_sanction=sanction,
    )


def case_facts(case: Case) -> law.CaseFacts:
    """Facts of the case; works on prefetched `periods`, `events` and `leave_periods` without extra
    queries."""
    return facts_from(
        ((p.start, p.end) for p in case.periods.all()),
        ((e.kind, e.date) for e in case.events.all() if e.withdrawn_at is None),
        safety_net=case.safety_net,
        employment_end=case.employment.end if case.employment else None,
        voluntary_extension_weeks=case.voluntary_extension_weeks,
        wage_sanction_weeks=case.wage_sanction_weeks,
        wage_sanction_repair_confirmed_on=case.wage_sanction_repair_confirmed_on,
        leave=((item.kind, item.start, item.end) for item in case.leave_periods.all()),
    )


def timeline_of(facts: law.CaseFacts, as_of: date) -> law.Timeline:
    """The one call of the rules engine on a case's own facts: the case page's and the duty
    table's (cases.duties, which builds the facts from rows with `facts_from`)."""
    return law.timeline(facts, as_of)


def case_timeline(case: Case, as_of: date) -> law.Timeline | None:
    """The case's timeline, or None for a case without a sickness period yet."""
    if not case.periods.all():
        return None
    return timeline_of(case_facts(case), as_of)


def employment_terms(employment) -> law.EmploymentTerms:
    return law.EmploymentTerms(
        wage=employment.wage,
        wage_period=employment.wage_period,
        contract_hours=employment.contract_hours,
        fulltime_hours=employment.fulltime_hours,
        date_of_birth=employment.employee.date_of_birth,
        sick_pay_percent=(employment.sick_pay_year1_percent, employment.sick_pay_year2_percent),
        waiting_days=employment.waiting_days,
    )


def resumption_facts(case: Case) -> tuple[law.Resumption, ...]:
    return tuple(law.Resumption(r.start, r.hours_per_week, r.kind) for r in case.resumptions.all())


def wage_measure_facts(measure: WageMeasure) -> law.WageMeasure:
    """A recorded wage stop or suspension as the engine reads it.

    A suspension holds the wage back up to the day before the employee kept the rules again (or its
    recorded end, if earlier); the held-back wage is owed from that day (BW 7:629 lid 6) and not
    before, so a suspension that ended without it stays owed (as `law.sanctions.back_pay` says)."""
    end = measure.end
    back_pay_on = None
    if measure.kind == WageMeasure.Kind.SUSPENSION and measure.complied_on is not None:
        back_pay_on = measure.complied_on
        kept = measure.complied_on - timedelta(days=1)
        end = kept if end is None else min(end, kept)
    return law.WageMeasure(measure.kind, measure.start, end, measure.ground, back_pay_on)


def _measures(case: Case) -> tuple[law.WageMeasure, ...]:
    return tuple(wage_measure_facts(m) for m in case.wage_measures.all())


def case_pay_schedule(case: Case, result: law.Timeline | None) -> law.PaySchedule | None:
    """What the employer owes for this case per month (BW 7:629), with its wage stops and
    suspensions; None without wage data or for an episode before the first parameter rows (there are
    no amounts to pay it with). Works on prefetched `resumptions` and `wage_measures`."""
    if result is None or case.employment is None or result.first_sick_day < covered_from():
        return None
    return law.pay_schedule(
        result, employment_terms(case.employment), resumption_facts(case), _measures(case)
    )


def sanction_exposure(
    case: Case, result: law.Timeline, schedule: law.PaySchedule
) -> Decimal | None:
    """What a wage sanction of the full 52 weeks (WIA art. 25 lid 9) would add to this case's wages:
    the pay schedule run again with the sanction, against the schedule without it. The one price of
    the exposure: the case page's pay block and the gatekeeper assessment's line both show it. None
    once a sanction is recorded (it is then a fact, not an exposure)."""
    if case.wage_sanction_weeks:
        return None
    sanctioned = law.with_wage_sanction(result, law.WageSanction(law.MAX_WAGE_SANCTION_WEEKS))
    sanctioned_schedule = law.pay_schedule(
        sanctioned, schedule.terms, resumption_facts(case), _measures(case)
    )
    return sanctioned_schedule.total - schedule.total


@dataclass(frozen=True)
class CaseCost:
    """The cost of a case to the employer: wages paid without work to the last day of payment (week
    104 unless extended), plus the known re-integration costs; and what a wage sanction would add."""

    schedule: law.PaySchedule
    paid_to_date: Decimal
    wages_without_work: Decimal
    reintegration: Decimal
    exposure: Decimal | None

    @property
    def projected_total(self) -> Decimal:
        return self.wages_without_work + self.reintegration


def case_cost(run: CaseRun) -> CaseCost | None:
    """The case's cost from its run: the schedule and the exposure the run has worked out once."""
    schedule = run.schedule
    if schedule is None:
        return None
    reintegration = sum(
        (cost.amount for cost in run.case.reintegration_costs.all()), Decimal("0.00")
    )
    return CaseCost(
        schedule,
        schedule.paid_until(run.as_of),
        schedule.cost_of_absence,
        reintegration,
        run.exposure,
    )


T = TypeVar("T")


class CaseRun:
    """One case's engine results on one day, each computed once, on first use, and handed on: the
    pages and the risk findings take a run rather than a case, so that none runs the engine again.
    Reads the case's prefetched relations like the functions above."""

    def __init__(self, case: Case, as_of: date):
        self.case, self.as_of = case, as_of
        self._derived: dict[Callable[..., Any], Any] = {}

    @cached_property
    def facts(self) -> law.CaseFacts:
        return case_facts(self.case)

    @cached_property
    def timeline(self) -> law.Timeline | None:
        """None for a case without a sickness period yet."""
        if not self.case.periods.all():
            return None
        return timeline_of(self.facts, self.as_of)

    @cached_property
    def schedule(self) -> law.PaySchedule | None:
        return case_pay_schedule(self.case, self.timeline)

    @cached_property
    def exposure(self) -> Decimal | None:
        if self.timeline is None or self.schedule is None:
            return None
        return sanction_exposure(self.case, self.timeline, self.schedule)

    def derived(self, compute: Callable[[CaseRun], T]) -> T:
        """What an app above cases derives from this run (the gatekeeper assessment), computed once."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]
