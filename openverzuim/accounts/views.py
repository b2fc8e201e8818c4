"""Account pages: the password, the second factor, invitations, and the administrators' audit
log. Thin."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device

from openverzuim.core.forms import attach_errors
from openverzuim.core.pages import handle_form

from . import policies, selectors, services, throttle
from .forms import (
    ArbodienstForm,
    AuditFilterForm,
    ClientForm,
    InviteForm,
    ReauthenticateForm,
    SecondFactorForm,
    ThrottledPasswordChangeForm,
    TokenForm,
)
from .http import AuthenticatedHttpRequest
from .models import Organisation, User
from .policies import grants, organisations_for


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("front_page")


def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show a new authenticator key as a QR code and as text; the first right code confirms it
    and the recovery codes are shown, this once. Someone who already has an authenticator reaches
    this page only after verifying it (the middleware sends them to verify first)."""
    user = request.user
    if not policies.may_enrol_device(user, verified=user.is_verified()):
        raise Http404
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = services.totp_device_confirm(
                user=user, token=form.cleaned_data["token"], verified=user.is_verified()
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            otp_login(request, device)
            messages.success(request, _("Two-step login is on."))
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
    device = services.totp_device_pending(user=user)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": image.to_string(encoding="unicode"),
            "secret": services.totp_secret_text(device),
            "next": _next(request),
        },
    )


def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_check(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("This code is not right (or has expired). Try the current one."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A POST replaces the user's recovery codes with new ones, shown this once; a GET goes to the
    security page, which tells how many are left."""
    user = request.user
    if request.method == "POST":
        try:
            codes = services.recovery_codes_renew(user=user, verified=user.is_verified())
        except ValidationError:
            return redirect("accounts:two_factor_setup")
        return render(
            request,
            "accounts/recovery_codes.html",
            {"codes": codes, "next": reverse("accounts:security")},
        )
    return redirect("accounts:security")


def security(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own login: password, two-step login and recovery codes."""
    return render(
        request, "accounts/security.html", selectors.second_factor_status(user=request.user)
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link. The answer is the same whether or not the address belongs to a
    login (no enumeration); requests are limited per client address (a 429 beyond it) and per
    e-mail address (beyond it, silently no mail: the same answer again)."""

    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        if not throttle.allow(
            "password-reset-address",
            throttle.client_address(self.request),
            settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
        ):
            return render(
                self.request,
                "accounts/password_reset_form.html",
                {"form": form, "throttled": True},
                status=429,
            )
        if not throttle.allow(
            "password-reset-email",
            form.cleaned_data["email"],
            settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        ):
            return redirect(self.success_url)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_recovered(user=form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """The current password and a new one; the session stays valid (Django's view keeps it). A
    wrong current password counts towards the login lock-out."""

    form_class = ThrottledPasswordChangeForm
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        return response


def reauthenticate(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Prove again who you are before a sensitive download (reauth.py), then go back to it.

    The password goes through authenticate() with the request, so django-axes counts a wrong one
    like a failed login and locks the guesser out at the same limit. Success is a new login: it
    stamps the session, renews its key and resets the failure count."""
    user = request.user
    form = ReauthenticateForm(
        request.POST or None, needs_token=user_has_device(user, confirmed=True)
    )
    if request.method == "POST" and form.is_valid():
        checked = authenticate(
            request, username=user.get_username(), password=form.cleaned_data["password"]
        )
        device = None
        if checked is None:
            form.add_error("password", _("This password is not right."))
        elif (
            "token" in form.fields
            and (
                device := services.second_factor_check(user=user, token=form.cleaned_data["token"])
            )
            is None
        ):
            form.add_error(
                "token", _("This code is not right (or has expired). Try the current one.")
            )
        else:
            if device is not None:
                otp_login(request, device)
            login(request, checked)
            return redirect(_next(request))
    return render(request, "accounts/reauthenticate.html", {"form": form, "next": _next(request)})


def invitation_accept_url(request: HttpRequest) -> str:
    """The absolute address of the invitation page as the `accept_url` format string that
    services.invite fills in with `{uid}` and `{token}`."""
    accept = request.build_absolute_uri(
        reverse("accounts:invitation_accept", args=["UID", "TOKEN"])
    )
    return accept.replace("UID", "{uid}").replace("TOKEN", "{token}")


def invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = services.invitable_organisations(request.user)
    form = InviteForm(request.POST or None, organisations=organisations, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                by=request.user, **form.cleaned_data, accept_url=invitation_accept_url(request)
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("The invitation has been sent to %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form})


def client_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An arbodienst administrator takes on a client employer and invites its administrator."""
    arbodiensten = organisations_for(request.user, grants("onboard_client").keys()).filter(
        kind=Organisation.Kind.ARBODIENST
    )
    form = ClientForm(request.POST if request.method == "POST" else None, arbodiensten=arbodiensten)

    def onboard(data):
        employer = services.client_onboard(
            by=request.user, accept_url=invitation_accept_url(request), **data
        )
        messages.success(
            request,
            _("%(name)s is now a client. The invitation has been sent to %(email)s.")
            % {"name": employer, "email": data["admin_email"]},
        )
        return redirect("accounts:client_new")

    return handle_form(request, form, onboard) or render(
        request, "accounts/client_new.html", {"form": form}
    )


def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "accounts/invitation_accept.html", {"invalid": True}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_set(user=user, password=form.cleaned_data["new_password1"])
        messages.success(request, _("Your password is set. You can log in now."))
        return redirect("login")
    return render(request, "accounts/invitation_accept.html", {"form": form})


def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = selectors.audit_log_for(
        user=request.user,
        person=filters.get("person") or "",
        case_id=filters.get("case"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"form": form, "page": page})


def arbodienst(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The employer administrator names the arbodienst that serves the employer, and from when."""
    organisations = services.arbodienst_organisations(request.user).select_related("served_by")
    first = organisations.first()
    initial = {
        "organisation": first,
        "arbodienst": first and first.served_by,
        "served_since": first and first.served_since,
    }
    form = ArbodienstForm(
        request.POST if request.method == "POST" else None,
        organisations=organisations,
        initial=initial,
    )

    def save(data):
        services.arbodienst_set(by=request.user, **data)
        messages.success(request, _("Saved."))
        return redirect("accounts:arbodienst")

    return handle_form(request, form, save) or render(
        request, "accounts/arbodienst.html", {"form": form, "organisations": organisations}
    )
