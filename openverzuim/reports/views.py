from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from openverzuim.accounts.audit import record_read

from .selectors import cost_of_absence_for


@login_required
def costs(request: HttpRequest) -> HttpResponse:
    report = cost_of_absence_for(user=request.user, today=timezone.localdate())
    record_read(user=request.user, subject="cost of absence", fields="wages, re-integration costs",
                route="reports:costs")
    bars = [{"month": m, "total": report.totals[m], "projected": m > report.current,
             "height": float(report.totals[m] / report.peak * 140)} for m in report.months]
    return render(request, "reports/costs.html", {"report": report, "bars": bars})
