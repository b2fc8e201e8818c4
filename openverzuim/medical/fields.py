"""Model fields that encrypt on save and decrypt on load (crypto.py).

The database holds only Fernet tokens. A token differs on every save (random IV), so these fields
cannot be searched or compared in a query: the vault is read per case, never searched by content.
"""

from __future__ import annotations

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text, stored as a Fernet token (ASCII)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return None
        return crypto.encrypt(value.encode("utf-8")).decode("ascii")

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt(value.encode("ascii")).decode("utf-8")


class EncryptedBinaryField(models.BinaryField):
    """Bytes (a file's contents), stored as a Fernet token."""

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is not None:
            value = crypto.encrypt(bytes(value))
        return super().get_db_prep_value(value, connection, prepared)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return crypto.decrypt(bytes(value))
