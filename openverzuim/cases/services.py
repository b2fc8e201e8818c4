"""Everything that changes a dossier: each service validates, runs in one transaction, and leaves the
case's duties (cases.duties) up to date. Errors are `ValidationError`s keyed by the field they concern."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openverzuim.accounts import services as account_services
from openverzuim.accounts.models import Organisation, User
from openverzuim.accounts.roles import Role
from openverzuim.law.counting import CHAIN_LIMIT_FIT_DAYS, fit_days_between

from .duties import duties_refresh
from .models import (
    Case,
    Employee,
    Employment,
    Event,
    ReintegrationCost,
    SicknessPeriod,
    WorkResumption,
)

#: A recovery may be reported ahead ("better from Monday"), but not further than this.
RECOVERY_NOTICE_DAYS = 7


def _d(day: date) -> str:
    return date_format(day, "j F Y")


@dataclass(frozen=True)
class SickReportResult:
    case: Case
    joined: bool  # added to an earlier case (samentellen) rather than a new one
    fit_days: int | None  # fit days since the previous period, if there was one
    message: str


@transaction.atomic
def employee_create(*, organisation: Organisation, by: User, **fields) -> Employee:
    employee = Employee(organisation=organisation, **fields)
    employee.full_clean()
    employee.save()
    return employee


@transaction.atomic
def employee_invite(*, employee: Employee, by: User, accept_url: str) -> User:
    """Invite the employee to the portal at their work e-mail address and link the new login to
    their record: the portal shows a login the cases of the records linked to it, and nothing else.
    `accept_url` as for accounts.services.invite."""
    if not account_services.invitable_organisations(by).filter(pk=employee.organisation_id).exists():
        raise ValidationError({"__all__": _("You cannot invite people to this organisation.")})
    # Locked, so that two administrators clicking at once cannot send two invitations.
    locked = Employee.objects.select_for_update().get(pk=employee.pk)
    if locked.user_id is not None:
        raise ValidationError({"employee": _(
            "%(name)s is already linked to the login %(login)s.") % {
                "name": locked.full_name, "login": locked.user.get_username()}})
    email = locked.work_email.strip().lower()
    if not email:
        raise ValidationError({"work_email": _(
            "%(name)s has no work e-mail address: add it to the record first.") % {
                "name": locked.full_name}})
    other = (Employee.objects.filter(organisation=locked.organisation, user__username=email)
             .exclude(pk=locked.pk).first())
    if other is not None:
        raise ValidationError({"work_email": _(
            "The login %(email)s already belongs to the employee record of %(name)s.") % {
                "email": email, "name": other.full_name}})
    user = account_services.invite(by=by, email=email, organisation=locked.organisation,
                                   role=Role.EMPLOYEE, accept_url=accept_url)
    employee.user = user
    employee.save(update_fields=["user"])
    return user


@transaction.atomic
def employment_create(*, employee: Employee, **fields) -> Employment:
    employment = Employment(employee=employee, **fields)
    employment.full_clean()
    employment.save()
    return employment


def _latest_period(employee: Employee) -> SicknessPeriod | None:
    return (SicknessPeriod.objects.filter(case__employee=employee)
            .select_related("case").order_by("-start").first())


@transaction.atomic
def sick_report_create(*, employee: Employee, first_sick_day: date, by: User, today: date,
                       **report) -> SickReportResult:
    """Report an employee sick. Within 28 fit days of recovery the new period joins the earlier case
    (BW 7:629 lid 10; ZW art. 38 lid 1; WIA art. 23 lid 3); otherwise a new case opens."""
    if first_sick_day > today:
        raise ValidationError({"first_sick_day": _("The first sick day cannot be in the future.")})
    employment = employee.employments.filter(start__lte=first_sick_day).order_by("-start").first()
    if employment is None and employee.employments.exists():
        raise ValidationError({"first_sick_day": _(
            "The first sick day lies before the start of the employment.")})
    if employment and employment.end and employment.end < first_sick_day:
        raise ValidationError({"first_sick_day": _(
            "The employment ended on %(end)s, before this first sick day.") % {
                "end": _d(employment.end)}})
    previous = _latest_period(employee)
    fit_days = None
    if previous is not None:
        if previous.end is None:
            raise ValidationError({"first_sick_day": _(
                "%(name)s is already reported sick since %(start)s.") % {
                    "name": employee.full_name, "start": _d(previous.start)}})
        if first_sick_day <= previous.end:
            raise ValidationError({"first_sick_day": _(
                "This overlaps the earlier sickness period, which ended on %(end)s.") % {
                    "end": _d(previous.end)}})
        fit_days = fit_days_between(previous.end, first_sick_day)
    joined = fit_days is not None and fit_days < CHAIN_LIMIT_FIT_DAYS
    if joined:
        case = previous.case
        for name, value in report.items():
            setattr(case, name, value)
        case.closed_on = None
        case.full_clean()
        case.save()
        message = _(
            "Added to the existing case: %(days)s fit days since the recovery on %(recovered)s, "
            "fewer than 28, so the periods count as one (BW 7:629 lid 10). The deadlines run on "
            "from the first sick day %(day1)s.") % {
                "days": fit_days, "recovered": _d(previous.end + timedelta(days=1)),
                "day1": _d(case.periods.order_by("start").first().start)}
    else:
        case = Case(organisation=employee.organisation, employee=employee, employment=employment,
                    created_by=by, **report)
        case.full_clean()
        case.save()
        if fit_days is None:
            message = _("New case opened: the deadlines run from %(day1)s.") % {
                "day1": _d(first_sick_day)}
        else:
            message = _("New case opened: %(days)s fit days since the last recovery, 28 or more, so "
                        "the count starts again from %(day1)s (BW 7:629 lid 10).") % {
                            "days": fit_days, "day1": _d(first_sick_day)}
    SicknessPeriod.objects.create(case=case, start=first_sick_day)
    duties_refresh(case, today)
    return SickReportResult(case, joined, fit_days, message)


def _open_period(case: Case) -> SicknessPeriod:
    period = case.periods.filter(end__isnull=True).first()
    if period is None:
        raise ValidationError({"__all__": _("%(name)s is not reported sick in this case.") % {
            "name": case.employee.full_name}})
    return period


@transaction.atomic
def recovery_report_create(*, case: Case, recovered_on: date, by: User, today: date) -> None:
    """Full recovery for the agreed work: the first fit day. Partial work is not recovery."""
    period = _open_period(case)
    if recovered_on <= period.start:
        raise ValidationError({"recovered_on": _(
            "The recovery date must be after the first sick day (%(start)s).") % {
                "start": _d(period.start)}})
    if recovered_on > today + timedelta(days=RECOVERY_NOTICE_DAYS):
        raise ValidationError({"recovered_on": _(
            "A recovery can be reported at most %(days)s days ahead.") % {
                "days": RECOVERY_NOTICE_DAYS}})
    period.end = recovered_on - timedelta(days=1)
    period.save(update_fields=["end"])
    duties_refresh(case, today)


@transaction.atomic
def work_resumption_create(*, case: Case, start: date, hours_per_week: Decimal, kind: str,
                           by: User, today: date) -> WorkResumption:
    """Partial work while still sick: recorded, the sickness period goes on (contract, `sickness`)."""
    period = _open_period(case)
    if start < period.start:
        raise ValidationError({"start": _(
            "Partial work can only start on or after the first sick day (%(start)s).") % {
                "start": _d(period.start)}})
    if case.employment_id and hours_per_week >= case.employment.contract_hours:
        raise ValidationError({"hours_per_week": _(
            "Working all %(hours)s contract hours in the own job is full recovery: report recovery "
            "instead.") % {"hours": case.employment.contract_hours}})
    resumption = WorkResumption(case=case, start=start, hours_per_week=hours_per_week, kind=kind)
    resumption.full_clean()
    resumption.save()
    return resumption


def _check_event_date(case: Case, day: date, today: date) -> None:
    first = case.periods.order_by("start").values_list("start", flat=True).first()
    if first and day < first:
        raise ValidationError({"date": _("The date lies before the first sick day (%(start)s).")
                               % {"start": _d(first)}})
    if day > today:
        raise ValidationError({"date": _("The date cannot be in the future.")})


@transaction.atomic
def event_record(*, case: Case, kind: str, date: date, by: User, today: date, note: str = "",
                 document_url: str = "") -> Event:
    _check_event_date(case, date, today)
    event = Event(case=case, kind=kind, date=date, note=note, document_url=document_url,
                  recorded_by=by)
    event.full_clean()
    event.save()
    duties_refresh(case, today)
    return event


def _withdraw(event: Event, by: User, reason: str) -> None:
    if event.withdrawn_at is not None:
        raise ValidationError({"__all__": _("This entry was already withdrawn or corrected.")})
    event.withdrawn_at = timezone.now()
    event.withdrawn_by = by
    event.withdrawal_reason = reason
    event.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])


@transaction.atomic
def event_withdraw(*, event: Event, reason: str, by: User, today: date) -> None:
    """A mistaken entry is withdrawn, not deleted: the row stays with who withdrew it and why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry is withdrawn.")})
    _withdraw(event, by, reason.strip())
    duties_refresh(event.case, today)


