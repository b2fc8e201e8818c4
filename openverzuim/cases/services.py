"""Everything that changes a dossier: each service validates, runs in one transaction, and leaves the
case's duties (cases.duties) up to date. Errors are `ValidationError`s keyed by the field they concern."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openverzuim import law
from openverzuim.accounts import audit
from openverzuim.accounts import services as account_services
from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.policies import grants, organisations_for
from openverzuim.accounts.roles import Role
from openverzuim.core.outbox import OutboxKind
from openverzuim.law.citations import BW7

from . import notices
from .costs import costs_refresh
from .duties import duties_refresh
from .engine import case_facts
from .models import (
    Case,
    Employee,
    EmployeeInvitation,
    Employment,
    Event,
    EventKind,
    LeavePeriod,
    ReintegrationCost,
    SicknessPeriod,
    WorkResumption,
)
from .outbox import emit_for_case
from .statistics_rollup import statistics_refresh
from .tasks import follow_up_create
from .validators import validate_some_hours

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
    audit.record_change(by=by, employee=employee, subject="employee", fields=", ".join(fields))
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, by: User, **fields) -> Employee:
    """Change the record's `fields`; the audit entry names those whose value changed."""
    stored = Employee.objects.get(pk=employee.pk)  # a ModelForm may have set them on `employee`
    changed = [name for name, value in fields.items() if getattr(stored, name) != value]
    for name, value in fields.items():
        setattr(employee, name, value)
    employee.full_clean()
    employee.save()
    if "department" in changed:  # the cost report counts her cases' months under the new one
        costs_refresh(employee.cases.all(), timezone.localdate())
        statistics_refresh(Employee.objects.filter(pk=employee.pk))  # and the statistics her days
    audit.record_change(by=by, employee=employee, subject="employee", fields=", ".join(changed))
    return employee


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _normalised(email: str) -> str:
    return email.strip().lower()


def _address_of(user: User) -> set[str]:
    return {_normalised(user.email), _normalised(user.username)} - {""}


@transaction.atomic
def employee_invite(*, employee: Employee, by: User, accept_url: str) -> EmployeeInvitation:
    """E-mail the employee a one-time link to their work address on file; only accepting it links
    a login to the record (employee_invitation_accept). Sending again renews the open invitation
    (the older link stops working). `accept_url` is a format string with `{token}`."""
    if (
        not organisations_for(by, grants("link_login").keys())
        .filter(pk=employee.organisation_id)
        .exists()
    ):
        raise ValidationError({"__all__": _("You cannot invite people to this organisation.")})
    # Locked, so that two administrators clicking at once cannot send two invitations.
    locked = Employee.objects.select_for_update().get(pk=employee.pk)
    if locked.user is not None:
        raise ValidationError(
            {
                "employee": _("%(name)s is already linked to the login %(login)s.")
                % {"name": locked.full_name, "login": locked.user.get_username()}
            }
        )
    email = _normalised(locked.work_email)
    if not email:
        raise ValidationError(
            {
                "work_email": _("%(name)s has no work e-mail address: add it to the record first.")
                % {"name": locked.full_name}
            }
        )
    if email in _address_of(by):
        # Nobody links a record to their own login on their own say-so (issue 13 finding 3).
        raise ValidationError(
            {
                "work_email": _(
                    "This is your own address. An invitation to your own employee record must be sent "
                    "by another administrator."
                )
            }
        )
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    EmployeeInvitation.objects.update_or_create(
        employee=locked,
        accepted_at=None,
        defaults={
            "email": email,
            "token_hash": _token_hash(token),
            "sent_by": by,
            "sent_at": now,
            "expires_at": now + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        },
    )
    body = _(
        "%(name)s invites you to the employee portal of Open Verzuim for %(organisation)s: "
        "your own sickness dossier, duties and documents, and who viewed them.\n\n"
        "Accept here (the link works once and expires): %(link)s\n\n"
        "If you did not expect this e-mail, ignore it: nothing is linked until you accept."
    ) % {"name": by, "organisation": locked.organisation, "link": accept_url.format(token=token)}
    send_mail(_("Your invitation to Open Verzuim"), body, None, [email])
    audit.record_change(
        by=by, employee=locked, subject="employee", fields=f"portal invitation sent to {email}"
    )
    return EmployeeInvitation.objects.get(employee=locked, accepted_at=None)


