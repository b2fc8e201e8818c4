"""The 42nd-week report to UWV (ZW art. 38 lid 1 and 4), prefilled from the dossier: the fields UWV's
form asks for, each with its value or named as missing. Sending happens on UWV's portal (eLoket,
with eHerkenning); digital sending needs a PKIoverheid certificate and is left for later: this page
is the seam, and recording the sending is the milestone's event (services.event_record)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import Case

#: The milestone (law.MILESTONE_RULES) and the event kind that records its sending.
MILESTONE = "uwv_42_week_report"


@dataclass(frozen=True)
class Field:
    label: str
    value: str | date | Decimal | None  # None: not in the dossier yet

    @property
    def missing(self) -> bool:
        return self.value in (None, "")


def report_fields(case: Case) -> list[Field]:
    """The report's fields in the order of UWV's form, read from a case of `case_get_for` (its
    employee, department, employment and periods already loaded)."""
    employee, employment = case.employee, case.employment
    address = " ".join(part for part in (employee.street, employee.postcode, employee.city) if part)
    periods = list(case.periods.all())
    return [
        Field(_("Employer"), case.organisation.name),
        Field(_("Chamber of Commerce number"), case.organisation.kvk_number),
        Field(_("Contact person"), str(case.case_manager) if case.case_manager else None),
        Field(_("Employee"), employee.full_name),
        Field(_("BSN"), employee.bsn),
        Field(_("Date of birth"), employee.date_of_birth),
        Field(_("Address"), address),
        Field(_("Employee number"), employee.employee_number),
        Field(_("First sick day"), periods[0].start if periods else None),
        Field(_("Contract hours per week"), employment.contract_hours if employment else None),
        Field(
            _("End of a fixed-term contract"),
            employment.end if employment and employment.fixed_term else _("not applicable"),
        ),
    ]


def sent_on(case: Case) -> date | None:
    """The day the report was recorded as sent (the live event of the milestone), if it was."""
    for event in case.events.all():
        if event.kind == MILESTONE and event.withdrawn_at is None:
            return event.date
    return None
