"""The measures pages: a case's risks and escalation, its letters and records. Thin: parse with a
form, call a selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.cases.engine import CaseRun
from openverzuim.core.pages import BoundedPaginator, get_in_scope_or_404, handle_form
from openverzuim.law import sanctions

from . import assessment, dossier, selectors, services
from .forms import ExpertOpinionForm, OpinionOutcomeForm, StepForm, WageMeasureForm
from .labels import check_text
from .paths import EMPLOYEE, EMPLOYEE_PATH, EMPLOYER_PATH, EMPLOYER_PATHS, PATHS, STALLED_PATH
from .stagnation import stalls_for


def _case(request: AuthenticatedHttpRequest, case_id: int):
    """The case if the user may reach it, else a 404; the page notes its read."""
    case = get_in_scope_or_404(selectors.case_for, user=request.user, case_id=case_id)
    note_read(request, case=case, subject="case risks and escalation")
    return case


@login_required
def case_measures(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = _case(request, case_id)
    run = CaseRun(case, timezone.localdate())  # the engine once for the whole page
    possible, dismissal = dossier.dismissal_lines(case, run.as_of)
    stalls = [(s, s.text or check_text(s.code), STALLED_PATH.step(s.step)) for s in stalls_for(run)]
    return render(
        request,
        "measures/case.html",
        {
            "case": case,
            "stalls": stalls,
            "measures": dossier.measure_rows(run),
            "opinions": case.expert_opinions.all(),
            "dismissal_possible": possible,
            "dismissal": dismissal,
            "paths": [PATHS[p] for p in EMPLOYER_PATHS],
            "steps": selectors.employer_steps(case),
            **_risks(run),
        },
    )


def _risks(run: CaseRun) -> dict:
    result = assessment.assess_case(run)
    if result is None:
        return {"findings": None}
    return {
        "findings": assessment.finding_rows(result),
        "exposure": assessment.exposure_line(run, result),
    }


#: Cases per page on the risks overview: each is assessed in Python, so a page is what it costs.
RISKS_PER_PAGE = 50


@login_required
def risks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's open cases a page at a time, next duty soonest first (the case list's order, from
    the database), each with its worst finding and how many: serious and soonest first on the page."""
    today = timezone.localdate()
    page = BoundedPaginator(selectors.risk_cases_for(user=request.user), RISKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows: list[dict[str, Any]] = []
    for case in page.object_list:
        note_read(request, case=case, subject="risk findings")
        result = assessment.assess_case(CaseRun(case, today))
        findings = result.findings if result else ()
        rows.append(
            {
                "case": case,
                "worst": assessment.worst(result),
                "count": len(findings),
                "first": findings[0].on if findings else None,
            }
        )
    rank = {"serious": 0, "warning": 1, "info": 2, None: 3}
    rows.sort(key=lambda r: (rank[r["worst"]], r["first"] or today, r["case"].pk))
    return render(request, "measures/risks.html", {"rows": rows, "page": page})


def _path_page(request: AuthenticatedHttpRequest, case, path, template: str) -> HttpResponse:
    today = timezone.localdate()
    form = StepForm(
        request.POST or None,
        path=path,
        initial={"taken_on": today, "step": request.GET.get("step")},
    )
    if handle_form(
        request,
        form,
        lambda data: services.step_record(
            case=case, path=path.slug, by=request.user, today=today, **data
        ),
    ):
        messages.success(request, _("Step recorded."))
        return redirect(request.path)
    steps = (
        selectors.own_steps(case)
        if path.slug == EMPLOYEE
        else selectors.employer_steps(case).filter(path=path.slug)
    )
    return render(
        request,
        template,
        {
            "case": case,
            "path": path,
            "form": form,
            "recorded": steps,
            "taken": {s.step for s in steps},
            "fee": _fee(path, today),
        },
    )


def _fee(path, today):
    """What UWV charges the party walking this path for an expert opinion (SUWI art. 32a lid 2)."""
    return sanctions.expert_opinion_fee("employee" if path.slug == EMPLOYEE else "employer", today)


@login_required
def path_page(request: AuthenticatedHttpRequest, case_id: int, path: str) -> HttpResponse:
    if path not in EMPLOYER_PATHS:
        raise Http404
    case = _case(request, case_id)
    return _path_page(request, case, PATHS[path], "measures/path.html")


@login_required
def my_path(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The employee's own path; the steps recorded here stay with the employee."""
    case = selectors.own_case(user=request.user)
    if case is None:
        return render(
            request,
            "measures/path.html",
            {"path": EMPLOYEE_PATH, "own": True, "fee": _fee(EMPLOYEE_PATH, timezone.localdate())},
        )
    return _path_page(request, case, EMPLOYEE_PATH, "measures/path.html")


def _record_form(
    request: AuthenticatedHttpRequest, case_id: int, form_class, service: Callable, heading: str
) -> HttpResponse:
    case = _case(request, case_id)
    form = form_class(request.POST or None, initial={"requested_on": timezone.localdate()})
    if handle_form(
        request,
        form,
        lambda data: service(case=case, by=request.user, today=timezone.localdate(), **data),
    ):
        messages.success(request, _("Saved."))
        return redirect("measures:case", case.pk)
    return render(
        request,
        "measures/form.html",
        {"case": case, "form": form, "heading": heading, "path": EMPLOYER_PATH},
    )


@login_required
def measure_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _record_form(
        request,
        case_id,
        WageMeasureForm,
        services.wage_measure_create,
        _("Record a wage suspension or stop"),
    )


@login_required
def opinion_new(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    return _record_form(
        request,
        case_id,
        ExpertOpinionForm,
        services.expert_opinion_create,
        _("Record a request for a UWV expert opinion"),
    )


@login_required
def opinion_outcome(
    request: AuthenticatedHttpRequest, case_id: int, request_id: int
) -> HttpResponse:
    case = _case(request, case_id)
    opinion = get_in_scope_or_404(selectors.opinion_for, case=case, request_id=request_id)
    form = OpinionOutcomeForm(request.POST or None, initial={"opinion_on": timezone.localdate()})
    if handle_form(
        request,
        form,
        lambda data: services.expert_opinion_outcome(
            request=opinion, by=request.user, today=timezone.localdate(), **data
        ),
    ):
        messages.success(request, _("Saved."))
        return redirect("measures:case", case.pk)
    return render(
        request,
        "measures/form.html",
        {
            "case": case,
            "form": form,
            "opinion": opinion,
            "heading": _("Record UWV's expert opinion"),
        },
    )


@login_required
def measure_letter(
    request: AuthenticatedHttpRequest, case_id: int, measure_id: int
) -> HttpResponse:
    """The letter that tells the employee of the measure (BW 7:629 lid 7), ready to print and sign."""
    case = _case(request, case_id)
    return render(
        request,
        "measures/letter.html",
        {
            "case": case,
            "measure": get_in_scope_or_404(selectors.measure_for, case=case, measure_id=measure_id),
            "today": timezone.localdate(),
        },
    )


@login_required
def warning_letter(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """The written warning to keep the duties of BW 7:660a, ready to print and sign."""
    case = _case(request, case_id)
    return render(
        request, "measures/warning_letter.html", {"case": case, "today": timezone.localdate()}
    )
