"""Recording UWV's decisions and the WAZO leave of a case (WIA art. 24, art. 25 lid 9 and 14; WIA
art. 23 lid 5). Each change names the case's `uwv_version` it was made on: a change made on an older
version (someone else saved in between) is refused, not silently merged. Each one refreshes the
case's duties and leaves one audit entry, in the caller's transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openverzuim import law
from openverzuim.accounts import audit
from openverzuim.accounts.models import User
from openverzuim.law.contract import MAX_VOLUNTARY_EXTENSION_WEEKS, MIN_VOLUNTARY_EXTENSION_WEEKS

from ..duties import duties_refresh
from ..models import Case, Event, LeavePeriod
from ..services import event_record

AUDIT_SUBJECT = "uwv"


def _d(day: date) -> str:
    return date_format(day, "j F Y")


def _claim(case: Case, version: int, **values) -> None:
    """Write `values` and the next version only if the case is still at `version`. The conditional
    UPDATE holds the row until the transaction ends, so two saves on one version: one wins."""
    if not Case.objects.filter(pk=case.pk, uwv_version=version).update(
        uwv_version=F("uwv_version") + 1, **values
    ):
        raise ValidationError(
            {
                "__all__": _(
                    "Someone else changed the UWV decisions or leave of this case while you were editing. "
                    "Open the page again to see the current values."
                )
            }
        )
    case.refresh_from_db(fields=["uwv_version", *values])


def _first_sick_day(case: Case) -> date | None:
    return case.periods.order_by("start").values_list("start", flat=True).first()


def _not_before_case(case: Case, field: str, day: date) -> None:
    first = _first_sick_day(case)
    if first is not None and day < first:
        raise ValidationError(
            {field: _("This is before the first sick day (%(day)s).") % {"day": _d(first)}}
        )


def _not_future(field: str, day: date, today: date) -> None:
    if day > today:
        raise ValidationError(
            {field: _("This date is in the future: record a decision once UWV has taken it.")}
        )


def _done(case: Case, by: User, today: date, fields: str) -> None:
    duties_refresh(case, today)
    audit.record_change(by=by, case=case, subject=AUDIT_SUBJECT, fields=fields)


def wage_sanction_record(
    *, case: Case, weeks: int, decided_on: date, version: int, by: User, today: date
) -> None:
    """UWV's decision to extend the wage payment by `weeks` (WIA art. 25 lid 9); a new decision
    (after an objection) replaces the earlier one."""
    if not 1 <= weeks <= law.MAX_WAGE_SANCTION_WEEKS:
        raise ValidationError(
            {
                "weeks": _("A wage sanction is 1 to %(max)s weeks.")
                % {"max": law.MAX_WAGE_SANCTION_WEEKS}
            }
        )
    _not_future("decided_on", decided_on, today)
    _not_before_case(case, "decided_on", decided_on)
    repaired = case.wage_sanction_repair_confirmed_on
    if repaired is not None and repaired < decided_on:
        raise ValidationError(
            {
                "decided_on": _("UWV confirmed the repair on %(day)s, before this decision.")
                % {"day": _d(repaired)}
            }
        )
    _claim(case, version, wage_sanction_weeks=weeks, wage_sanction_decided_on=decided_on)
    _done(case, by, today, "wage_sanction_weeks, wage_sanction_decided_on")


def sanction_repair_record(
    *, case: Case, confirmed_on: date, version: int, by: User, today: date
) -> None:
    """UWV's confirmation that the shortcoming is repaired: the sanction ends six weeks later
    (WIA art. 25 lid 14)."""
    if not case.wage_sanction_weeks or case.wage_sanction_decided_on is None:
        raise ValidationError({"__all__": _("Record UWV's wage sanction first.")})
    _not_future("confirmed_on", confirmed_on, today)
    if confirmed_on < case.wage_sanction_decided_on:
        raise ValidationError(
            {
                "confirmed_on": _("This is before the sanction was decided (%(day)s).")
                % {"day": _d(case.wage_sanction_decided_on)}
            }
        )
    _claim(case, version, wage_sanction_repair_confirmed_on=confirmed_on)
    _done(case, by, today, "wage_sanction_repair_confirmed_on")


def voluntary_extension_record(
    *, case: Case, weeks: int, agreed_on: date, version: int, by: User, today: date
) -> None:
    """The waiting time extended on the joint request of employer and employee (WIA art. 24 lid 1):
    at least 13 weeks (decision D15)."""
    if not MIN_VOLUNTARY_EXTENSION_WEEKS <= weeks <= MAX_VOLUNTARY_EXTENSION_WEEKS:
        raise ValidationError(
            {
                "weeks": _(
                    "A voluntary extension is %(min)s to %(max)s weeks (UWV's minimum is 13)."
                )
                % {"min": MIN_VOLUNTARY_EXTENSION_WEEKS, "max": MAX_VOLUNTARY_EXTENSION_WEEKS}
            }
        )
    _not_future("agreed_on", agreed_on, today)
    _not_before_case(case, "agreed_on", agreed_on)
    _claim(case, version, voluntary_extension_weeks=weeks, voluntary_extension_agreed_on=agreed_on)
    _done(case, by, today, "voluntary_extension_weeks, voluntary_extension_agreed_on")


def _overlap_error(case: Case, start: date, end: date) -> ValidationError | None:
    """Leave lies between sickness periods and never overlaps other leave (law.contract checks the
    same of its input), so that the dossier's facts are ones the timeline contract accepts."""
    # Any leave of the employee: recorded in this case or on the employee page.
    other = LeavePeriod.objects.filter(
        employee=case.employee_id, start__lte=end, end__gte=start
    ).first()
    if other is not None:
        return ValidationError(
            {
                "start": _("This overlaps the leave from %(start)s to %(end)s.")
                % {"start": _d(other.start), "end": _d(other.end)}
            }
        )
    for period in case.periods.all():
        if period.start <= end and (period.end is None or start <= period.end):
            if period.end is None:
                return ValidationError(
                    {
                        "start": _(
                            "The employee is reported sick since %(start)s. Leave lies between sickness "
                            "periods: report the recovery on the first day of leave first."
                        )
                        % {"start": _d(period.start)}
                    }
                )
            return ValidationError(
                {
                    "start": _(
                        "This overlaps the sickness period from %(start)s to %(end)s: leave lies between "
                        "sickness periods."
                    )
                    % {"start": _d(period.start), "end": _d(period.end)}
                }
            )
    return None


