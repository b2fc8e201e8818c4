"""Changes to accounts: invitations, setting one's own password, the second factor and its
recovery codes. Each in one transaction, validated, raising ValidationError that names the field.
Every change to how someone logs in is recorded in the audit trail and announced to them by e-mail."""

from __future__ import annotations

from base64 import b32encode
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.formats import date_format
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import Department, Membership, Organisation, Sector, User
from .policies import grants, may_enrol_device, may_grant, organisations_for, organisations_granted
from .roles import Role

#: Recovery codes (django-otp static tokens) for a lost authenticator: each works once.
RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery codes"


def invitable_organisations(by: User):
    """Organisations in which `by` may give people a role (the "grant_role" action)."""
    return organisations_for(by, grants("grant_role").keys())


@transaction.atomic
def invite(
    *,
    by: User,
    email: str,
    organisation: Organisation,
    role: str,
    department: Department | None = None,
    accept_url: str,
) -> User:
    """Create the login (no usable password) and its membership, and e-mail a link to set the
    password. `accept_url` is a format string with `{uid}` and `{token}`; it expires after
    PASSWORD_RESET_TIMEOUT and works once (the token depends on the password)."""
    if not invitable_organisations(by).filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("You cannot invite people to this organisation.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role == Role.EMPLOYEE:
        raise ValidationError(
            {
                "role": _(
                    "Employees are invited from their employee page: the role comes with accepting it."
                )
            }
        )
    if not may_grant(by, role, organisation):
        raise ValidationError(
            {
                "role": _("You cannot give the role %(role)s at %(organisation)s.")
                % {"role": Role(role).label, "organisation": organisation}
            }
        )
    if department is not None and department.organisation_id != organisation.pk:
        raise ValidationError({"department": _("This department belongs to another organisation.")})
    user = _invite(
        by=by,
        email=email,
        organisation=organisation,
        role=role,
        department=department,
        accept_url=accept_url,
    )
    audit.record_write(
        user=by, organisation_id=organisation.pk, subject=f"role {role}", fields=f"user {user.pk}"
    )
    return user


@transaction.atomic
def membership_revoke(*, by: User, user: User, organisation: Organisation, role: str) -> None:
    """Take `role` at `organisation` away from `user`: only a role `by` may give there (GRANTABLE),
    and never the organisation's last administrator, so that someone can still manage it. Logins of
    API keys do not count as administrators: a key cannot be the one left to manage people."""
    if not may_grant(by, role, organisation):
        label = Role(role).label if role in Role.values else role
        raise ValidationError(
            {
                "role": _("You cannot take away the role %(role)s at %(organisation)s.")
                % {"role": label, "organisation": organisation}
            }
        )
    if role == Role.EMPLOYER_ADMIN:
        # Every administrator's row locked: of two revocations at once, the second counts again.
        administrators = list(
            Membership.objects.select_for_update(of=("self",))
            .filter(organisation=organisation, role=role, user__is_active=True)
            .exclude(user__api_keys__personal=False)  # an organisation key's own login
            .values_list("user_id", flat=True)
        )
        if set(administrators) <= {user.pk}:
            raise ValidationError(
                {
                    "role": _(
                        "%(name)s is the last administrator of %(organisation)s: give the role to "
                        "someone else first."
                    )
                    % {"name": user, "organisation": organisation}
                }
            )
    removed, _kinds = Membership.objects.filter(
        user=user, organisation=organisation, role=role
    ).delete()
    if not removed:
        raise ValidationError({"role": _("This person does not have this role here.")})
    audit.record_write(
        user=by,
        organisation_id=organisation.pk,
        subject=f"role {role}",
        fields=f"revoked, user {user.pk}",
    )


def _invite(
    *,
    by: User,
    email: str,
    organisation: Organisation,
    role: str,
    department: Department | None,
    accept_url: str,
    first_name: str = "",
    last_name: str = "",
) -> User:
    """The invitation itself, once the caller has checked that `by` may give `role` there."""
    email = email.strip().lower()
    if not email:
        raise ValidationError({"email": _("Enter an e-mail address.")})
    longest = User._meta.get_field("username").max_length or 150  # a new login is named by it
    if len(email) > longest:
        raise ValidationError(
            {
                "email": _("An e-mail address here has at most %(count)s characters.")
                % {"count": longest}
            }
        )
    # Invited logins are named by their address; older ones (the demo's) carry it as e-mail only.
    known = list(User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))[:2])
    if len(known) > 1:
        raise ValidationError(
            {
                "email": _(
                    "More than one login uses this address; ask the system "
                    "administrator to correct that first."
                )
            }
        )
    user = known[0] if known else None
    if user is None:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    elif Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"email": _("This person already has this role here.")})
    Membership.objects.create(
        user=user, organisation=organisation, role=role, department=department
    )
    invitation = {"name": by, "role": Role(role).label, "organisation": organisation}
    if user.has_usable_password():
        # Someone who already logs in gets no set-password link: in the hands of whoever reads
        # their mail it would be a password reset they never asked for.
        body = (
            _(
                "%(name)s gave you the role %(role)s at %(organisation)s in Open Verzuim.\n\n"
                "Log in as usual to use it."
            )
            % invitation
        )
    else:
        link = accept_url.format(
            uid=urlsafe_base64_encode(force_bytes(user.pk)),
            token=default_token_generator.make_token(user),
        )
        body = _(
            "%(name)s invites you to Open Verzuim as %(role)s at %(organisation)s.\n\n"
            "Choose your password here (the link works once and expires): %(link)s"
        ) % (invitation | {"link": link})
    send_mail(_("Your invitation to Open Verzuim"), body, None, [email])
    return user


