"""The absence statistics dashboard, its CSV/XLSX exports and its PDF (docs/statistics.md).

All three read the same filter (StatisticsForm) and the same Dashboard, and note the read in the
audit trail: who looked at which employer's figures."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.core.pdf import render_pdf

from . import charts, figures
from .forms import StatisticsForm
from .statistics import Dashboard, dashboard, statistics_organisations_for
from .tables import TABLES, Table, all_tables, plain

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    }
    return {
        "board": board,
        "tables": all_tables(board),
        "trends": [(key, labels[key], charts.trend(board, key)) for key in figures.FIGURES],
        "department_chart": charts.departments(board),
        "class_chart": charts.classes(board),
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


def _filename(board: Dashboard, ending: str) -> str:
    return f"verzuim-{board.organisation.pk}-{board.window.start:%Y%m%d}-{board.window.end:%Y%m%d}.{ending}"


@login_required
def statistics_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """?format=csv&table=… (one table) or ?format=xlsx (every table, a sheet each)."""
    form, board = _board(request)
    kind, key = request.GET.get("format", ""), request.GET.get("table", "")
    if board is None:
        return _refused(form)
    tables = all_tables(board)
    if kind == "xlsx":
        response = HttpResponse(workbook(tables.values()), content_type=XLSX)
        name = _filename(board, "xlsx")
    elif kind == "csv" and key in tables:
        response = HttpResponse(
            comma_separated(tables[key]), content_type="text/csv; charset=utf-8"
        )
        name = _filename(board, f"{key}.csv")
    else:
        return HttpResponseBadRequest(
            _("Format: csv with a table (%(tables)s), or xlsx.") % {"tables": ", ".join(TABLES)},
            content_type="text/plain; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def statistics_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, board = _board(request)
    if board is None:
        return _refused(form)
    response = HttpResponse(
        render_pdf("reports/statistics_pdf.html", _context(board)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(board, "pdf")}"'
    return response


def comma_separated(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows([[plain(cell) for cell in row] for row in table.rows])
    return out.getvalue()


def workbook(tables) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.key)
        sheet.append([str(column) for column in table.columns])
        for row in table.rows:
            sheet.append([plain(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
