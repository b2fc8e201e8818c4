"""Changes to accounts: invitations, setting one's own password, the second factor. Each in one
transaction, validated, raising ValidationError that names the field."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Department, Membership, Organisation, User
from .policies import grants, may_grant, organisations_for
from .roles import Role


def invitable_organisations(by: User):
    """Organisations in which `by` may give people a role (the "grant_role" action)."""
    return organisations_for(by, grants("grant_role").keys())


@transaction.atomic
def invite(*, by: User, email: str, organisation: Organisation, role: str,
           department: Department | None = None, accept_url: str) -> User:
    """Create the login (no usable password) and its membership, and e-mail a link to set the
    password. `accept_url` is a format string with `{uid}` and `{token}`; it expires after
    PASSWORD_RESET_TIMEOUT and works once (the token depends on the password)."""
    if not invitable_organisations(by).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("You cannot invite people to this organisation.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role == Role.EMPLOYEE:
        raise ValidationError({"role": _(
            "Employees are invited from their employee page: the role comes with accepting it.")})
    if not may_grant(by, role, organisation):
        raise ValidationError({"role": _("You cannot give the role %(role)s at %(organisation)s.")
                               % {"role": Role(role).label, "organisation": organisation}})
    if department is not None and department.organisation_id != organisation.pk:
        raise ValidationError({"department": _("This department belongs to another organisation.")})
    email = email.strip().lower()
    if not email:
        raise ValidationError({"email": _("Enter an e-mail address.")})
    # Invited logins are named by their address; older ones (the demo's) carry it as e-mail only.
    known = list(User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))[:2])
    if len(known) > 1:
        raise ValidationError({"email": _("More than one login uses this address; ask the system "
                                          "administrator to correct that first.")})
    user = known[0] if known else None
    if user is None:
        user = User(username=email, email=email)
        user.set_unusable_password()
        user.save()
    elif Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"email": _("This person already has this role here.")})
    Membership.objects.create(user=user, organisation=organisation, role=role, department=department)
    invitation = {"name": by, "role": Role(role).label, "organisation": organisation}
    if user.has_usable_password():
        # Someone who already logs in gets no set-password link: in the hands of whoever reads
        # their mail it would be a password reset they never asked for.
        body = _("%(name)s gave you the role %(role)s at %(organisation)s in Open Verzuim.\n\n"
                 "Log in as usual to use it.") % invitation
    else:
        link = accept_url.format(uid=urlsafe_base64_encode(force_bytes(user.pk)),
                                 token=default_token_generator.make_token(user))
        body = _("%(name)s invites you to Open Verzuim as %(role)s at %(organisation)s.\n\n"
                 "Choose your password here (the link works once and expires): %(link)s") % (
                     invitation | {"link": link})
    send_mail(_("Your invitation to Open Verzuim"), body, None, [email])
    return user


@transaction.atomic
def password_set(*, user: User, password: str) -> User:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"new_password1": error.messages}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device the setup page shows as a QR code (one per user, reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, token: str) -> TOTPDevice:
    device = totp_device_pending(user=user)
    if not device.verify_token(token.strip()):
        raise ValidationError({"token": _("This code is not right (or has expired). Try the current one.")})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device