@transaction.atomic
def client_onboard(
    *,
    by: User,
    arbodienst: Organisation,
    name: str,
    kvk_number: str,
    admin_first_name: str,
    admin_last_name: str,
    admin_email: str,
    accept_url: str,
) -> Organisation:
    """An arbodienst takes on a client employer: the employer, served by the arbodienst from now,
    and its first administrator, invited as anyone else is (`invite`'s e-mail and link)."""
    if (
        not organisations_for(by, grants("onboard_client").keys())
        .filter(pk=arbodienst.pk, kind=Organisation.Kind.ARBODIENST)
        .exists()
    ):
        raise ValidationError({"__all__": _("You cannot take on clients for this organisation.")})
    kvk_number = kvk_number.strip()
    if kvk_number and not (kvk_number.isascii() and kvk_number.isdigit() and len(kvk_number) == 8):
        raise ValidationError({"kvk_number": _("A Chamber of Commerce number has 8 digits.")})
    employer = Organisation(
        name=name.strip(),
        kind=Organisation.Kind.EMPLOYER,
        served_by=arbodienst,
        kvk_number=kvk_number,
    )
    employer.full_clean()
    employer.save()
    _invite(
        by=by,
        email=admin_email,
        organisation=employer,
        role=Role.EMPLOYER_ADMIN,
        department=None,
        accept_url=accept_url,
        first_name=admin_first_name.strip(),
        last_name=admin_last_name.strip(),
    )
    audit.record_write(
        user=by,
        organisation_id=employer.pk,
        subject="organisation",
        fields=f"client of {arbodienst.pk}; first administrator {admin_email}",
    )
    return employer


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


def totp_secret_text(device: TOTPDevice) -> str:
    """The device's key as people type it into an app: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def totp_device_confirm(*, user: User, token: str, verified: bool) -> tuple[TOTPDevice, list[str]]:
    """Confirm the pending authenticator with its first right code, in a session whose second
    factor is `verified` or not (policies.may_enrol_device), and issue new recovery codes: the
    device and the codes, which are shown this once."""
    if not may_enrol_device(user, verified=verified):
        raise ValidationError(
            {
                "token": _(
                    "First confirm who you are with your current "
                    "authenticator, then add another one."
                )
            }
        )
    device = totp_device_pending(user=user)
    if not device.verify_token(token.strip()):
        raise ValidationError(
            {"token": _("This code is not right (or has expired). Try the current one.")}
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _recovery_codes_issue(user)
    _security_event(
        user,
        "second factor: authenticator added",
        _(
            "A new authenticator was added to your Open Verzuim account on %(when)s, and new recovery "
            "codes were made (the earlier ones no longer work)."
        ),
    )
    return device, codes


@transaction.atomic
def recovery_codes_renew(*, user: User, verified: bool) -> list[str]:
    """Replace the user's recovery codes with new ones, shown this once."""
    if (
        not may_enrol_device(user, verified=verified)
        or not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    ):
        raise ValidationError({"__all__": _("Set up two-step login with an authenticator first.")})
    codes = _recovery_codes_issue(user)
    _security_event(
        user,
        "second factor: recovery codes renewed",
        _(
            "New recovery codes were made for your Open Verzuim account on %(when)s; the earlier "
            "ones no longer work."
        ),
    )
    return codes


