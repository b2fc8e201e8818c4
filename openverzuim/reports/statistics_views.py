"""The absence statistics dashboard, its CSV/XLSX exports and its PDF (docs/statistics.md).

All three read the same filter (StatisticsForm) and the same Dashboard, and note the read in the
audit trail: who looked at which employer's figures."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts import services as account_services
from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.policies import organisations_granted
from openverzuim.core.pages import handle_form
from openverzuim.core.pdf import render_pdf
from openverzuim.core.spreadsheets import download, download_workbook

from . import charts, figures, sector
from .forms import SectorForm, StatisticsForm
from .statistics import Dashboard, dashboard, statistics_organisations_for
from .tables import TABLES, all_tables


def _board(request: AuthenticatedHttpRequest) -> tuple[StatisticsForm, Dashboard | None]:
    """The filter, and the dashboard it asks for (None when there is nothing to show)."""
    organisations = statistics_organisations_for(user=request.user)
    # Only the filter's own keys bind the form: an export link of the default page has none.
    asked = {key: request.GET[key] for key in StatisticsForm.base_fields if key in request.GET}
    form = StatisticsForm(asked or None, organisations=organisations)
    today = timezone.localdate()
    if asked:
        if not form.is_valid():
            return form, None
        data = form.cleaned_data
    else:
        first = organisations.first()
        if first is None:
            return form, None
        data = {"organisation": first, "department": None, "period": "quarter", "month": None}
    year, month = data["month"] or (today.year, today.month)
    window = figures.window(data["period"], year, month, today)
    if window is None:
        form.add_error("month", _("Up to month: that period has not begun yet."))
        return form, None
    board = dashboard(
        organisation=data["organisation"], department=data["department"], window=window
    )
    note_read(
        request,
        organisation_id=board.organisation.pk,
        subject="absence statistics",
        fields="sums of sick and available days per department and month; no names",
    )
    return form, board


def _context(board: Dashboard) -> dict:
    labels = {
        "absence_percentage": _("Absence percentage"),
        "reporting_frequency": _("Reporting frequency"),
        "average_duration_days": _("Average duration (days)"),
        "zero_absence_percentage": _("Zero absence (%)"),
        "absence_cost_percentage": _("Absence cost percentage"),
    }
    return {
        "board": board,
        "tables": all_tables(board),
        "trends": [(key, labels[key], charts.trend(board, key)) for key in figures.FIGURES],
        "department_chart": charts.departments(board),
        "class_chart": charts.classes(board),
        "sector_source": sector.SOURCE,
        "sector_retrieved": sector.RETRIEVED,
        "sector_url": f"{reverse('reports:statistics_sector')}?organisation={board.organisation.pk}",
    }


@login_required
def statistics(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, board = _board(request)
    context = {"form": form, "query": request.GET.urlencode()}
    if board is not None:
        context |= _context(board)
    return render(request, "reports/statistics.html", context)


def _refused(form: StatisticsForm) -> HttpResponse:
    messages = [str(error) for errors in form.errors.values() for error in errors]
    return HttpResponseBadRequest(
        "\n".join(messages or [_("Nothing to export.")]), content_type="text/plain; charset=utf-8"
    )


def _filename(board: Dashboard) -> str:
    return f"verzuim-{board.organisation.pk}-{board.window.start:%Y%m%d}-{board.window.end:%Y%m%d}"


@login_required
def statistics_export(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    """?format=csv&table=… (one table) or ?format=xlsx (every table, a sheet each), written by
    core.spreadsheets like every other download (its guard against formulas included)."""
    form, board = _board(request)
    kind, key = request.GET.get("format", ""), request.GET.get("table", "")
    if board is None:
        return _refused(form)
    tables = all_tables(board)
    if kind == "xlsx":
        sheets = [(table.key, table.columns, table.rows) for table in tables.values()]
        return download_workbook(_filename(board), sheets)
    if kind == "csv" and key in tables:
        table = tables[key]
        return download("csv", f"{_filename(board)}.{key}", key, table.columns, table.rows)
    return HttpResponseBadRequest(
        _("Format: csv with a table (%(tables)s), or xlsx.") % {"tables": ", ".join(TABLES)},
        content_type="text/plain; charset=utf-8",
    )


@login_required
def statistics_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, board = _board(request)
    if board is None:
        return _refused(form)
    response = HttpResponse(
        render_pdf("reports/statistics_pdf.html", _context(board)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(board)}.pdf"'
    return response


@login_required
def statistics_sector(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Name the employer's sector (SBI section): the dashboard shows CBS's figure for it."""
    organisations = organisations_granted(request.user, "choose_sector").order_by("name", "pk")
    asked = request.GET.get("organisation", "")
    chosen = (
        organisations.filter(pk=asked).first() if asked.isdigit() and len(asked) < 19 else None
    ) or organisations.first()
    initial = {"organisation": chosen, "sector": chosen.sector if chosen else ""}
    form = SectorForm(request.POST or None, initial=initial, organisations=organisations)

    def save(data):
        employer = account_services.sector_set(by=request.user, **data)
        messages.success(request, _("Sector saved."))
        url = reverse("reports:statistics")
        return redirect(f"{url}?organisation={employer.pk}&period=quarter")

    return handle_form(request, form, save) or render(
        request, "reports/statistics_sector.html", {"form": form}
    )
