"""The case list and the worklist as CSV or XLSX (docs/exports.md): the rows the page shows for the
same filter, from the same selectors, in the page's columns and words. The case list gives every
matching case rather than one page of them; the worklist gives its own rows (six weeks ahead, at
most selectors.DUTY_ROWS). One audit entry per export names the filter; the rows are read in
chunks, a fixed number of queries per chunk, never per case."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.policies import primary_organisation
from openverzuim.core.i18n import engine_language
from openverzuim.core.spreadsheets import FORMATS, download
from openverzuim.law.explain import MILESTONE_NAMES

from . import selectors
from .models import Case, Duty
from .templatetags.cases import TODO
from .views import filtered_cases

#: Cases read per round trip; each chunk costs its prefetches once.
CHUNK = 500


def case_list_columns() -> list[str]:
    return [
        _("Employee"),
        _("Department"),
        _("Case manager"),
        _("First sick day"),
        _("Next duty"),
        _("Due"),
        _("Status"),
    ]


def case_row(case: Case, names: dict[str, str]) -> list:
    """One case as the case list shows it (cases/case_list.html)."""
    periods = list(case.periods.all())
    if case.next_due_milestone:
        next_duty = names.get(case.next_due_milestone, case.next_due_milestone)
    else:
        next_duty = _("Close the case") if case.stage == "recovered" else ""
    status = {"closed": _("closed"), "recovered": _("recovered")}.get(case.stage, _("open"))
    return [
        case.employee.full_name,
        case.employee.department or "",
        case.case_manager or "",
        periods[0].start if periods else None,
        next_duty,
        case.next_due_on,
        status,
    ]


def worklist_columns() -> list[str]:
    return [_("Group"), _("Due"), _("Employee"), _("What to do")]


def duty_row(duty: Duty, group: str) -> list:
    """One duty as the worklist shows it (cases/_duties.html)."""
    what = f"{_('Task:')} {duty.task.title}" if duty.is_task else str(TODO[duty.milestone])
    return [group, duty.due, duty.case.employee.full_name, what]


def _format(request: AuthenticatedHttpRequest) -> str | None:
    kind = request.GET.get("format", "csv")
    return kind if kind in FORMATS else None


def _refused() -> HttpResponse:
    return HttpResponseBadRequest(
        _("Format: csv or xlsx."), content_type="text/plain; charset=utf-8"
    )


def _organisation_id(request: AuthenticatedHttpRequest) -> int | None:
    organisation = primary_organisation(request.user)
    return organisation.pk if organisation else None


@login_required
def case_list_export(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """?format=csv|xlsx and the case list's own filter (status, department, overdue, q)."""
    kind = _format(request)
    if kind is None:
        return _refused()
    form, cases = filtered_cases(request)
    names = MILESTONE_NAMES[engine_language()]
    filters = ", ".join(
        f"{key}={value}"
        for key, value in form.cleaned_data.items()
        if value not in ("", None, False)
    )
    note_read(
        request,
        organisation_id=_organisation_id(request),
        subject="case list export",
        fields=f"{kind}; filter: {filters or 'none'}",
    )

    def rows() -> Iterator[list]:
        for case in cases.iterator(chunk_size=CHUNK):
            yield case_row(case, names)

    return download(
        kind,
        f"verzuimgevallen-{timezone.localdate():%Y%m%d}",
        _("Cases"),
        case_list_columns(),
        rows(),
    )


def worklist_rows(work: selectors.Duties) -> list[list]:
    groups = (
        (_("Overdue"), work.overdue_rows),
        (_("Due this week"), work.this_week_rows),
        (_("Coming up (six weeks)"), work.coming_up_rows),
    )
    return [duty_row(duty, group) for group, duties in groups for duty in duties]


@login_required
def worklist_export(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """?format=csv|xlsx: the worklist's rows, grouped as on the page."""
    kind = _format(request)
    if kind is None:
        return _refused()
    today = timezone.localdate()
    work = selectors.worklist_for(user=request.user, today=today)
    note_read(
        request,
        organisation_id=_organisation_id(request),
        subject="worklist export",
        fields=f"{kind}; overdue, this week and six weeks ahead",
    )
    return download(
        kind, f"werklijst-{today:%Y%m%d}", _("Worklist"), worklist_columns(), worklist_rows(work)
    )
