"""The adapter from the dossier to the gatekeeper assessment (law/assessment.py, docs/assessment.md).

The timeline facts come from the case's `CaseRun` (cases.engine), built once per case and request
and handed in; the `DossierFacts` from what the dossier records: signed documents, work
resumptions, the employment, and this app's own records. The physician's advice comes from the
releases (medical.disclosures: dates only, never content). What the dossier does not record stays
empty, which the assessment reads as "not judged". The exposure's amount is the run's
(`cases.engine.sanction_exposure`, the one price the case page's pay block shows too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from openverzuim.cases.engine import CaseRun
from openverzuim.cases.models import Case
from openverzuim.core.i18n import engine_language
from openverzuim.documents.report import ITEMS
from openverzuim.law import assessment
from openverzuim.law import assessment_facts as facts
from openverzuim.law.assessment_text import STALL_REASONS
from openverzuim.medical import disclosures

from .paths import STALLED
from .stagnation import Stall

#: Documents that only exist once someone starts the re-integration report (RPG art. 6 lid 1).
REPORT_STARTED_BY = ("report_employer_part", "employee_opinion")


def _signed(case: Case) -> dict[str, list]:
    """The last signed version of every document, by type, oldest document first."""
    signed: dict[str, list] = {}
    for document in case.documents.all():
        version = document.last_signed()
        if version is not None:
            signed.setdefault(document.type_code, []).append(version)
    return signed


def _action_plan(versions: list) -> facts.ActionPlanContents | None:
    if not versions:
        return None
    content = versions[-1].content  # the plan as last adjusted and signed
    rows = [
        *(content.get("employer_activities") or ()),
        *(content.get("employee_activities") or ()),
    ]
    return facts.ActionPlanContents(
        activities=bool(rows),
        terms=bool(rows) and all(row.get("term") for row in rows),
        case_manager=bool((content.get("case_manager") or "").strip()),
    )


def _day(value, default: date) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return default


def _reviews(versions: list) -> tuple[facts.Review, ...]:
    reviews = []
    for version in versions:
        hours = version.content.get("hours_worked")
        reviews.append(
            facts.Review(
                _day(version.content.get("review_date"), version.signed_on),
                Decimal(str(hours)) if hours not in (None, "") else None,
            )
        )
    return tuple(reviews)


def _track_two(versions: list) -> facts.TrackTwoDecision | None:
    """Only "own company" postpones the second track (decision D8); its reason is the document's."""
    if not versions or versions[-1].content.get("second_track_decision") != "own_company":
        return None
    return facts.TrackTwoDecision(
        versions[-1].signed_on, (versions[-1].content.get("decision_reason") or "").strip()[:500]
    )


def _report_missing(signed: dict[str, list]) -> tuple[str, ...] | None:
    """Letters of RPG art. 6 lid 1 without a signed document, once the report has been started;
    before that the report is a duty of the timeline (its due date), not a matter of completeness.
    Items a and e come from the case itself (documents/report.py) and are not judged here."""
    if not any(code in signed for code in REPORT_STARTED_BY):
        return None
    return tuple(
        letter
        for letter, _part, _title, types in ITEMS
        if any(code not in signed for code in types)
    )


def _disagreements(case: Case) -> tuple[facts.Disagreement, ...]:
    """Every signature "seen, not agreed" on the case's documents (prefetched with them)."""
    return tuple(
        facts.Disagreement(signature.signed_on, signature.party, document.spec.title)
        for document in case.documents.all()
        for version in document.versions.all()
        for signature in version.signatures.all()
        if not signature.agreed
    )


def _resumptions(case: Case) -> tuple[facts.WorkResumption, ...]:
    """A resumption runs until the next one starts: the dossier records no end of its own."""
    rows = sorted(case.resumptions.all(), key=lambda r: r.start)
    ends = [later.start - timedelta(days=1) for later in rows[1:]] + [None]
    return tuple(
        facts.WorkResumption(r.kind, r.start, r.hours_per_week, end)
        for r, end in zip(rows, ends, strict=False)
    )


def _agreements(case: Case) -> tuple[facts.Agreement, ...]:
    """Checks planned on the stalled-case path; the next step on that path is when it was done.
    Work-order tasks carry a "done" box but no date, so they are left out."""
    steps = sorted(
        (s for s in case.escalation_steps.all() if s.path == STALLED),
        key=lambda s: (s.taken_on, s.recorded_at),
    )
    return tuple(
        facts.Agreement(s.follow_up_on, steps[i + 1].taken_on if i + 1 < len(steps) else None)
        for i, s in enumerate(steps)
        if s.follow_up_on
    )