def leave_record(
    *, case: Case, start: date, end: date, version: int, by: User, today: date
) -> LeavePeriod:
    """A period of pregnancy and maternity leave (WAZO), not counted as fit days between the
    sickness periods around it (WIA art. 23 lid 5 sub a)."""
    if end < start:
        raise ValidationError({"end": _("The last day of leave is before its first day.")})
    _claim(case, version)  # first, so that a second writer waits here and then sees this leave
    error = _overlap_error(case, start, end)
    if error is not None:
        raise error
    leave = LeavePeriod(
        employee_id=case.employee_id, case=case, start=start, end=end, recorded_by=by
    )
    leave.full_clean()
    leave.save()
    _done(case, by, today, "leave start, end")
    return leave


def leave_remove(*, case: Case, leave: LeavePeriod, version: int, by: User, today: date) -> None:
    """A leave period recorded by mistake; the audit entry keeps that it was removed."""
    _claim(case, version)
    LeavePeriod.objects.filter(pk=leave.pk, case=case).delete()
    _done(case, by, today, f"leave {leave.pk} removed")


@transaction.atomic
def report_sent_record(*, case: Case, milestone: str, date: date, by: User, today: date) -> Event:
    """A report to UWV recorded as sent: the milestone's event, once. The case row is locked first,
    so that two people recording at the same moment make one event; the second (and a form sent
    again from an old page) gets the event already there and writes nothing."""
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    existing = case.events.filter(kind=milestone, withdrawn_at=None).first()
    if existing is not None:
        return existing
    return event_record(case=case, kind=milestone, date=date, by=by, today=today)
