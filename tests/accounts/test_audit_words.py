"""The audit trail in people's words: the audit log, "who viewed my dossier" and a document's
signature line show role labels and translated subjects, never the stored codes."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from openverzuim.accounts.audit import record_read, record_write
from openverzuim.accounts.audit_words import fields_words, role_names, subject_words

pytestmark = pytest.mark.django_db(databases=["default", "medical"])

#: What the trail stores and no page may show; "(form)" is English, right on the English page only.
CODES = {
    "en": ("employer_admin", "case_manager", "progress_review", "medical vault", "new "),
    "nl": ("employer_admin", "case_manager", "progress_review", "medical vault", "new ", "(form)"),
}


@pytest.mark.parametrize(
    "subject, en, nl",
    [
        ("case", "sickness case", "verzuimdossier"),
        ("document 12 v3", "document 12 version 3", "document 12 versie 3"),
        ("new progress_review", "Progress review report (new)", "(nieuw)"),
        ("medical vault note 4", "medical file consultation note 4", "medisch dossier"),
        (
            "access request export (json)",
            "download of your data (data file)",
            "download van uw gegevens (gegevensbestand)",
        ),
    ],
)
def test_a_subject_is_put_into_words_in_both_languages(subject, en, nl):
    with translation.override("en"):
        assert subject_words(subject) == en
    with translation.override("nl"):
        assert nl in subject_words(subject) and subject_words(subject) != subject


def test_roles_and_fields_are_named_not_coded():
    with translation.override("nl"):
        assert role_names("case_manager,employer_admin") == "Casemanager, Werkgever / HR"
        assert fields_words("form, served_by") == "formulier, served by"


@pytest.fixture
def trail(eva_sick, anna, bram):
    common = {
        "organisation_id": eva_sick.organisation_id,
        "case_id": eva_sick.pk,
        "employee_id": eva_sick.employee_id,
    }
    record_read(user=anna, subject="case", fields="form", **common)
    record_read(user=anna, subject="new progress_review", fields="form", **common)
    record_write(user=bram, subject="document 7 v2", fields="signature", **common)
    record_read(user=anna, subject="medical vault note 4", **common)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_audit_log_shows_no_codes(client, anna, trail, language):
    client.force_login(anna)
    page = client.get(reverse("accounts:audit_log"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "Anna" in page and "Bram" in page
    assert [code for code in CODES[language] if code in page] == []
    assert ("Employer / HR" if language == "en" else "Werkgever / HR") in page


@pytest.mark.parametrize("language", ["nl", "en"])
def test_who_viewed_my_dossier_shows_no_codes(client, eva_user, trail, language):
    client.force_login(eva_user)
    page = client.get(reverse("portal:who_viewed"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "Anna" in page and "Bram" in page
    assert [code for code in CODES[language] if code in page] == []


def test_the_signature_line_names_the_role_and_writes_the_date_in_dutch():
    signature = SimpleNamespace(
        get_party_display="Werkgever",
        user="Anna Vermeer",
        role="employer_admin",
        signed_at=datetime(2026, 12, 20, 9, 30, tzinfo=UTC),
        content_sha256="ab",
    )
    context = {
        "spec": SimpleNamespace(
            title="Plan van aanpak", basis=SimpleNamespace(short=""), free_text_label=""
        ),
        "case": SimpleNamespace(
            employee=SimpleNamespace(full_name="Eva"), organisation=SimpleNamespace(name="Bakkerij")
        ),
        "version": SimpleNamespace(number=1, reason="", free_text="", content_sha256="cd"),
        "rows": [],
        "signatures": [signature],
        "missing": [],
    }
    with translation.override("nl"):
        html = render_to_string("documents/pdf/_version_body.html", context)
    assert "Werkgever: Anna Vermeer (Werkgever / HR), 20 december 2026" in html
    assert "employer_admin" not in html and "2026-12-20" not in html
