"""Accepting an invitation to the employee portal: the page behind the e-mailed one-time link.

A new login chooses its password here; an existing one logs in first and confirms. Either way the
link is made by the service in one transaction, and written to the audit trail, where the employee
sees it under "who viewed my dossier"."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from openverzuim.accounts.models import User
from openverzuim.core.pages import handle_form

from . import services


def employee_invitation_url(request: HttpRequest) -> str:
    """The absolute address of the acceptance page as the format string the service fills in."""
    url = request.build_absolute_uri(reverse("cases:invitation_accept", args=["TOKEN"]))
    return url.replace("TOKEN", "{token}")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.employee_invitation_for(token)
    if invitation is None:
        return render(request, "cases/invitation_accept.html", {"invalid": True}, status=400)
    user = request.user if request.user.is_authenticated else None
    posted = request.POST if request.method == "POST" else None  # empty: the confirmation
    existing = None if user else services.existing_login_for(invitation)
    if user is not None:
        form = forms.Form(posted)  # the POST is the confirmation
    elif existing is None:
        form = SetPasswordForm(User(username=invitation.email, email=invitation.email), posted)
    else:
        form = None  # log in first, then come back here
    accepted = form is not None and handle_form(
        request,
        form,
        lambda data: services.employee_invitation_accept(
            token=token, user=user, password=data.get("new_password1", "")
        ),
    )
    if accepted:
        if user is None:
            messages.success(request, _("Your password is set. Log in to see your dossier."))
            return redirect("login")
        messages.success(request, _("Your login is linked to your employee record."))
        return redirect("portal:my_case")
    return render(
        request,
        "cases/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "existing": existing,
            "login_url": f"{reverse('login')}?next={request.path}",
        },
    )
