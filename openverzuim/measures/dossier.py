"""What the case's measures page shows: each wage measure judged by law/sanctions.py, with the wage it
withholds; the dismissal preconditions from the dossier's records; the stalls."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from openverzuim import law
from openverzuim.cases.engine import (
    CaseRun,
    employment_terms,
    resumption_facts,
    wage_measure_facts,
)
from openverzuim.cases.models import Case, WageMeasure
from openverzuim.law import sanctions

from .labels import check_text
from .paths import EMPLOYER


@dataclass(frozen=True)
class Line:
    severity: str
    text: str
    basis: str


def _line(check) -> Line:
    return Line(check.severity, check_text(check.code, check.working_days), check.basis.short())


def _facts(measure: WageMeasure) -> sanctions.Measure:
    return sanctions.Measure(
        measure.kind,
        measure.ground,
        measure.cause_known_on,
        measure.employee_told_on,
        measure.start,
        measure.end,
        measure.written_warning_on,
        measure.rules_in_writing,
        measure.complied_on,
    )


def withheld(
    result: law.Timeline,
    base: law.PaySchedule,
    measure: WageMeasure,
    resumptions: tuple[law.Resumption, ...],
    today: date,
) -> Decimal:
    """The wage the measure holds back up to its end (or up to today), from the pay schedule: `base`
    is the case's schedule on its timeline without any measure, worked out once for all of them."""
    held = wage_measure_facts(measure)
    if held.end is None:  # still running: what it has held back so far
        held = replace(held, end=today)
    with_it = law.pay_schedule(result, base.terms, resumptions, (held,))
    # What was held back, whether or not a suspension is paid back later (BW 7:629 lid 6): the back
    # pay a kept suspension brings is added to the total, so it is added back here.
    return base.total - with_it.total + sum((m.back_pay for m in with_it.months), Decimal("0.00"))


def measure_rows(run: CaseRun) -> list[dict]:
    """Every measure of the run's case, judged on the run's day, with the wage it holds back: the
    run's one timeline, one schedule without the measures and one per measure."""
    case, today, result = run.case, run.as_of, run.timeline
    resumptions = resumption_facts(case)
    base = None
    if result is not None and case.employment is not None:
        base = law.pay_schedule(result, employment_terms(case.employment), resumptions)
    rows = []
    for measure in case.wage_measures.all():
        facts = _facts(measure)
        back = sanctions.back_pay(facts)
        rows.append(
            {
                "measure": measure,
                "lines": [_line(c) for c in sanctions.measure_checks(facts, today)],
                "back_pay": Line(
                    "ok" if back.due else "warning", check_text(back.code), back.basis.short()
                ),
                "withheld": None
                if result is None or base is None
                else withheld(result, base, measure, resumptions, today),
            }
        )
    return rows


def dismissal_lines(case: Case, today: date) -> tuple[bool, list[Line]]:
    """BW 7:671b lid 5 judged on what the dossier records (decision D18)."""
    warned = case.escalation_steps.filter(path=EMPLOYER, step="written_warning").exists()
    stopped = any(
        m.kind == WageMeasure.Kind.STOP
        and sanctions.measure_checks(_facts(m), today)[0].code == "told_promptly"
        for m in case.wage_measures.all()
    )
    expert = case.expert_opinions.filter(
        question="employee_duties", opinion_on__isnull=False
    ).exists()
    facts = sanctions.DismissalFacts(warned, stopped, expert)
    return sanctions.dismissal_possible(facts), [
        _line(c) for c in sanctions.dismissal_checks(facts)
    ]
