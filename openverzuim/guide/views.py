"""The guide's pages: knowledge (public), the small employer's checklist and the first-sick-day wizard.

Thin, like every view here: dates and statuses come from the cases selectors and the engine, changes
go through the cases services; this module only arranges them for a first-time reader.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.cases import selectors, services
from openverzuim.cases.forms import sick_report_form
from openverzuim.cases.models import EventKind
from openverzuim.core.i18n import engine_language
from openverzuim.core.pages import get_in_scope_or_404, handle_form
from openverzuim.law.explain import MILESTONE_NAMES

from .duties import DOCUMENT_FOR, EMPLOYER_DUTIES
from .topics import BY_SLUG, TOPICS

#: The wizard's steps after the sick report itself, in order.
STEPS = ("notify", "rules", "next")


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "guide/index.html", {"topics": TOPICS})


@require_safe
def topic(request: HttpRequest, slug: str) -> HttpResponse:
    page = BY_SLUG.get(slug)
    if page is None:
        raise Http404
    body = select_template([page.template(engine_language()), page.template("nl")])
    return render(
        request,
        "guide/topic.html",
        {
            "topic": page,
            "body": body.template.name,
            "others": [
                t for t in TOPICS if t.slug != slug and t.audience in (page.audience, "both")
            ],
        },
    )


@login_required
@require_safe
def this_week(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The checklist for a small employer: each duty in two sentences, why it matters, one click to do it."""
    today = timezone.localdate()
    work = selectors.worklist_for(user=request.user, today=today)
    names = MILESTONE_NAMES[engine_language()]

    def items(duties):
        # The statutory duties explained; people's own tasks are on the worklist.
        return [
            {
                "duty": duty,
                "name": names[duty.milestone],
                "explanation": EMPLOYER_DUTIES[duty.milestone],
                "document": DOCUMENT_FOR.get(duty.milestone),
            }
            for duty in duties
            if not duty.is_task
        ]

    return render(
        request,
        "guide/this_week.html",
        {
            "today": today,
            "overdue": items(work.overdue_rows),
            "this_week": items(work.this_week_rows),
            "coming_up": items(work.coming_up_rows),
            "later": work.later,
            "later_uncounted": work.later_uncounted,
            "counted": number_format(selectors.COUNTED, force_grouping=True),
            "empty": work.empty,
        },
    )


def _progress(step: str) -> dict:
    position = 1 if step == "report" else STEPS.index(step) + 2
    return {"step": step, "position": position, "total": len(STEPS) + 1}


@login_required
def first_day(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 1 of the wizard: the sick report, with only what the privacy regulator allows."""
    form, search = sick_report_form(request, request.user)
    result = handle_form(
        request,
        form,
        lambda data: services.sick_report_create(
            employee=data["employee"],
            by=request.user,
            today=timezone.localdate(),
            first_sick_day=data["first_sick_day"],
            **form.report(),
        ),
    )
    if result is not None:
        messages.success(request, result.message)
        return redirect("guide:first_day_step", case_id=result.case.pk, step=STEPS[0])
    return render(
        request,
        "guide/first_day.html",
        {"form": form, **search, **_progress("report")},
    )


@login_required
def first_day_step(request: AuthenticatedHttpRequest, case_id: int, step: str) -> HttpResponse:
    if step not in STEPS:
        raise Http404
    case = get_in_scope_or_404(
        selectors.case_get_for,
        user=request.user,
        case_id=case_id,
        action="change" if request.method == "POST" else "view",
    )
    today = timezone.localdate()
    if step == "notify" and request.method == "POST":
        try:
            services.event_record(
                case=case,
                kind=EventKind.OCCUPATIONAL_HEALTH_NOTIFIED,
                date=today,
                by=request.user,
                today=today,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Recorded: the occupational health service was notified today.")
            )
            return redirect("guide:first_day_step", case_id=case.pk, step="rules")
    note_read(request, case=case, subject="case timeline")
    names = MILESTONE_NAMES[engine_language()]
    upcoming = [
        {
            "duty": duty,
            "name": names[duty.milestone],
            "explanation": EMPLOYER_DUTIES[duty.milestone],
        }
        for duty in selectors.duties_for(user=request.user, today=today, case=case, limit=4).rows
        if not duty.is_task
    ]
    notified = any(
        e.kind == EventKind.OCCUPATIONAL_HEALTH_NOTIFIED and e.active for e in case.events.all()
    )
    return render(
        request,
        "guide/first_day.html",
        {
            "case": case,
            "service": case.organisation.served_by,
            "notified": notified,
            "upcoming": upcoming,
            "steps": STEPS,
            **_progress(step),
        },
    )
