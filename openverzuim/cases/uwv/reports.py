"""The reports to UWV, prefilled from the dossier: the 42nd-week report (ZW art. 38 lid 1 and 4), the
safety-net report (ZW art. 38a lid 3) and the report of an employee sick at the end of the contract
(ZW art. 38 lid 2, decision D10). Each is the fields UWV's form asks for, each with its value or
named as missing with the page where the dossier takes it.

Sending happens on UWV's portal (eLoket, with eHerkenning); digital sending needs a PKIoverheid
certificate and UWV's machine-to-machine channel, and is left for later. The seam for it is here:
`Report.fields` is what to send, `Report.due` when, and recording the sending is the milestone's
event (services.report_sent_record)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.urls import resolve, reverse
from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.law.citations import ZW
from openverzuim.law.further import (
    EMPLOYMENT_END_REINTEGRATION_REPORT,
    EMPLOYMENT_END_REPORT,
    FurtherMilestone,
    further_milestones,
)

from ..engine import case_timeline
from ..models import Case


@dataclass(frozen=True)
class Field:
    label: str
    value: str | date | Decimal | None  # None: not in the dossier yet
    fix_url: str = ""  # the page where the dossier takes the value, if there is one

    @property
    def missing(self) -> bool:
        return self.value in (None, "")

    @property
    def fix_route(self) -> str:
        """The route of `fix_url`, so that a page links it only for those who may open it."""
        return resolve(self.fix_url).view_name if self.fix_url else ""

    @property
    def text(self) -> str:
        """The value as the reader writes it: "5 januari 2026", "32" or "32,5"."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, date):
            return date_format(value, "DATE_FORMAT")
        if isinstance(value, Decimal):
            whole = value == value.to_integral_value()
            return (
                number_format(value, decimal_pos=0) if whole else number_format(value.normalize())
            )
        return str(value)


@dataclass(frozen=True)
class Due:
    """When the report is due on the case's timeline; `due` None: not (or no longer) applicable."""

    due: date | None
    status: str


@dataclass(frozen=True)
class Report:
    slug: str  # the URL names' part: cases:uwv_<slug> and cases:uwv_<slug>_pdf
    milestone: str  # the event kind that records the sending
    title: Promise
    subject: str  # the audit trail's name of it (accounts/audit_words.py)
    basis: str
    fields: Callable[[Case, date], list[Field]]
    due: Callable[[Case, date], Due]
    #: Why the report may not be due (shown when `due` is None).
    not_due: Promise


def _employee_url(case: Case) -> str:
    return reverse("cases:employee_edit", args=[case.employee_id])


def _common(case: Case) -> list[Field]:
    """The fields every report starts with: employer, contact person and employee."""
    employee = case.employee
    address = " ".join(part for part in (employee.street, employee.postcode, employee.city) if part)
    edit = _employee_url(case)
    periods = list(case.periods.all())
    return [
        Field(_("Employer"), case.organisation.name),
        # Set when the employer is created; no page of the employer's own changes it yet.
        Field(_("Chamber of Commerce number"), case.organisation.kvk_number),
        Field(
            _("Contact person"),
            str(case.case_manager) if case.case_manager else None,
            reverse("cases:assign", args=[case.pk]),
        ),
        Field(_("Employee"), employee.full_name, edit),
        Field(_("BSN"), employee.bsn, edit),
        Field(_("Date of birth"), employee.date_of_birth, edit),
        Field(_("Address"), address, edit),
        Field(_("Employee number"), employee.employee_number, edit),
        Field(_("First sick day"), periods[0].start if periods else None),
    ]


def _contract(case: Case, *, start: bool = False) -> list[Field]:
    employment, edit = case.employment, _employee_url(case)
    fields = []
    if start:
        fields.append(
            Field(_("Start of employment"), employment.start if employment else None, edit)
        )
    fields += [
        Field(
            _("Contract hours per week"), employment.contract_hours if employment else None, edit
        ),
        Field(
            _("End of a fixed-term contract"),
            employment.end if employment and employment.fixed_term else _("not applicable"),
            edit,
        ),
    ]
    return fields


