"""Reads of the audit trail, scoped to the user: administrators their organisations' entries,
an employee the entries about their own employee records; and the state of the user's own login."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEntry, User
from .policies import grants, organisations_for


def audit_log_for(
    *,
    user: User,
    person: str = "",
    case_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEntry]:
    organisations = organisations_for(user, grants("audit_log").keys())
    entries = AuditEntry.objects.filter(organisation_id__in=organisations.values("pk"))
    if person.strip():
        entries = entries.filter(user_name__icontains=person.strip())
    if case_id:
        entries = entries.filter(case_id=case_id)
    if date_from:
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(at__lt=_start_of(date_to) + timedelta(days=1))
    return entries


def second_factor_status(*, user: User) -> dict[str, object]:
    """Whether the user logs in with an authenticator, and how many recovery codes are left."""
    return {
        "two_step": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "codes_left": StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
    }


def entries_about(*, employee_ids: Iterable[int], case_ids: Iterable[int]) -> QuerySet[AuditEntry]:
    """What others did with these dossiers (the employee's own reads left out by the caller)."""
    return AuditEntry.objects.filter(
        Q(employee_id__in=list(employee_ids)) | Q(case_id__in=list(case_ids))
    )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
