"""One way to record a read (issue 14 point 4): a page notes what it shows (accounts.audit.note_read)
and the route middleware writes the entries once the view has answered; no view records a read
itself, and a page that fails records none."""

from __future__ import annotations

import pytest
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.urls import reverse

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.middleware import RouteAccessMiddleware
from openverzuim.accounts.models import AuditEntry
from tests.privacy.view_modules import view_modules_naming

pytestmark = pytest.mark.django_db


def test_no_view_records_a_read_itself():
    """Reads are the route middleware's; a view module notes them (note_read), never writes them."""
    assert view_modules_naming(r"\brecord_read\b") == []


def _serve(rf, user, view):
    request = rf.get("/")
    request.user = user
    return RouteAccessMiddleware(view)(request)


def _reads():
    return list(
        AuditEntry.objects.filter(action=AuditEntry.Action.READ)
        .order_by("pk")
        .values_list("user_id", "case_id", "employee_id", "subject", "fields")
    )


def test_the_middleware_records_each_noted_read_once_the_page_is_answered(rf, anna, eva_sick):
    def view(request):
        note_read(request, case=eva_sick, subject="case", fields="timeline")
        note_read(request, employee=eva_sick.employee, subject="employee")
        assert _reads() == []  # nothing is written while the view runs
        return HttpResponse()

    _serve(rf, anna, view)
    assert _reads() == [
        (anna.pk, eva_sick.pk, eva_sick.employee_id, "case", "timeline"),
        (anna.pk, None, eva_sick.employee_id, "employee", ""),
    ]


def test_a_view_that_raises_after_noting_records_no_read(rf, anna, eva_sick):
    middleware = RouteAccessMiddleware(lambda request: None)

    def view(request):
        note_read(request, case=eva_sick, subject="case")
        # What Django does with the exception: the middleware hears of it, then a 404 is answered.
        middleware.process_exception(request, Http404())
        return HttpResponseNotFound()

    middleware.get_response = view
    request = rf.get("/")
    request.user = anna
    middleware(request)
    assert _reads() == []


def test_a_server_error_records_no_read(rf, anna, eva_sick):
    def view(request):
        note_read(request, case=eva_sick, subject="case")
        return HttpResponse(status=500)

    _serve(rf, anna, view)
    assert _reads() == []


def test_a_page_out_of_reach_records_no_read_and_a_page_shown_records_one(
    client, anna, carla, eva_sick
):
    client.force_login(carla)
    assert client.get(reverse("measures:case", args=[eva_sick.pk])).status_code == 404
    assert _reads() == []
    client.force_login(anna)
    assert client.get(reverse("measures:case", args=[eva_sick.pk])).status_code == 200
    assert list(
        AuditEntry.objects.filter(action=AuditEntry.Action.READ).values_list(
            "user_id", "case_id", "subject", "route"
        )
    ) == [(anna.pk, eva_sick.pk, "case risks and escalation", "measures:case")]
