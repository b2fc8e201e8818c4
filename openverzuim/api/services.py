"""Creating and revoking API keys: a policy row of their own ("manage_api_keys" for the
organisation's keys, "own_api_key" for an employee's personal key), audited.

A key is `ov_<prefix>_<secret>`; the prefix finds the row, the sha256 of the whole key checks it.
An organisation's key has as principal a login without a password holding exactly the key's role in
its organisation (models.ApiKey), made inactive when the key is revoked, so the policies refuse it
everywhere. A personal key's principal is the employee's own login: it reads what she reads.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.policies import (
    grants,
    organisations_for,
    role_fits,
    roles_in,
    roles_of,
)
from openverzuim.accounts.roles import Role

from .models import ApiKey

#: The roles an organisation's key may act as: the employer side. No physician's key (the vault
#: has no API); the employee makes her own, personal key (`personal_key_create`), which acts as her.
KEY_ROLES = (
    Role.EMPLOYER_ADMIN,
    Role.CASE_MANAGER,
    Role.LINE_MANAGER,
    Role.REINTEGRATION_CONSULTANT,
)
#: `last_used_at` is written at most this often per key, not on every call.
LAST_USED_GRANULARITY = timedelta(minutes=1)
#: Active personal keys one person may hold at once (one per program she uses, say).
PERSONAL_KEYS_MAX = 5


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose keys `user` may create and revoke."""
    return organisations_for(user, grants("manage_api_keys").keys())


def keys_of(user: User) -> QuerySet[ApiKey]:
    """The organisation's keys: an employee's personal keys are hers, not the administrator's."""
    return ApiKey.objects.filter(
        organisation__in=key_organisations(user), personal=False
    ).select_related("organisation", "created_by")


def personal_key_roles() -> frozenset[str]:
    """The roles the policy table grants "own_api_key"."""
    return frozenset(grants("own_api_key"))


def may_own_key(user: User) -> bool:
    """A personal key acts as the whole login, with every role it holds: so only a login whose
    every role is granted "own_api_key" (an employee's, with no employer-side or medical role
    beside it) may have one. Anyone else's login would lend the key far more than her own case."""
    roles = roles_of(user)
    return bool(roles) and roles <= personal_key_roles()


def personal_keys_of(user: User) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(principal=user, personal=True).select_related("organisation")


def may_manage(user: User | None, organisation: Organisation) -> bool:
    """None is the command line (`manage.py create_api_key`): the server's operator."""
    return user is None or bool(roles_in(user, organisation) & grants("manage_api_keys").keys())


def _new_key() -> tuple[str, str]:
    """A key's public prefix (how it is found and named) and its whole text (only its hash kept)."""
    prefix = secrets.token_hex(4)
    return prefix, f"ov_{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def api_key_create(
    *, organisation: Organisation, name: str, role: str, by: User | None
) -> tuple[ApiKey, str]:
    """A new key and its text, which is never stored and so shown only now."""
    if not may_manage(by, organisation):
        raise ValidationError(
            {"organisation": _("You may not create API keys for this organisation.")}
        )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the key a name, e.g. the system that uses it.")})
    if role not in KEY_ROLES or not role_fits(role, organisation):
        raise ValidationError(
            {"role": _("An API key acts as an employer-side role of an employer.")}
        )
    prefix, key = _new_key()
    # "(API)" reads the same in both languages: the audit trail names the key "Payroll (API)".
    principal = User(username=f"api-key-{prefix}", first_name=name[:150], last_name="(API)")
    principal.set_unusable_password()
    principal.save()
    Membership.objects.create(user=principal, organisation=organisation, role=role)
    api_key = ApiKey.objects.create(
        organisation=organisation,
        name=name[:100],
        role=role,
        prefix=prefix,
        key_hash=_hash(key),
        principal=principal,
        created_by=by,
    )
    audit.record_write(
        user=by,
        organisation_id=organisation.pk,
        subject=f"API key {api_key}",
        fields="created, role",
    )
    return api_key, key


@transaction.atomic
def personal_key_create(*, user: User, name: str, by: User | None) -> tuple[ApiKey, str]:
    """A personal key acting as `user` herself, made by herself (or by the server's operator on the
    command line, `by` None): never by an administrator for someone else. Its text is shown once."""
    if by is not None and by.pk != user.pk:
        raise ValidationError({"user": _("Only the employee herself makes her personal key.")})
    if not user.is_active or not may_own_key(user):
        raise ValidationError(
            {"user": _("A personal key is for a login that is only an employee's.")}
        )
    name = name.strip()
    if not name or "\x00" in name:
        raise ValidationError({"name": _("Give the key a name, e.g. the program that uses it.")})
    # One request at a time per person: the count below cannot be raced past.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if personal_keys_of(user).filter(revoked_at__isnull=True).count() >= PERSONAL_KEYS_MAX:
        raise ValidationError(
            {"name": _("You have %(n)s keys already: revoke one first.") % {"n": PERSONAL_KEYS_MAX}}
        )
    membership = (
        Membership.objects.filter(user=user, role__in=personal_key_roles())
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    if membership is None:  # may_own_key saw a role; a concurrent removal leaves none
        raise ValidationError(
            {"user": _("A personal key is for a login that is only an employee's.")}
        )
    prefix, key = _new_key()
    api_key = ApiKey.objects.create(
        organisation=membership.organisation,
        name=name[:100],
        role=membership.role,
        prefix=prefix,
        key_hash=_hash(key),
        principal=user,
        personal=True,
        created_by=by,
    )
    audit.record_write(
        user=by,
        organisation_id=membership.organisation_id,
        subject=f"API key {api_key}",
        fields="created, personal",
    )
    return api_key, key


def may_revoke(user: User | None, api_key: ApiKey) -> bool:
    """A personal key by its owner; an organisation's key by its administrators (None: the
    server's operator)."""
    if user is None:
        return True
    if api_key.personal:
        return api_key.principal_id == user.pk
    return may_manage(user, api_key.organisation)


@transaction.atomic
def api_key_revoke(*, api_key: ApiKey, by: User | None) -> None:
    if not may_revoke(by, api_key):
        raise ValidationError({"api_key": _("You may not revoke this key.")})
    api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if api_key.revoked_at is not None:
        raise ValidationError({"api_key": _("This key was already revoked.")})
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
    if not api_key.personal:  # the key's own login; a personal key's is the employee's, kept
        User.objects.filter(pk=api_key.principal_id).update(is_active=False)
    audit.record_write(
        user=by,
        organisation_id=api_key.organisation_id,
        subject=f"API key {api_key}",
        fields="revoked",
    )


def api_key_for(key: str) -> ApiKey | None:
    """The active key `key` is, or None. Notes its use, at most once a minute."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != "ov" or "\x00" in key:
        return None
    others = Membership.objects.filter(user=OuterRef("principal")).exclude(
        role__in=personal_key_roles()
    )
    api_key = (
        ApiKey.objects.filter(prefix=parts[1], revoked_at__isnull=True, principal__is_active=True)
        # A personal key stops when its login gains a role beyond the employee's (may_own_key).
        .filter(Q(personal=False) | ~Exists(others))
        .select_related("principal", "organisation")
        .first()
    )
    if api_key is None or not hmac.compare_digest(api_key.key_hash, _hash(key)):
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_GRANULARITY:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    return api_key
