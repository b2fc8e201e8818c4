"""The employee's pages. Plain language: what the employer pays and why, line by line."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.cases.engine import case_pay_schedule, case_timeline
from openverzuim.core.i18n import engine_language
from openverzuim.law.pay_explain import PLAIN, warning_texts

from .selectors import own_cases


@login_required
def my_pay(request: AuthenticatedHttpRequest) -> HttpResponse:
    lang = engine_language()
    today = timezone.localdate()
    schedules = []
    for case in own_cases(request.user):
        schedule = case_pay_schedule(case, case_timeline(case, today))
        if schedule is None:
            continue
        note_read(request, case=case, subject="pay schedule")
        rows = [
            (
                month,
                [
                    (
                        line,
                        "; ".join(PLAIN[lang][key] for key in line.rate.basis),
                        line.rate.monthly_rate * 100 / schedule.terms.monthly_wage,
                    )
                    for line in month.lines
                ],
            )
            for month in schedule.months
        ]
        schedules.append(
            {
                "case": case,
                "schedule": schedule,
                "rows": rows,
                "warnings": warning_texts(schedule, lang),
            }
        )
    return render(request, "portal/my_pay.html", {"schedules": schedules})
