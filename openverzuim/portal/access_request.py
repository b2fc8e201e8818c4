"""The dossier part of the access request: the employee records, employments and sickness
dossiers about the person, and the audit trail about them (in the readable PDF: summarised)."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.accounts.audit_words import role_names, subject_words
from openverzuim.accounts.models import AuditEntry, User
from openverzuim.accounts.subject_access import Section, as_record, readable_fields

from .privacy_selectors import (
    audit_counts_per_month,
    own_dossiers,
    own_employee_records,
    views_of_my_dossier,
)

TITLE = gettext_lazy("Your sickness dossier")
#: The audit entries the readable PDF lists one by one; the JSON download holds them all.
LATEST_ENTRIES = 100


def collect(user: User) -> dict:
    return _dossier(user) | {
        "who_viewed_or_changed": [as_record(e) for e in views_of_my_dossier(user)]
    }


def _month(month: str) -> str:
    """ "2026-11" as the reader writes a month: "november 2026"."""
    return date_format(date.fromisoformat(f"{month}-01"), "YEAR_MONTH_FORMAT")


def _who(entry: AuditEntry) -> str:
    """The person and their roles, or Open Verzuim itself for what it did on its own."""
    if not entry.user_name:
        return _("Open Verzuim (automatically)")
    roles = role_names(entry.roles)
    return f"{entry.user_name} ({roles})" if roles else entry.user_name


def readable(user: User) -> list[Section]:
    """The dossier as a document: a part per employee record and per sickness dossier, each field
    in words, and the audit trail summarised, one line per month, role and action and one per
    recent entry: a person read a hundred times a month would otherwise get a PDF of thousands of
    pages, which takes minutes to make and nobody reads."""

    def action(code: str) -> str:
        return str(AuditEntry.Action(code).label)

    def day(value: date | None) -> str:
        return date_format(value, "DATE_FORMAT") if value else "…"

    employees = own_employee_records(user).select_related("organisation", "department")
    cases = own_dossiers(user).select_related("employee", "case_manager")
    sections = [
        Section(
            f"{_('Employee record')} · {e.organisation}",
            rows=readable_fields(e, exclude=("user",)),
            parts=[
                *(
                    Section(
                        _("Employment from %(day)s") % {"day": day(x.start)},
                        rows=readable_fields(x, exclude=("employee",)),
                    )
                    for x in e.employments.all()
                ),
                *(
                    Section(_("Portal invitation"), rows=readable_fields(i, exclude=("employee",)))
                    for i in e.invitations.all()
                ),
                Section(
                    _("Pregnancy and maternity leave"),
                    lines=[f"{day(x.start)} – {day(x.end)}" for x in e.leave_periods.all()],
                ),
            ],
        )
        for e in employees.prefetch_related("employments", "invitations", "leave_periods")
    ]
    for case in cases.prefetch_related("periods", "resumptions", "events"):
        periods = list(case.periods.all())
        sections.append(
            Section(
                _("Sickness dossier from %(day)s")
                % {"day": day(periods[0].start if periods else None)},
                rows=readable_fields(
                    case, exclude=("employee", "employment", "next_due_on", "next_due_milestone")
                ),
                parts=[
                    Section(
                        _("Sickness periods"),
                        lines=[
                            f"{day(p.start)} – {day(p.end) if p.end else _('still sick')}"
                            for p in periods
                        ],
                    ),
                    Section(
                        _("Partial work"),
                        lines=[
                            _("From %(start)s: %(hours)s hours a week, %(kind)s")
                            % {
                                "start": day(r.start),
                                "hours": number_format(r.hours_per_week),
                                "kind": r.get_kind_display(),
                            }
                            for r in case.resumptions.all()
                        ],
                    ),
                    Section(
                        _("Recorded events"),
                        lines=[
                            f"{day(e.date)}: {e.get_kind_display()}"
                            + (f" ({e.note})" if e.note else "")
                            for e in case.events.all()
                        ],
                    ),
                ],
            )
        )
    sections.append(
        Section(
            _("Who viewed or changed your dossier"),
            rows=[(_("Entries in total"), str(views_of_my_dossier(user).count()))],
            lines=[_("Every entry is in the JSON download (my data, data.json).")],
            parts=[
                Section(
                    _("Per month, role and action"),
                    lines=[
                        f"{_month(row['month'])} · "
                        f"{role_names(row['roles']) or _('Open Verzuim (automatically)')} · "
                        f"{action(row['action'])}: {row['count']}"
                        for row in audit_counts_per_month(user)
                    ],
                ),
                Section(
                    _("The latest %(n)s entries") % {"n": LATEST_ENTRIES},
                    lines=[
                        f"{date_format(localtime(e.at), 'DATETIME_FORMAT')} · {_who(e)} · "
                        f"{action(e.action)}: {subject_words(e.subject)}"
                        for e in views_of_my_dossier(user)[:LATEST_ENTRIES]
                    ],
                ),
            ],
        )
    )
    return sections


def _dossier(user: User) -> dict:
    employees = own_employee_records(user).prefetch_related(
        "employments", "invitations", "leave_periods"
    )
    cases = own_dossiers(user).prefetch_related("periods", "resumptions", "events")
    return {
        "employee_records": [
            dict(
                as_record(e),
                employments=[as_record(x) for x in e.employments.all()],
                # pregnancy and maternity leave, in a case or outside one
                leave=[as_record(x) for x in e.leave_periods.all()],
                portal_invitations=[
                    as_record(i, exclude=("token_hash",)) for i in e.invitations.all()
                ],
            )
            for e in employees
        ],
        "cases": [
            dict(
                as_record(c, exclude=("next_due_on", "next_due_milestone")),
                sickness_periods=[as_record(p) for p in c.periods.all()],
                work_resumptions=[as_record(r) for r in c.resumptions.all()],
                events=[as_record(e) for e in c.events.all()],
            )
            for c in cases
        ],
    }