@transaction.atomic
def event_correct(*, event: Event, date: date, note: str, by: User, today: date) -> Event:
    """A correction replaces the entry with a new one and keeps the old one in the history."""
    _check_event_date(event.case, date, today)
    _withdraw(event, by, _("Corrected"))
    corrected = Event(case=event.case, kind=event.kind, date=date, note=note,
                      document_url=event.document_url, recorded_by=by, replaces=event)
    corrected.full_clean()
    corrected.save()
    duties_refresh(event.case, today)
    return corrected


@transaction.atomic
def case_close(*, case: Case, closed_on: date, by: User, today: date) -> None:
    if case.closed_on is not None:
        raise ValidationError({"__all__": _("This case is already closed.")})
    if case.periods.filter(end__isnull=True).exists():
        raise ValidationError({"closed_on": _(
            "%(name)s is still reported sick: report the recovery first.") % {
                "name": case.employee.full_name}})
    last_end = case.periods.order_by("-start").values_list("end", flat=True).first()
    if last_end and closed_on <= last_end:
        raise ValidationError({"closed_on": _("A case closes after the last sick day (%(end)s).")
                               % {"end": _d(last_end)}})
    if closed_on > today:
        raise ValidationError({"closed_on": _("The closing date cannot be in the future.")})
    case.closed_on = closed_on
    case.save(update_fields=["closed_on"])
    duties_refresh(case, today)


@transaction.atomic
def reintegration_cost_create(*, case: Case, date: date, description: str, amount: Decimal,
                              by: User, today: date) -> ReintegrationCost:
    """A known cost of re-integration; it may lie ahead (a programme already ordered)."""
    first = case.periods.order_by("start").values_list("start", flat=True).first()
    if first is not None and date < first:
        raise ValidationError({"date": _(
            "A re-integration cost cannot lie before the first sick day (%(start)s).") % {
                "start": _d(first)}})
    cost = ReintegrationCost(case=case, date=date, description=description.strip(),
                             amount=amount, recorded_by=by)
    cost.full_clean()
    cost.save()
    return cost
