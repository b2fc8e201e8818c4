"""The vault's sensitive fields are encrypted at rest with the key from the environment."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

from openverzuim.medical import services
from openverzuim.medical.crypto import VaultKeyError, cipher
from openverzuim.medical.models import ConsultationNote, Correspondence, Diagnosis

pytestmark = pytest.mark.django_db(databases=["default", "medical"])
SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"


def _raw(model, column: str, pk: int):
    """The column as stored, read with a plain cursor on the medical connection."""
    connection = connections["medical"]
    table, column = (
        connection.ops.quote_name(model._meta.db_table),
        connection.ops.quote_name(column),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_it_stores_no_plain_text_in_the_vault(filled_vault, plain_note):
    raw_note = _raw(ConsultationNote, "text", filled_vault["note"].pk)
    assert "herniated" not in raw_note and plain_note not in raw_note
    assert raw_note.startswith("gAAAA")  # a Fernet token
    assert "Hernia" not in _raw(Diagnosis, "text", filled_vault["diagnosis"].pk)
    assert "L86" not in _raw(Diagnosis, "cas_code", filled_vault["diagnosis"].pk)
    letter = filled_vault["correspondence"].pk
    assert b"MRI" not in bytes(_raw(Correspondence, "file_content", letter))
    assert "mri.pdf" not in _raw(Correspondence, "file_name", letter)
    assert "neurologist" not in _raw(Correspondence, "correspondent", letter)


def test_it_decrypts_on_load(filled_vault, plain_note):
    assert ConsultationNote.objects.get().text == plain_note
    letter = Correspondence.objects.get()
    assert (letter.file_name, bytes(letter.file_content)) == ("mri.pdf", b"%PDF-1.4 MRI L5-S1")
    assert Diagnosis.objects.get().cas_code == "L86"


def test_a_wrong_key_fails_loudly(filled_vault, settings):
    settings.MEDICAL_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(VaultKeyError, match="MEDICAL_ENCRYPTION_KEY"):
        ConsultationNote.objects.get()


def test_an_old_key_still_decrypts_and_reencrypting_moves_to_the_new_key(
    filled_vault, settings, plain_note
):
    old_key = settings.MEDICAL_ENCRYPTION_KEY
    settings.MEDICAL_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.MEDICAL_ENCRYPTION_KEYS_OLD = [old_key]
    assert ConsultationNote.objects.get().text == plain_note
    assert services.reencrypt_vault() == 4
    settings.MEDICAL_ENCRYPTION_KEYS_OLD = []
    assert ConsultationNote.objects.get().text == plain_note
    assert bytes(Correspondence.objects.get().file_content) == b"%PDF-1.4 MRI L5-S1"


def test_a_malformed_key_is_refused_naming_the_variable(settings):
    settings.MEDICAL_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(ImproperlyConfigured, match="MEDICAL_ENCRYPTION_KEY"):
        cipher()


def _load_settings(monkeypatch, **environ):
    for name in (
        "DEBUG",
        "PYTEST_VERSION",
        "MEDICAL_ENCRYPTION_KEY",
        "MEDICAL_ENCRYPTION_KEY_FILE",
        "MEDICAL_DATABASE_URL",
        "DATABASE_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_production_refuses_to_start_without_a_vault_key(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="MEDICAL_ENCRYPTION_KEY"):
        _load_settings(monkeypatch, SECRET_KEY="k" * 50)


def test_the_vault_has_its_own_database_setting(monkeypatch):
    loaded = _load_settings(monkeypatch, DEBUG="1")
    assert loaded["DATABASES"]["medical"]["NAME"].endswith("medical.sqlite3")
    assert loaded["MEDICAL_ENCRYPTION_KEY"]  # a development key under DEBUG
    url = "postgres://vault@vault.arbodienst.internal:5432/vault"
    loaded = _load_settings(monkeypatch, DEBUG="1", MEDICAL_DATABASE_URL=url)
    vault = loaded["DATABASES"]["medical"]
    assert (vault["ENGINE"], vault["HOST"], vault["NAME"]) == (
        "django.db.backends.postgresql",
        "vault.arbodienst.internal",
        "vault",
    )
    assert loaded["DATABASES"]["default"]["NAME"] != "vault"
