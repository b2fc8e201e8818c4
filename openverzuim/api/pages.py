"""The pages of API keys: the organisation administrator's (create one, its text shown once, and
revoke), and the employee's own personal keys, behind a fresh login (accounts.reauth)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from openverzuim.accounts.http import AuthenticatedHttpRequest
from openverzuim.accounts.reauth import recent_login_required
from openverzuim.core.pages import handle_form

from . import services
from .forms import ApiKeyForm, PersonalKeyForm


def api_keys(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = services.key_organisations(request.user)
    if request.method == "POST" and "revoke" in request.POST:
        return _revoke(request, services.keys_of(request.user), "apikeys:list")
    form = ApiKeyForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    created = handle_form(
        request,
        form,
        lambda data: services.api_key_create(
            organisation=data["organisation"], name=data["name"], role=data["role"], by=request.user
        ),
    )
    if created is not None:
        form = ApiKeyForm(organisations=organisations)
    return render(
        request,
        "api/keys.html",
        {
            "form": form,
            "keys": services.keys_of(request.user),
            "new_key": created[1] if created else None,
            "new_name": created[0].name if created else "",
        },
    )


def _revoke(request: AuthenticatedHttpRequest, keys, listed_at: str) -> HttpResponse:
    """Revoke the posted key, one of `keys` (another's is a 404), and go back to its list."""
    try:
        api_key = keys.get(pk=int(request.POST["revoke"]))
    except (ValueError, OverflowError, services.ApiKey.DoesNotExist):
        raise Http404 from None
    try:
        services.api_key_revoke(api_key=api_key, by=request.user)
        messages.success(request, _("The key %(name)s was revoked.") % {"name": api_key.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(listed_at)


@recent_login_required  # the key opens her dossier: she proves who she is before one is shown
def own_api_keys(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The employee's personal keys (policy action "own_api_key"): each acts as her own login."""
    allowed = services.may_own_key(request.user)
    if request.method == "POST" and "revoke" in request.POST:
        return _revoke(request, services.personal_keys_of(request.user), "ownkeys:list")
    form = PersonalKeyForm(request.POST if request.method == "POST" and allowed else None)
    created = handle_form(
        request,
        form,
        lambda data: services.personal_key_create(
            user=request.user, name=data["name"], by=request.user
        ),
    )
    if created is not None:
        form = PersonalKeyForm()
    return render(
        request,
        "api/own_keys.html",
        {
            "form": form if allowed else None,
            "keys": services.personal_keys_of(request.user),
            "new_key": created[1] if created else None,
            "new_name": created[0].name if created else "",
        },
    )