def week42_fields(case: Case, today: date) -> list[Field]:
    """The 42nd-week report in the order of UWV's form, read from a case of `case_get_for` (its
    employee, department, employment and periods already loaded)."""
    return _common(case) + _contract(case)


def safety_net_fields(case: Case, today: date) -> list[Field]:
    """The safety-net report: the 42nd-week report's fields and the start of the employment. Which
    safety-net ground applies (pregnancy, organ donation, no-risk policy) is chosen on UWV's form:
    the employer's side of the dossier holds only that one applies (law.md §9, decision in
    cases.models.Case.safety_net)."""
    return _common(case) + _contract(case, start=True)


def _further(case: Case, today: date) -> dict[str, FurtherMilestone]:
    """The further milestones of the case's timeline (law.further) by id; none without a period."""
    result = case_timeline(case, today)
    return {} if result is None else {m.id: m for m in further_milestones(result)}


def employment_end_fields(case: Case, today: date) -> list[Field]:
    """The sick report at the end of the contract: who, since when, and the contract that ends."""
    employment, edit = case.employment, _employee_url(case)
    end = employment.end if employment else None
    return [
        *_common(case),
        Field(_("Start of employment"), employment.start if employment else None, edit),
        Field(_("End of employment"), end, edit),
        Field(
            _("Contract hours per week"), employment.contract_hours if employment else None, edit
        ),
        *_reintegration_report(case, today),
    ]


def _reintegration_report(case: Case, today: date) -> list[Field]:
    """ZW art. 38 lid 2, second sentence: sick six weeks or more by the last working day, the
    employer draws up a re-integration report and gives the employee a copy."""
    further = _further(case, today)
    report = further.get(EMPLOYMENT_END_REPORT)
    if report is None or report.due is None:
        return []
    long_enough = further[EMPLOYMENT_END_REINTEGRATION_REPORT].due is not None
    return [
        Field(
            _("Re-integration report (sick six weeks or more)"),
            _("required: give the employee a copy by the last working day")
            if long_enough
            else _("not required"),
        )
    ]


def _timeline_due(milestone: str) -> Callable[[Case, date], Due]:
    def due(case: Case, today: date) -> Due:
        result = case_timeline(case, today)
        if result is None:
            return Due(None, "")
        item = result.milestone(milestone)
        return Due(item.due, item.status)

    return due


def _employment_end_due(case: Case, today: date) -> Due:
    report = _further(case, today).get(EMPLOYMENT_END_REPORT)
    return Due(None, "") if report is None else Due(report.due, report.status)


REPORTS: dict[str, Report] = {
    report.slug: report
    for report in (
        Report(
            "week42",
            "uwv_42_week_report",
            gettext_lazy("42nd-week report to UWV"),
            "42nd-week report",
            ZW.art("38", lid="1").short(),
            week42_fields,
            _timeline_due("uwv_42_week_report"),
            gettext_lazy(
                "Not due: the employee is no longer sick by week 42, or falls under the safety "
                "net (then the safety-net report replaces this one)."
            ),
        ),
        Report(
            "safety_net",
            "safety_net_report",
            gettext_lazy("Safety-net report to UWV"),
            "safety-net report",
            ZW.art("38a", lid="3").short(),
            safety_net_fields,
            _timeline_due("safety_net_report"),
            gettext_lazy(
                "Not due: the case is not marked as falling under the Sickness Benefits Act "
                "safety net."
            ),
        ),
        Report(
            "employment_end",
            EMPLOYMENT_END_REPORT,
            gettext_lazy("Report of an employee sick at the end of the contract"),
            "end-of-contract report",
            ZW.art("38", lid="2").short(),
            employment_end_fields,
            _employment_end_due,
            gettext_lazy(
                "Not due: the dossier holds no end of the employment on which the employee is "
                "still sick."
            ),
        ),
    )
}


def sent_on(case: Case, milestone: str) -> date | None:
    """The day the report was recorded as sent (the live event of the milestone), if it was."""
    for event in case.events.all():
        if event.kind == milestone and event.withdrawn_at is None:
            return event.date
    return None
