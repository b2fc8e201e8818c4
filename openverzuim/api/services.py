"""Creating and revoking API keys: a policy row of its own ("manage_api_keys"), audited.

A key is `ov_<prefix>_<secret>`; the prefix finds the row, the sha256 of the whole key checks it.
Its principal is a login without a password holding exactly the key's role in its organisation
(models.ApiKey), made inactive when the key is revoked, so the policies refuse it everywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openverzuim.accounts import audit
from openverzuim.accounts.models import Membership, Organisation, User
from openverzuim.accounts.policies import grants, organisations_for, role_fits, roles_in
from openverzuim.accounts.roles import Role

from .models import ApiKey

#: The roles a key may act as: the employer side. No physician's key (the vault has no API) and no
#: employee's key (an employee's own file is theirs to open, after a second factor).
KEY_ROLES = (
    Role.EMPLOYER_ADMIN,
    Role.CASE_MANAGER,
    Role.LINE_MANAGER,
    Role.REINTEGRATION_CONSULTANT,
)
#: `last_used_at` is written at most this often per key, not on every call.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_organisations(user: User) -> QuerySet[Organisation]:
    """The organisations whose keys `user` may create and revoke."""
    return organisations_for(user, grants("manage_api_keys").keys())


def keys_of(user: User) -> QuerySet[ApiKey]:
    return ApiKey.objects.filter(organisation__in=key_organisations(user)).select_related(
        "organisation", "created_by"
    )


def may_manage(user: User | None, organisation: Organisation) -> bool:
    """None is the command line (`manage.py create_api_key`): the server's operator."""
    return user is None or bool(roles_in(user, organisation) & grants("manage_api_keys").keys())


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
    prefix = secrets.token_hex(4)
    key = f"ov_{prefix}_{secrets.token_urlsafe(32)}"
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
def api_key_revoke(*, api_key: ApiKey, by: User | None) -> None:
    if not may_manage(by, api_key.organisation):
        raise ValidationError({"api_key": _("You may not revoke this key.")})
    if api_key.revoked_at is not None:
        raise ValidationError({"api_key": _("This key was already revoked.")})
    api_key.revoked_at = timezone.now()
    api_key.save(update_fields=["revoked_at"])
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
    api_key = (
        ApiKey.objects.filter(prefix=parts[1], revoked_at__isnull=True, principal__is_active=True)
        .select_related("principal", "organisation")
        .first()
    )
    if api_key is None or not hmac.compare_digest(api_key.key_hash, _hash(key)):
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_GRANULARITY:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    return api_key