def _non_cooperation(case: Case) -> tuple[facts.NonCooperation, ...]:
    """Only non-cooperation the employer answered with a wage measure is recorded (its cause date
    and the day the employee was told); unanswered non-cooperation has no record to read."""
    return tuple(
        facts.NonCooperation(
            m.cause_known_on, m.employee_told_on, "measure" if m.employee_told_on else None
        )
        for m in case.wage_measures.all()
    )


#: What acting on the physician's advice looks like in the dossier: the plan of action agreed or
#: adjusted, or a progress review held, on or after the day of the advice (RPG art. 4 lid 5).
ACTED_ON_BY = ("action_plan", "progress_review")


def _advice(case: Case) -> tuple[facts.Advice, ...]:
    """Each piece of advice the physician released (a correction amends the advice it corrects and
    is not new advice), with the first day the employer acted on it."""
    acts = sorted(
        {e.date for e in case.events.all() if e.withdrawn_at is None and e.kind in ACTED_ON_BY}
        | {
            v.signed_on
            for d in case.documents.all()
            if d.type_code in ACTED_ON_BY
            for v in d.versions.all()
            if v.signed_on
        }
    )
    return tuple(
        facts.Advice(a.released_on, next((day for day in acts if day >= a.released_on), None))
        for a in sorted(disclosures.new_advice(case), key=lambda a: a.released_on)
    )


def dossier_for(run: CaseRun) -> facts.Dossier:
    case = run.case
    signed = _signed(case)
    employment = case.employment
    return facts.Dossier(
        run.facts,
        facts.DossierFacts(
            action_plan=_action_plan(signed.get("action_plan", [])),
            reviews=_reviews(signed.get("progress_review", [])),
            advice=_advice(case),
            resumptions=_resumptions(case),
            expert_opinions=tuple(
                facts.ExpertOpinionRequest(r.requested_on, r.requester)
                for r in case.expert_opinions.all()
            ),
            non_cooperation=_non_cooperation(case),
            track_two_decision=_track_two(signed.get("first_year_evaluation", [])),
            agreements=_agreements(case),
            reintegration_report_missing=_report_missing(signed),
            contract_hours=employment.contract_hours if employment else None,
            disagreements=_disagreements(case),
        ),
    )


def _assess(run: CaseRun) -> assessment.Assessment | None:
    if not run.case.periods.all():
        return None
    return assessment.assess(dossier_for(run), run.as_of, run.timeline)


def assess_case(run: CaseRun) -> assessment.Assessment | None:
    """The assessment on the run's day, or None for a case without a sickness period yet; once per
    run, however many parts of a page ask (the findings, the stalls)."""
    return run.derived(_assess)


def exposure_line(run: CaseRun, result: assessment.Assessment) -> str:
    """The exposure in the active language, priced like the case page's (`CaseRun.exposure`)."""
    return replace(result.exposure, amount=run.exposure).line(engine_language())


@dataclass(frozen=True)
class Row:
    """One finding as the page shows it, in the active language."""

    severity: str
    reason: str
    action: str
    basis: str
    on: date | None


def finding_rows(result: assessment.Assessment) -> list[Row]:
    lang = engine_language()
    return [
        Row(f.severity, f.reason(lang), f.action(lang), f.basis.short(), f.on)
        for f in result.findings
    ]


def worst(result: assessment.Assessment | None) -> str | None:
    return result.findings[0].severity if result and result.findings else None


def assessment_stalls(run: CaseRun) -> list[Stall]:
    """The assessment's stall (seed 003): hours not going up, advice not followed. Overdue agreements
    are this app's own detector already (stagnation.follow_ups_overdue), so they are not repeated.
    The stall comes with the run's one assessment, which the findings show too."""
    result = assess_case(run)
    stall = result.stall if result else None
    reasons = [r for r in stall.reasons if r != "agreements_overdue"] if stall else []
    if stall is None or not reasons:
        return []
    return [
        Stall(
            "assessment_stall",
            stall.since,
            text=", ".join(STALL_REASONS[engine_language()][r] for r in reasons),
        )
    ]