def _recovery_codes_issue(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_check(*, user: User, token: str) -> Device | None:
    """The user's device that accepts `token` (an authenticator code, or a recovery code, which
    then is used up), or None. A recovery is recorded and announced to the user."""
    device = match_token(user, "".join(token.split()).replace("-", "").lower())
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        _security_event(
            user,
            "second factor: recovery code used",
            _(
                "A recovery code was used to log in to your Open Verzuim account on %(when)s. "
                "%(left)s recovery codes are left."
            ),
            {"left": left},
            fields=f"{left} recovery codes left",
        )
    return device


def password_recovered(*, user: User) -> None:
    """The user set a new password through a reset link (a recovery): recorded and announced."""
    _security_event(
        user,
        "password: reset by e-mail link",
        _(
            "The password of your Open Verzuim account was reset on %(when)s with a link sent to "
            "this address."
        ),
    )


def password_changed(*, user: User) -> None:
    _security_event(
        user,
        "password: changed",
        _("The password of your Open Verzuim account was changed on %(when)s."),
    )


def _security_event(
    user: User, subject: str, news: str, params: dict | None = None, fields: str = ""
) -> None:
    """Record a change to how `user` logs in and tell them by e-mail, so that someone who took
    over the account cannot do it unseen. `news` has a `%(when)s` placeholder and those of `params`."""
    audit.record_write(user=user, subject=subject, fields=fields, route="accounts")
    if not user.email:
        return
    when = date_format(timezone.localtime(), "DATETIME_FORMAT")
    body = (
        (news % ({"when": when} | (params or {})))
        + "\n\n"
        + _(
            "If this was not you, someone else may have your password: reset it at once and tell "
            "your administrator."
        )
    )
    send_mail(_("Your Open Verzuim login was changed"), body, None, [user.email])


def arbodienst_organisations(user: User) -> QuerySet[Organisation]:
    """The employers whose arbodienst `user` may name (the policy's choose_arbodienst)."""
    return organisations_for(user, grants("choose_arbodienst").keys()).filter(
        kind=Organisation.Kind.EMPLOYER
    )


@transaction.atomic
def sector_set(*, by: User, organisation: Organisation, sector: str) -> Organisation:
    """Name the employer's sector (an SBI section, or none): its absence statistics are shown
    beside CBS's figure for that sector (reports.sector)."""
    if not organisations_granted(by, "choose_sector").filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": _("You cannot choose the sector of this organisation.")}
        )
    if sector and sector not in Sector.values:
        raise ValidationError({"sector": _("Sector: choose one of the SBI sections in the list.")})
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    locked.sector = sector
    locked.save(update_fields=["sector"])
    audit.record_write(
        user=by, organisation_id=locked.pk, subject="organisation sector", fields="sector"
    )
    return locked


@transaction.atomic
def arbodienst_set(
    *,
    by: User,
    organisation: Organisation,
    arbodienst: Organisation | None,
    served_since: date | None,
) -> Organisation:
    """Name the arbodienst that serves `organisation` from `served_since`, or none. Its physicians
    then reach the employer's cases through the served relation (accounts.policies)."""
    if not arbodienst_organisations(by).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "You cannot choose the occupational health service of this organisation."
                )
            }
        )
    if arbodienst is not None and arbodienst.kind != Organisation.Kind.ARBODIENST:
        raise ValidationError({"arbodienst": _("Choose an occupational health service.")})
    if arbodienst is not None and served_since is None:
        raise ValidationError({"served_since": _("Give the date from which it serves you.")})
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    locked.served_by = arbodienst
    locked.served_since = served_since if arbodienst is not None else None
    locked.save(update_fields=["served_by", "served_since"])
    audit.record_write(
        user=by,
        organisation_id=locked.pk,
        subject="organisation arbodienst",
        fields="served_by, served_since",
    )
    return locked
