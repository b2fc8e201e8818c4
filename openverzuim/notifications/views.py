"""The notification list (mark one or all read) and the delivery preferences: the user's own only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openverzuim.accounts.http import AuthenticatedHttpRequest

from . import selectors, services
from .forms import PreferencesForm
from .models import Notification
from .text import link
from .text import render as text_of

PAGE_SIZE = 25


def _mark(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.POST.get("all"):
        services.notifications_mark_all_read(user=request.user)
        messages.success(request, _("All notifications are marked read."))
    else:
        try:
            notification_id = int(request.POST.get("id", ""))
            services.notification_mark_read(user=request.user, notification_id=notification_id)
        except (ValueError, OverflowError, Notification.DoesNotExist):
            raise Http404 from None  # not a number, not there, or someone else's: the same answer
    return redirect(request.get_full_path())


@login_required
def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _mark(request)
    page = Paginator(selectors.notifications_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    roles = request.user_roles
    items = [
        {
            "id": n.pk,
            "text": text_of(n),
            "url": link(n, roles, request.user.is_staff),
            "created_at": n.created_at,
            "unread": n.read_at is None,
        }
        for n in page
    ]
    return render(request, "notifications/list.html", {"page": page, "items": items})


@login_required
def preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.preferences_for(user=request.user, roles=request.user_roles)
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
