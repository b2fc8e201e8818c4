"""Everything the measures app changes: each service validates, runs in one transaction and raises a
`ValidationError` keyed by the field it concerns."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import User
from openverzuim.cases import notices
from openverzuim.cases import services as case_services
from openverzuim.cases.costs import costs_refresh
from openverzuim.cases.models import Case, WageMeasure
from openverzuim.cases.outbox import emit_for_case
from openverzuim.core.outbox import OutboxKind
from openverzuim.law import sanctions

from .models import EscalationStep, ExpertOpinionRequest
from .paths import PATHS


def _not_in_future(fields: dict, today: date) -> None:
    errors = {
        name: _("This date is in the future.")
        for name, day in fields.items()
        if day is not None and day > today
    }
    if errors:
        raise ValidationError(errors)


def _not_before(later: str, later_day: date | None, earlier_day: date | None, message: str) -> None:
    if later_day is not None and earlier_day is not None and later_day < earlier_day:
        raise ValidationError({later: message})


@transaction.atomic
def wage_measure_create(*, case: Case, by: User, today: date, **fields) -> WageMeasure:
    measure = WageMeasure(case=case, recorded_by=by, **fields)
    if sanctions.GROUNDS.get(measure.ground) not in (None, measure.kind):
        raise ValidationError(
            {
                "ground": _(
                    "This ground does not allow a wage %(kind)s: a suspension "
                    "rests on lid 6, a stop on lid 3 a-f."
                )
                % {"kind": measure.get_kind_display().lower()}
            }
        )
    _not_in_future(
        {
            "cause_known_on": measure.cause_known_on,
            "employee_told_on": measure.employee_told_on,
            "written_warning_on": measure.written_warning_on,
            "complied_on": measure.complied_on,
        },
        today,
    )
    _not_before(
        "employee_told_on",
        measure.employee_told_on,
        measure.cause_known_on,
        _("The employee cannot be told before the cause was known."),
    )
    _not_before("end", measure.end, measure.start, _("The end lies before the start."))
    if measure.complied_on and measure.kind != WageMeasure.Kind.SUSPENSION:
        raise ValidationError(
            {
                "complied_on": _(
                    "Only a suspension ends in back pay; a stopped wage is not paid later."
                )
            }
        )
    measure.full_clean()
    measure.save()
    # A stopped or suspended wage is no cost of absence in its days.
    costs_refresh(Case.objects.filter(pk=case.pk), today)
    emit_for_case(
        case,
        OutboxKind.WAGE_MEASURE_RECORDED,
        measure.pk,
        wage_measure=measure.pk,
        measure_kind=measure.kind,
        start=measure.start,
        end=measure.end,
    )
    audit.record_change(by=by, case=case, subject="wage measure", fields=", ".join(fields))
    notices.tell(
        "wage_measure",
        case,
        notices.employee_of(case),
        f"wage-measure:{measure.pk}",
        "portal:my_case",
        day=measure.start,
    )
    return measure


@transaction.atomic
def expert_opinion_create(*, case: Case, by: User, today: date, **fields) -> ExpertOpinionRequest:
    request = ExpertOpinionRequest(case=case, recorded_by=by, **fields)
    _not_in_future({"requested_on": request.requested_on, "opinion_on": request.opinion_on}, today)
    _not_before(
        "opinion_on",
        request.opinion_on,
        request.requested_on,
        _("The opinion cannot come before the request."),
    )
    try:
        fee = sanctions.expert_opinion_fee(
            request.requester, request.requested_on, for_dismissal=request.for_dismissal
        )
    except LookupError:
        raise ValidationError({"requested_on": _("No UWV fee is known for this date.")}) from None
    request.fee, request.fee_provisional = fee.amount, fee.provisional or ""
    request.full_clean()
    request.save()
    audit.record_change(
        by=by, case=case, subject="expert opinion request", fields=", ".join(fields)
    )
    return request


@transaction.atomic
def expert_opinion_outcome(
    *,
    request: ExpertOpinionRequest,
    opinion_on: date,
    outcome: str,
    note: str,
    by: User,
    today: date,
) -> ExpertOpinionRequest:
    _not_in_future({"opinion_on": opinion_on}, today)
    _not_before(
        "opinion_on",
        opinion_on,
        request.requested_on,
        _("The opinion cannot come before the request."),
    )
    request.opinion_on, request.outcome = opinion_on, outcome
    request.note = "\n".join(filter(None, [request.note, note]))
    request.full_clean()
    request.save(update_fields=["opinion_on", "outcome", "note"])
    audit.record_change(
        by=by,
        case=request.case,
        subject=f"expert opinion {request.pk}",
        fields="opinion_on, outcome, note",
    )
    return request


@transaction.atomic
def step_record(
    *,
    case: Case,
    path: str,
    step: str,
    taken_on: date,
    by: User,
    today: date,
    note: str = "",
    follow_up_on: date | None = None,
) -> EscalationStep:
    """Record a step of a guided path; a step with a dossier event kind records that event too."""
    found = PATHS[path].step(step) if path in PATHS else None
    if found is None:
        raise ValidationError({"step": _("Choose one of the steps of this path.")})
    _not_in_future({"taken_on": taken_on}, today)
    _not_before("follow_up_on", follow_up_on, taken_on, _("The check lies before the step itself."))
    event = None
    if found.event_kind:
        event = case_services.event_record(
            case=case,
            kind=found.event_kind,
            date=taken_on,
            by=by,
            today=today,
            note=f"{found.title}. {note}".strip(),
        )
    record = EscalationStep(
        case=case,
        path=path,
        step=step,
        taken_on=taken_on,
        note=note,
        follow_up_on=follow_up_on if found.follow_up else None,
        event=event,
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    audit.record_change(
        by=by,
        case=case,
        subject=f"escalation step {path}",
        fields="step, taken_on, note, follow_up_on",
    )
    return record