def employee_invitation_for(token: str) -> EmployeeInvitation | None:
    """The open invitation behind `token`, if it still works: not accepted, not expired, the record
    not linked, and its address unchanged since sending (a changed address voids the link)."""
    invitation = (
        EmployeeInvitation.objects.select_related("employee__organisation", "sent_by")
        .filter(token_hash=_token_hash(token), accepted_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if (
        invitation is None
        or invitation.employee.user_id is not None
        or _normalised(invitation.employee.work_email) != invitation.email
    ):
        return None
    return invitation


def existing_login_for(invitation: EmployeeInvitation) -> User | None:
    """A login already named by the invited address: it accepts by logging in, not by a new one."""
    return User.objects.filter(
        Q(username__iexact=invitation.email) | Q(email__iexact=invitation.email)
    ).first()


@transaction.atomic
def employee_invitation_accept(
    *, token: str, user: User | None = None, password: str = ""
) -> EmployeeInvitation:
    """Whoever holds the link accepts: a logged-in `user` with their login, or a new login named
    by the address with `password`. In one transaction the login gets the employee role in the
    record's organisation and the link to the record; the invitation is used up."""
    found = employee_invitation_for(token)
    invalid = ValidationError(
        {
            "__all__": _(
                "This link does not work (any more): it was used already, it has expired, or the "
                "address on the employee record changed since. Ask for a new invitation."
            )
        }
    )
    if found is None:
        raise invalid
    # Locked and read again: of two acceptances at once, the second finds it used up.
    invitation = (
        EmployeeInvitation.objects.select_for_update().filter(pk=found.pk, accepted_at=None).first()
    )
    employee = Employee.objects.select_for_update().get(pk=found.employee_id)
    if invitation is None or employee.user_id is not None:
        raise invalid
    if user is None:
        if existing_login_for(invitation) is not None:
            raise ValidationError(
                {
                    "__all__": _(
                        "There is a login for this address already: log in with it to accept."
                    )
                }
            )
        user = User(username=invitation.email, email=invitation.email)
        user.set_unusable_password()
        user.save()
        account_services.password_set(user=user, password=password)
    elif user.pk == invitation.sent_by_id:
        raise ValidationError(
            {
                "__all__": _(
                    "You sent this invitation yourself. An invitation to your own employee record must "
                    "be sent by another administrator."
                )
            }
        )
    other = Employee.objects.filter(organisation=employee.organisation, user=user).first()
    if other is not None:
        raise ValidationError(
            {
                "__all__": _("Your login already belongs to the employee record of %(name)s here.")
                % {"name": other.full_name}
            }
        )
    Membership.objects.get_or_create(
        user=user, organisation=employee.organisation, role=Role.EMPLOYEE
    )
    employee.user = user
    employee.save(update_fields=["user"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    # Shown to the employee as a read of their record (audit.LOGIN_LINKED), although they made it.
    audit.record_change(
        by=user,
        employee=employee,
        subject=audit.LOGIN_LINKED,
        fields=f"login {user.get_username()}",
    )
    return invitation


@transaction.atomic
def employment_create(*, employee: Employee, by: User | None = None, **fields) -> Employment:
    """A contract for the employee; `by` is None for a command that loads data (no user)."""
    employment = Employment(employee=employee, **fields)
    employment.full_clean()
    employment.save()
    statistics_refresh(Employee.objects.filter(pk=employee.pk))
    audit.record_change(
        by=by, employee=employee, subject=f"employment {employment.pk}", fields=", ".join(fields)
    )
    return employment


@transaction.atomic
def employee_leave_record(*, employee: Employee, start: date, end: date, by: User) -> LeavePeriod:
    """Pregnancy and maternity leave (WAZO) outside any sickness case: it leaves the employee's
    available days of the absence statistics. Leave within a case's span (first sick day to closing)
    belongs in the case, where the law counts it between sickness periods (uwv.services)."""
    if end < start:
        raise ValidationError({"end": _("The last day of leave is before its first day.")})
    # The employee's row is the lock: two saves of overlapping leave cannot both pass the check.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    other = LeavePeriod.objects.filter(employee=employee, start__lte=end, end__gte=start).first()
    if other is not None:
        raise ValidationError(
            {
                "start": _("This overlaps the leave from %(start)s to %(end)s.")
                % {"start": _d(other.start), "end": _d(other.end)}
            }
        )
    spans = (
        Case.objects.filter(employee=employee)
        .annotate(first_day=Min("periods__start"))
        .filter(first_day__isnull=False, first_day__lte=end)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
        .order_by("first_day")
    )
    case = spans.first()
    if case is not None:
        raise ValidationError(
            {
                "start": _(
                    "This lies within the sickness case from %(start)s: record the leave in the "
                    "case (UWV decisions and leave), where the law counts it."
                )
                % {"start": _d(case.first_day)}
            }
        )
    leave = LeavePeriod(employee=employee, start=start, end=end, recorded_by=by)
    leave.full_clean()
    leave.save()
    statistics_refresh(Employee.objects.filter(pk=employee.pk))
    audit.record_change(by=by, employee=employee, subject=f"leave {leave.pk}", fields="start, end")
    return leave


@transaction.atomic
def employee_leave_remove(*, employee: Employee, leave: LeavePeriod, by: User) -> None:
    """Leave recorded on the employee page by mistake; leave in a case is removed in the case,
    whose deadlines depend on it (uwv.services.leave_remove)."""
    if leave.case_id is not None or leave.employee_id != employee.pk:
        raise ValidationError({"__all__": _("This leave is recorded in a case: remove it there.")})
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    LeavePeriod.objects.filter(pk=leave.pk, employee=employee, case=None).delete()
    statistics_refresh(Employee.objects.filter(pk=employee.pk))
    audit.record_change(by=by, employee=employee, subject=f"leave {leave.pk}", fields="removed")


def _latest_period(employee: Employee) -> SicknessPeriod | None:
    return (
        SicknessPeriod.objects.filter(case__employee=employee)
        .select_related("case")
        .order_by("-start")
        .first()
    )


@transaction.atomic
def sick_report_create(
    *, employee: Employee, first_sick_day: date, by: User, today: date, **report
) -> SickReportResult:
    """Report an employee sick. Within 28 fit days of recovery the new period joins the earlier case
    (BW 7:629 lid 10; ZW art. 38 lid 1; WIA art. 23 lid 3); otherwise a new case opens. The law decides
    (`law.joins_episode`, leave days not counted), with the leave the earlier case's facts hold."""
    if first_sick_day > today:
        raise ValidationError({"first_sick_day": _("The first sick day cannot be in the future.")})
    employment = employee.employments.filter(start__lte=first_sick_day).order_by("-start").first()
    if employment is None and employee.employments.exists():
        raise ValidationError(
            {"first_sick_day": _("The first sick day lies before the start of the employment.")}
        )
    if employment and employment.end and employment.end < first_sick_day:
        raise ValidationError(
            {
                "first_sick_day": _("The employment ended on %(end)s, before this first sick day.")
                % {"end": _d(employment.end)}
            }
        )
    # One report per employee at a time: a second one waits here and then sees the first.
    Employee.objects.select_for_update().filter(pk=employee.pk).first()
    previous = _latest_period(employee)
    fit_days = None
    joined = False
    if previous is not None:
        if previous.end is None:
            raise _already_sick(employee, previous.case)
        if first_sick_day <= previous.end:
            raise ValidationError(
                {
                    "first_sick_day": _(
                        "This overlaps the earlier sickness period, which ended on %(end)s."
                    )
                    % {"end": _d(previous.end)}
                }
            )
        leave = case_facts(previous.case).leave
        fit_days = law.fit_days_between(previous.end, first_sick_day, leave)
        joined = law.joins_episode(previous.end, first_sick_day, leave)
    try:
        # The constraints one_open_case_per_employee and one_open_period_per_case hold even for a
        # writer that bypasses the lock above (SQLite has no row locks): their conflict is a message.
        with transaction.atomic():
            result = _sick_report_write(
                employee, employment, first_sick_day, previous, fit_days, joined, by, today, report
            )
    except IntegrityError:
        open_case = Case.objects.filter(employee=employee, closed_on__isnull=True).first()
        if open_case is None:
            raise
        raise _already_sick(employee, open_case) from None
    audit.record_change(
        by=by, case=result.case, subject="case", fields=", ".join(["first_sick_day", *report])
    )
    notices.case_reported(
        result.case, by=by, first_sick_day=first_sick_day, new_case=not result.joined
    )
    return result


def _already_sick(employee: Employee, case: Case) -> ValidationError:
    start = case.periods.values_list("start", flat=True).latest("start")
    return ValidationError(
        {
            "first_sick_day": _(
                "%(name)s is already reported sick since %(start)s; case %(case)s is open."
            )
            % {"name": employee.full_name, "start": _d(start), "case": case.pk}
        }
    )


#: Why fewer than 28 fit days join two sick periods into one case: cited, not typed into the messages.
_CHAIN_ARTICLE = BW7.art("629", lid="10").short()


def _sick_report_write(
    employee, employment, first_sick_day, previous, fit_days, joined, by, today, report
) -> SickReportResult:
    if joined:
        case = previous.case
        for name, value in report.items():
            setattr(case, name, value)
        case.closed_on = None
        case.full_clean()
        case.save()
        message = _(
            "Added to the existing case: %(days)s fit days since the recovery on %(recovered)s, "
            "fewer than 28, so the periods count as one (%(article)s). The deadlines run on "
            "from the first sick day %(day1)s."
        ) % {
            "days": fit_days,
            "recovered": _d(previous.end + timedelta(days=1)),
            "day1": _d(case.periods.order_by("start").first().start),
            "article": _CHAIN_ARTICLE,
        }
    else:
        close_earlier = previous is not None and previous.case.closed_on is None
        if close_earlier:
            # The earlier episode can no longer be joined: it ended with its recovery, and one
            # employee has one open case (constraint one_open_case_per_employee).
            previous.case.closed_on = previous.end + timedelta(days=1)
            previous.case.save(update_fields=["closed_on"])
            duties_refresh(previous.case, today)
        case = Case(
            organisation=employee.organisation,
            employee=employee,
            employment=employment,
            created_by=by,
            **report,
        )
        case.full_clean(validate_constraints=False)  # one open case: the database's constraint
        case.save()
        if fit_days is None:
            message = _("New case opened: the deadlines run from %(day1)s.") % {
                "day1": _d(first_sick_day)
            }
        else:
            message = _(
                "New case opened: %(days)s fit days since the last recovery, 28 or more, so "
                "the count starts again from %(day1)s (%(article)s)."
            ) % {"days": fit_days, "day1": _d(first_sick_day), "article": _CHAIN_ARTICLE}
        if close_earlier:
            message += " " + _(
                "The earlier case %(case)s is closed as of the recovery on %(day)s."
            ) % {"case": previous.case_id, "day": _d(previous.case.closed_on)}
    SicknessPeriod.objects.create(case=case, start=first_sick_day)
    duties_refresh(case, today)
    if not joined:
        emit_for_case(case, OutboxKind.CASE_OPENED, case.pk, first_sick_day=first_sick_day)
    return SickReportResult(case, joined, fit_days, message)


def _open_period(case: Case) -> SicknessPeriod:
    period = case.periods.filter(end__isnull=True).first()
    if period is None:
        raise ValidationError(
            {
                "__all__": _("%(name)s is not reported sick in this case.")
                % {"name": case.employee.full_name}
            }
        )
    return period


@transaction.atomic
def recovery_report_create(*, case: Case, recovered_on: date, by: User, today: date) -> None:
    """Full recovery for the agreed work: the first fit day. Partial work is not recovery."""
    period = _open_period(case)
    if recovered_on <= period.start:
        raise ValidationError(
            {
                "recovered_on": _("The recovery date must be after the first sick day (%(start)s).")
                % {"start": _d(period.start)}
            }
        )
    if recovered_on > today + timedelta(days=RECOVERY_NOTICE_DAYS):
        raise ValidationError(
            {
                "recovered_on": _("A recovery can be reported at most %(days)s days ahead.")
                % {"days": RECOVERY_NOTICE_DAYS}
            }
        )
    period.end = recovered_on - timedelta(days=1)
    period.save(update_fields=["end"])
    duties_refresh(case, today)
    emit_for_case(case, OutboxKind.CASE_RECOVERED, period.pk, recovered_on=recovered_on)
    audit.record_change(by=by, case=case, subject="case", fields="recovered_on")


@transaction.atomic
def work_resumption_create(
    *, case: Case, start: date, hours_per_week: Decimal, kind: str, by: User, today: date
) -> WorkResumption:
    """Partial work while still sick: recorded, the sickness period goes on (contract, `sickness`)."""
    try:
        validate_some_hours(hours_per_week)
    except ValidationError as error:
        raise ValidationError({"hours_per_week": error.messages}) from None
    period = _open_period(case)
    if start < period.start:
        raise ValidationError(
            {
                "start": _(
                    "Partial work can only start on or after the first sick day (%(start)s)."
                )
                % {"start": _d(period.start)}
            }
        )
    if case.employment is not None and hours_per_week >= case.employment.contract_hours:
        raise ValidationError(
            {
                "hours_per_week": _(
                    "Working all %(hours)s contract hours in the own job is full recovery: report recovery "
                    "instead."
                )
                % {"hours": case.employment.contract_hours}
            }
        )
    resumption = WorkResumption(case=case, start=start, hours_per_week=hours_per_week, kind=kind)
    resumption.full_clean()
    resumption.save()
    # Hours worked are wage for work done, not a cost of absence (D12): the months change.
    costs_refresh(Case.objects.filter(pk=case.pk), today)
    audit.record_change(by=by, case=case, subject="case", fields="start, hours_per_week, kind")
    return resumption


def _check_event_date(case: Case, day: date, today: date) -> None:
    first = case.periods.order_by("start").values_list("start", flat=True).first()
    if first and day < first:
        raise ValidationError(
            {
                "date": _("The date lies before the first sick day (%(start)s).")
                % {"start": _d(first)}
            }
        )
    if day > today:
        raise ValidationError({"date": _("The date cannot be in the future.")})


@transaction.atomic
def event_record(
    *,
    case: Case,
    kind: str,
    date: date,
    by: User,
    today: date,
    note: str = "",
    document_url: str = "",
    follow_up_on: date | None = None,
) -> Event:
    """A dated event; a note, call or meeting may carry a follow-up date (a task, cases.tasks)."""
    _check_event_date(case, date, today)
    event = Event(
        case=case, kind=kind, date=date, note=note, document_url=document_url, recorded_by=by
    )
    event.full_clean()
    event.save()
    if follow_up_on is not None:
        follow_up_create(event=event, on=follow_up_on, by=by, today=today)
    if kind == EventKind.OCCUPATIONAL_HEALTH_NOTIFIED:
        notices.analysis_requested(case, event.pk, date)
    duties_refresh(case, today)
    audit.record_change(by=by, case=case, subject="case", fields="kind, date, note, document_url")
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
    audit.record_change(by=by, case=event.case, subject=f"event {event.pk}", fields="reason")


@transaction.atomic
def event_correct(*, event: Event, date: date, note: str, by: User, today: date) -> Event:
    """A correction replaces the entry with a new one and keeps the old one in the history."""
    _check_event_date(event.case, date, today)
    _withdraw(event, by, _("Corrected"))
    corrected = Event(
        case=event.case,
        kind=event.kind,
        date=date,
        note=note,
        document_url=event.document_url,
        recorded_by=by,
        replaces=event,
    )
    corrected.full_clean()
    corrected.save()
    duties_refresh(event.case, today)
    audit.record_change(by=by, case=event.case, subject=f"event {event.pk}", fields="date, note")
    return corrected


@transaction.atomic
def case_close(*, case: Case, closed_on: date, by: User, today: date) -> None:
    if case.closed_on is not None:
        raise ValidationError({"__all__": _("This case is already closed.")})
    if case.periods.filter(end__isnull=True).exists():
        raise ValidationError(
            {
                "closed_on": _("%(name)s is still reported sick: report the recovery first.")
                % {"name": case.employee.full_name}
            }
        )
    last_end = case.periods.order_by("-start").values_list("end", flat=True).first()
    if last_end and closed_on <= last_end:
        raise ValidationError(
            {
                "closed_on": _("A case closes after the last sick day (%(end)s).")
                % {"end": _d(last_end)}
            }
        )
    if closed_on > today:
        raise ValidationError({"closed_on": _("The closing date cannot be in the future.")})
    case.closed_on = closed_on
    case.save(update_fields=["closed_on"])
    duties_refresh(case, today)
    emit_for_case(case, OutboxKind.CASE_CLOSED, f"{case.pk}:{closed_on}", closed_on=closed_on)
    audit.record_change(by=by, case=case, subject="case", fields="closed_on")


@transaction.atomic
def reintegration_cost_create(
    *, case: Case, date: date, description: str, amount: Decimal, by: User, today: date
) -> ReintegrationCost:
    """A known cost of re-integration; it may lie ahead (a programme already ordered)."""
    first = case.periods.order_by("start").values_list("start", flat=True).first()
    if first is not None and date < first:
        raise ValidationError(
            {
                "date": _("A re-integration cost cannot lie before the first sick day (%(start)s).")
                % {"start": _d(first)}
            }
        )
    cost = ReintegrationCost(
        case=case, date=date, description=description.strip(), amount=amount, recorded_by=by
    )
    cost.full_clean()
    cost.save()
    audit.record_change(by=by, case=case, subject="case", fields="reintegration_costs")
    return cost
