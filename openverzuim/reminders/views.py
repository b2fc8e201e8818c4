"""The reminders pages: the private calendar link and its feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openverzuim.accounts.audit import note_read
from openverzuim.accounts.http import AuthenticatedHttpRequest

from . import selectors, services
from .calendar import feed_for


@login_required
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = getattr(request.user, "calendar_feed", None)
    url = (
        request.build_absolute_uri(reverse("reminders:calendar_feed", args=[feed.token]))
        if feed
        else None
    )
    return render(request, "reminders/calendar.html", {"url": url})


@login_required
@require_POST
def calendar_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.POST.get("action") == "revoke":
        services.calendar_feed_revoke(user=request.user)
        messages.success(request, _("Your calendar link no longer works."))
    else:
        services.calendar_feed_renew(user=request.user)
        messages.success(
            request, _("Your new calendar link is ready; the old one no longer works.")
        )
    return redirect("reminders:calendar")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the token in the address is the credential, so a wrong one is a 404."""
    user = selectors.feed_owner(token)
    if user is None:
        raise Http404
    note_read(request, user=user, subject="calendar feed")
    return HttpResponse(
        feed_for(user, timezone.localdate()), content_type="text/calendar; charset=utf-8"
    )
