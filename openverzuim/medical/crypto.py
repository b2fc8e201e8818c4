"""Encryption at rest of the vault's sensitive fields (Fernet: AES-128-CBC with an HMAC).

The key comes from the environment (MEDICAL_ENCRYPTION_KEY); older keys in
MEDICAL_ENCRYPTION_KEYS_OLD still decrypt, so that a key can be rotated without downtime: encrypt
with the new key, re-save the rows (services.reencrypt_vault), then drop the old key. A value no
key can decrypt stops the request with VaultKeyError instead of showing garbage or nothing.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class VaultKeyError(RuntimeError):
    """Stored data that none of the configured keys can decrypt: the wrong key, or tampering."""


@cache
def _cipher(current: str, old: tuple[str, ...]) -> MultiFernet:
    ciphers = []
    for name, key in [("MEDICAL_ENCRYPTION_KEY", current)] + [
        ("MEDICAL_ENCRYPTION_KEYS_OLD", key) for key in old
    ]:
        try:
            ciphers.append(Fernet(key))
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"{name}: not a Fernet key (32 url-safe base64-encoded bytes; make one with "
                "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`)."
            ) from None
    return MultiFernet(ciphers)


def cipher() -> MultiFernet:
    """The configured keys; read from settings on every call so that tests can change them."""
    return _cipher(settings.MEDICAL_ENCRYPTION_KEY, tuple(settings.MEDICAL_ENCRYPTION_KEYS_OLD))


def encrypt(data: bytes) -> bytes:
    return cipher().encrypt(data)


def decrypt(token: bytes) -> bytes:
    try:
        return cipher().decrypt(token)
    except InvalidToken:
        raise VaultKeyError(
            "Medical vault data cannot be decrypted with MEDICAL_ENCRYPTION_KEY or "
            "MEDICAL_ENCRYPTION_KEYS_OLD: the key is wrong or the data was altered."
        ) from None
