from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.spreadsheets import FORMATS, download

from .forms import CaseloadFilterForm
from .selectors import CostReport, caseload_for, caseload_organisations_for, cost_of_absence_for

#: The caseload picture's geometry (SVG units): one bar per case manager, the longest this wide.
BAR_STEP, BAR_WIDTH = 24, 300


@login_required
def costs(request: AuthenticatedHttpRequest) -> HttpResponse:
    report = cost_of_absence_for(user=request.user, today=timezone.localdate())
    note_read(request, subject="cost of absence", fields="wages, re-integration costs")
    bars = [
        {
            "month": m,
            "total": report.totals[m],
            "projected": m > report.current,
            "height": float(report.totals[m] / report.peak * 140),
        }
        for m in report.months
    ]
    return render(request, "reports/costs.html", {"report": report, "bars": bars})


def cost_rows(report: CostReport) -> list[list]:
    """The cost table as the page shows it (reports/costs.html): a row per department, the total,
    and the part of it that is re-integration costs; a column per month."""
    if not report.by_department:
        return []
    months = report.months
    return [
        *(
            [name, *(values.get(m, Decimal(0)) for m in months)]
            for name, values in report.by_department.items()
        ),
        [_("Total"), *(report.totals[m] for m in months)],
        [_("of which re-integration costs"), *(report.reintegration[m] for m in months)],
    ]


@login_required
def costs_export(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """?format=csv|xlsx: the cost table of the page, for the same user (docs/exports.md). The
    report is the page's own, read in its fixed number of queries."""
    kind = request.GET.get("format", "csv")
    if kind not in FORMATS:
        return HttpResponseBadRequest(
            _("Format: csv or xlsx."), content_type="text/plain; charset=utf-8"
        )
    today = timezone.localdate()
    report = cost_of_absence_for(user=request.user, today=today)
    note_read(request, subject="cost of absence export", fields=kind)
    return download(
        kind,
        f"verzuimkosten-{today:%Y%m%d}",
        _("Cost of absence"),
        [_("Department"), *report.months],
        cost_rows(report),
    )


@login_required
def caseload(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CaseloadFilterForm(
        request.GET or None, organisations=caseload_organisations_for(user=request.user)
    )
    # An organisation that is not among the choices shows its error and filters nothing.
    organisation = form.cleaned_data["organisation"] if form.is_valid() else None
    load = caseload_for(user=request.user, today=timezone.localdate(), organisation=organisation)
    note_read(
        request,
        organisation_id=organisation.pk if organisation else None,
        subject="caseload",
        fields="counts of open, overdue and closed cases",
    )
    bars = [
        {"load": m, "y": row * BAR_STEP, "width": m.open / load.peak * BAR_WIDTH}
        for row, m in enumerate(m for m in load.managers if m.open)
    ]
    return render(
        request,
        "reports/caseload.html",
        {"form": form, "load": load, "bars": bars, "chart_height": len(bars) * BAR_STEP},
    )
