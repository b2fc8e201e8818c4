"""The adapter between the dossier and the rules engine: models in, `law.timeline()` out.

The only place the dossier turns into facts; pages, worklists and reminders show what the engine
derives and never compute a deadline themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from openverzuim import law
from openverzuim.law.facts import EVENT_TYPES, SAFETY_NET_UNDISCLOSED
from openverzuim.law.pay import covered_from
from openverzuim.law.timeline import OPEN, OVERDUE

from .models import Case, WageMeasure


def case_facts(case: Case) -> law.CaseFacts:
    """Facts of the case; works on prefetched `periods` and `events` without extra queries."""
    periods = sorted(case.periods.all(), key=lambda p: p.start)
    events = tuple(
        law.Event(e.kind, e.date) for e in case.events.all()
        if e.withdrawn_at is None and e.kind in EVENT_TYPES)
    sanction = None
    if case.wage_sanction_weeks:
        sanction = law.WageSanction(case.wage_sanction_weeks,
                                    case.wage_sanction_repair_confirmed_on)
    return law.CaseFacts(
        sickness=tuple(law.SicknessPeriod(p.start, p.end) for p in periods),
        safety_net=SAFETY_NET_UNDISCLOSED if case.safety_net else None,
        employment_end=case.employment.end if case.employment_id else None,
        events=events,
        voluntary_extension_weeks=case.voluntary_extension_weeks,
        wage_sanction=sanction,
    )


def case_timeline(case: Case, as_of: date) -> law.Timeline | None:
    """The case's timeline, or None for a case without a sickness period yet."""
    if not case.periods.all():
        return None
    return law.timeline(case_facts(case), as_of)


def next_duty(result: law.Timeline | None) -> law.Milestone | None:
    """The first open or overdue milestone by due date: what the worklist sorts on."""
    if result is None:
        return None
    pending = [m for m in result.milestones if m.status in (OPEN, OVERDUE) and m.due]
    return min(pending, key=lambda m: m.due, default=None)


def case_refresh_next_due(case: Case, as_of: date) -> None:
    """Store the next duty's date on the case, for sorting and filtering in the database."""
    duty = next_duty(case_timeline(case, as_of)) if case.closed_on is None else None
    case.next_due_on = duty.due if duty else None
    case.next_due_milestone = duty.id if duty else ""
    case.save(update_fields=["next_due_on", "next_due_milestone"])


def employment_terms(employment) -> law.EmploymentTerms:
    return law.EmploymentTerms(
        wage=employment.wage, wage_period=employment.wage_period,
        contract_hours=employment.contract_hours, fulltime_hours=employment.fulltime_hours,
        date_of_birth=employment.employee.date_of_birth,
        sick_pay_percent=(employment.sick_pay_year1_percent, employment.sick_pay_year2_percent),
        waiting_days=employment.waiting_days)


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
    return law.pay_schedule(result, employment_terms(case.employment), resumption_facts(case),
                            _measures(case))


def _sanction_exposure(case: Case, result: law.Timeline, schedule: law.PaySchedule,
                       as_of: date) -> Decimal | None:
    """What a wage sanction of the full 52 weeks (WIA art. 25 lid 9) would add to this case's wages."""
    if case.wage_sanction_weeks:
        return None
    facts = replace(result.facts, wage_sanction=law.WageSanction(law.MAX_WAGE_SANCTION_WEEKS))
    sanctioned = law.pay_schedule(law.timeline(facts, as_of), schedule.terms,
                                  resumption_facts(case), _measures(case))
    return sanctioned.total - schedule.total


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


def case_cost(case: Case, as_of: date, result: law.Timeline | None = None) -> CaseCost | None:
    """`result`: the case's timeline on `as_of`, when the caller has it already."""
    result = result or case_timeline(case, as_of)
    schedule = case_pay_schedule(case, result)
    if schedule is None:
        return None
    reintegration = sum((cost.amount for cost in case.reintegration_costs.all()), Decimal("0.00"))
    return CaseCost(schedule, schedule.paid_until(as_of), schedule.cost_of_absence, reintegration,
                    _sanction_exposure(case, result, schedule, as_of))
