"""The vault's rows land in the medical database only; the release sits beside the case."""

from __future__ import annotations

import pytest
from django.db import connections, router

from openverzuim.cases.models import Case
from openverzuim.medical.models import VAULT_MODELS, ConsultationNote, Release

pytestmark = pytest.mark.django_db(databases=["default", "medical"])


def _count(alias: str, table: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connections[alias].ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


def _tables(alias: str) -> set[str]:
    with connections[alias].cursor() as cursor:
        return set(connections[alias].introspection.table_names(cursor))


def test_it_creates_the_vault_tables_in_the_medical_database_only():
    vault_tables = {model._meta.db_table for model in VAULT_MODELS}
    assert vault_tables <= _tables("medical")
    assert not vault_tables & _tables("default")


def test_it_keeps_every_other_table_out_of_the_medical_database():
    assert Case._meta.db_table not in _tables("medical")
    assert Release._meta.db_table not in _tables("medical")
    assert Release._meta.db_table in _tables("default")
    assert _tables("medical") - {model._meta.db_table for model in VAULT_MODELS} == {
        "django_migrations"
    }


def test_it_writes_vault_rows_to_the_medical_database(filled_vault):
    for model in VAULT_MODELS:
        assert _count("medical", model._meta.db_table) == 1, model
        assert router.db_for_write(model) == "medical"
        assert router.db_for_read(model) == "medical"
    assert filled_vault["note"]._state.db == "medical"


def test_it_writes_the_release_to_the_default_database(filled_vault):
    assert router.db_for_write(Release) == "default"
    assert _count("default", Release._meta.db_table) == 1
    assert filled_vault["release"]._state.db == "default"


def test_it_refers_to_the_case_by_plain_ids_that_match_the_case(filled_vault, eva_sick, dirk):
    note = ConsultationNote.objects.get()
    assert (note.case_id, note.employee_id, note.organisation_id, note.author_id) == (
        eva_sick.pk,
        eva_sick.employee_id,
        eva_sick.organisation_id,
        dirk.pk,
    )
    assert note.author_name == "Dirk"


def test_it_refuses_a_relation_across_the_border(filled_vault, eva_sick):
    assert router.allow_relation(filled_vault["note"], eva_sick) is False
    assert router.allow_relation(filled_vault["release"], eva_sick) is not False


def test_a_new_medical_model_would_be_private_by_default():
    assert router.allow_migrate("medical", "medical", model_name="anythingnew") is True
    assert router.allow_migrate("default", "medical", model_name="anythingnew") is False
    assert router.allow_migrate("default", "medical", model_name="release") is True
    assert router.allow_migrate("medical", "cases", model_name="case") is False


def test_no_medical_model_is_registered_in_the_admin():
    from django.contrib import admin

    assert not [model for model in admin.site._registry if model._meta.app_label == "medical"]
