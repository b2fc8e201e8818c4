"""The re-integration report (*re-integratieverslag*, WIA art. 25 lid 3) assembled from the dossier.

RPG art. 6 lid 1 a-l in UWV's three parts: the employer's part, the physician's part (current
opinion), and the employee's own opinion. `completeness` lists every missing item so that the employer
can repair the dossier before UWV sets a term (WIA art. 25 lid 8). The bundle is one PDF with an index
and the separate archived PDFs, in a ZIP.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openverzuim.core.i18n import engine_language
from openverzuim.core.pdf import render_pdf
from openverzuim.law.explain import format_date

from .medical_check import version_medical_terms
from .pdf import field_rows
from .spec import MEDICAL_FIELD_NAMES, PARTY_LABELS
from .types import TYPES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EMPLOYER_PART, PHYSICIAN_PART, EMPLOYEE_PART = "employer", "physician", "employee"
PART_TITLES = {
    EMPLOYER_PART: gettext_lazy("Part 1: the employer"),
    PHYSICIAN_PART: gettext_lazy("Part 2: the occupational physician"),
    EMPLOYEE_PART: gettext_lazy("Part 3: the employee's own opinion"),
}

#: RPG art. 6 lid 1: letter, part, what UWV asks, and the document types that supply it (all of them
#: needed); items a and e come from the case itself.
ITEMS = (
    (
        "a",
        EMPLOYER_PART,
        gettext_lazy("Administrative data of employee, employer and physician"),
        (),
    ),
    ("b", EMPLOYER_PART, gettext_lazy("Nature of the business"), ("report_employer_part",)),
    ("c", EMPLOYER_PART, gettext_lazy("The employee's job"), ("report_employer_part",)),
    ("d", EMPLOYER_PART, gettext_lazy("The employee's competences"), ("report_employer_part",)),
    ("e", EMPLOYER_PART, gettext_lazy("First day of incapacity"), ()),
    ("f", PHYSICIAN_PART, gettext_lazy("Problem analysis"), ("problem_analysis",)),
    ("g", EMPLOYER_PART, gettext_lazy("Plan of action and its adjustments"), ("action_plan",)),
    (
        "h",
        EMPLOYER_PART,
        gettext_lazy("First-year evaluation and the most recent evaluation"),
        ("first_year_evaluation", "final_evaluation"),
    ),
    (
        "i",
        EMPLOYER_PART,
        gettext_lazy("Quality of the working relationship"),
        ("report_employer_part",),
    ),
    ("j", PHYSICIAN_PART, gettext_lazy("The physician's current opinion"), ("current_opinion",)),
    ("k", EMPLOYER_PART, gettext_lazy("Suitable work at the employer"), ("report_employer_part",)),
    ("l", EMPLOYEE_PART, gettext_lazy("The employee's opinion"), ("employee_opinion",)),
)

#: The document types a recorded event (cases.EventKind) stands for when the document itself was
#: made outside the app: the event says it was done, and on which day (the milestones' own events;
#: the latest progress review is the most recent evaluation of RPG art. 6 lid 1 sub h).
EVENT_FOR_TYPE = {
    "problem_analysis": "problem_analysis",
    "action_plan": "action_plan",
    "first_year_evaluation": "first_year_evaluation",
    "final_evaluation": "progress_review",
}


@dataclass
class Item:
    letter: str
    part: str
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    versions: list = field(default_factory=list)  # the signed versions that supply the item
    uploads: list = field(default_factory=list)  # files from outside filed as this item
    events: list = field(default_factory=list)  # recorded events that stand for a document


@dataclass
class Report:
    case: object
    items: list[Item]
    versions: list  # every document version the report includes, in dossier order
    missing: list[str]
    uploads: list = field(default_factory=list)  # every file from outside the report includes

    @property
    def complete(self) -> bool:
        return not self.missing

    def parts(self) -> list[tuple[StrOrPromise, list[Item]]]:
        return [
            (PART_TITLES[p], [i for i in self.items if i.part == p])
            for p in (EMPLOYER_PART, PHYSICIAN_PART, EMPLOYEE_PART)
        ]


def _included(documents) -> list:
    """Every signed version of every report document: the plan with all its adjustments, every
    review, the evaluations (RPG art. 6 lid 1 sub g and h ask for the whole history)."""
    return [v for d in documents if d.spec.report_items for v in d.versions.all() if v.signed_on]


def reintegration_report(case, documents, uploads=(), events=()) -> Report:
    """`uploads`: the case's files from outside (one filed as an item supplies it); `events`: its
    active events (one of EVENT_FOR_TYPE's kinds stands for a document not made in the app)."""
    missing: list[str] = []
    items = []
    signed_by_type: dict[str, list] = {}
    for version in _included(documents):
        signed_by_type.setdefault(version.document.type_code, []).append(version)
    latest_event = {e.kind: e for e in sorted(events, key=lambda e: e.date)}
    for letter, part, title, types in ITEMS:
        item = Item(letter, part, str(title))
        item.uploads = [u for u in uploads if u.report_item == letter]
        for code in types:
            item.versions += signed_by_type.get(code, [])
            event = latest_event.get(EVENT_FOR_TYPE.get(code, ""))
            if code in signed_by_type or item.uploads:
                continue
            if event is not None:
                item.events.append(event)
            else:
                missing.append(
                    _("%(letter)s. %(title)s: no signed %(document)s.")
                    % {"letter": letter, "title": title, "document": str(TYPES[code].title).lower()}
                )
        items.append(item)
    _case_facts(case, items[0], items[4], missing)
    for document in documents:
        if document.spec.report_items and document.latest().missing_parties():
            waiting = ", ".join(
                str(PARTY_LABELS[p]).lower() for p in document.latest().missing_parties()
            )
            missing.append(
                _("%(document)s, version %(number)s: not yet signed by %(parties)s.")
                % {
                    "document": document.spec.title,
                    "number": document.latest().number,
                    "parties": waiting,
                }
            )
    versions = _included(documents)
    for version in versions:
        label = _("%(document)s, version %(number)s") % {
            "document": version.document.spec.title,
            "number": version.number,
        }
        if not version.copy_to_employee_on:
            missing.append(_("%(version)s: no copy to the employee recorded.") % {"version": label})
        medical = [f.name for f in version.document.spec.fields if f.name in MEDICAL_FIELD_NAMES]
        medical += version_medical_terms(version)
        if medical:
            missing.append(
                _(
                    "%(version)s: looks medical (%(terms)s); the employer's report may hold "
                    "no medical data."
                )
                % {"version": label, "terms": ", ".join(medical)}
            )
    return Report(case, items, versions, missing, [u for i in items for u in i.uploads])


def _case_facts(case, admin: Item, first_day: Item, missing: list[str]) -> None:
    employee = case.employee
    physician = case.organisation.served_by
    admin.facts = [
        (_("Employee"), employee.full_name),
        (_("Employer"), case.organisation.name),
        (_("Occupational health service"), physician.name if physician else ""),
    ]
    if physician and case.organisation.served_since:
        admin.facts.append(
            (
                _("Serves the employer since"),
                format_date(case.organisation.served_since, engine_language()),
            )
        )
    if not physician:
        missing.append(
            _("a. Administrative data: no occupational health service recorded for the employer.")
        )
    periods = sorted(case.periods.all(), key=lambda p: p.start)
    if periods:
        first_day.facts = [
            (_("First day of incapacity"), format_date(periods[0].start, engine_language()))
        ]
    else:
        missing.append(_("e. First day of incapacity: no sickness period recorded."))


def _version_parts(version) -> dict:
    return {
        "version": version,
        "spec": version.document.spec,
        "rows": field_rows(version.document.spec, version.content),
        "signatures": list(version.signatures.all()),
        "missing": [],
    }


def report_pdf(report: Report) -> bytes:
    """One PDF: the index, the three parts with their facts, then every included version."""
    return render_pdf(
        "documents/pdf/report.html",
        {
            "report": report,
            "case": report.case,
            "parts": report.parts(),
            "included": [_version_parts(v) for v in report.versions],
        },
    )


def report_bundle(report: Report) -> bytes:
    """A ZIP with the report PDF and the archived PDF of every included version."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00-re-integratieverslag.pdf", report_pdf(report))
        for index, version in enumerate(report.versions, start=1):
            with version.pdf.open("rb") as pdf:
                archive.writestr(
                    f"{index:02d}-{version.document.type_code}-v{version.number}.pdf", pdf.read()
                )
        for index, upload in enumerate(report.uploads, start=len(report.versions) + 1):
            with upload.file.open("rb") as stored:
                archive.writestr(
                    f"{index:02d}-{upload.report_item}-{upload.kind}.{upload.extension}",
                    stored.read(),
                )
    return buffer.getvalue()
