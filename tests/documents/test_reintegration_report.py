"""The re-integration report: a complete dossier passes, each single missing item is named, the
bundle holds the index and every document, and nothing medical reaches it."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from openverzuim.documents import selectors, services
from openverzuim.documents.report import ITEMS, reintegration_report
from openverzuim.documents.types import TYPES

REPORT_TYPES = sorted({code for _letter, _part, _title, codes in ITEMS for code in codes})


@pytest.fixture
def dossier(draft, sign, anna, today):
    """Every document of the report drafted, signed by all, and a copy handed to the employee."""
    documents = {}
    for code in [*REPORT_TYPES, "progress_review"]:
        documents[code] = draft(code)
        version = sign(documents[code])
        services.copy_received_record(version=version, on=today, by=anna, today=today)
    return documents


def _report(anna, case):
    reach = selectors.case_reach_for(user=anna, case_id=case.pk)
    return reintegration_report(reach.case, selectors.case_documents(reach))


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_a_complete_dossier_passes(dossier, anna, eva_sick):
    report = _report(anna, eva_sick)
    assert report.missing == []
    assert [i.letter for i in report.items] == list("abcdefghijkl")
    assert all(i.versions or i.facts for i in report.items)


@pytest.mark.parametrize("code", REPORT_TYPES)
def test_each_missing_document_is_named_with_its_letter(code, draft, sign, anna, eva_sick, today):
    for other in REPORT_TYPES:
        if other != code:
            version = sign(draft(other))
            services.copy_received_record(version=version, on=today, by=anna, today=today)
    missing = _report(anna, eva_sick).missing
    letters = {letter for letter, _p, _t, codes in ITEMS if code in codes}
    assert len(missing) == len(letters)
    assert all(str(TYPES[code].title).lower() in m for m in missing)
    assert {m.split(".")[0] for m in missing} == letters


def test_an_unsigned_new_version_is_named(dossier, anna, eva_sick, valid, parties):
    reach = selectors.case_reach_for(user=anna, case_id=eva_sick.pk)
    services.version_new(
        document=dossier["action_plan"],
        content=valid["action_plan"],
        reason="Bijstelling",
        by=anna,
        parties=reach.parties,
    )
    assert _report(anna, eva_sick).missing == [
        "Plan of action, version 2: not yet signed by employer, employee."
    ]


def test_a_missing_copy_to_the_employee_is_named(dossier, anna, eva_sick):
    version = dossier["current_opinion"].latest()
    version.copy_to_employee_on = None
    version.save()
    assert _report(anna, eva_sick).missing == [
        "Physician's current opinion (employer's part), version 1: no copy to the employee recorded."
    ]


def test_a_missing_occupational_health_service_is_named(dossier, anna, eva_sick, bakery):
    bakery.served_by = None
    bakery.save()
    missing = _report(anna, eva_sick).missing
    assert len(missing) == 1 and missing[0].startswith("a. ")


def test_medical_words_in_a_document_are_named(dossier, anna, eva_sick, monkeypatch):
    monkeypatch.setattr(
        "openverzuim.documents.medical_check.medical_terms_in",
        lambda text: ["hernia"] if "hernia" in text else [],
    )
    assert _report(anna, eva_sick).missing == []
    version = dossier["final_evaluation"].latest()
    type(version).objects.filter(pk=version.pk).update(
        free_text="Na de hernia"
    )  # bypass, as a leak
    missing = _report(anna, eva_sick).missing
    assert len(missing) == 1 and "hernia" in missing[0] and "Final evaluation" in missing[0]


def test_the_bundle_holds_the_index_and_every_document_and_nothing_medical(
    dossier, anna, eva_sick, client, valid
):
    client.force_login(anna)
    response = client.get(reverse("documents:bundle", args=[eva_sick.pk]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[0] == "00-re-integratieverslag.pdf" and len(names) == 1 + len(REPORT_TYPES) + 1
    text = _text(archive.read(names[0]))
    for code in REPORT_TYPES:
        first = next(f for f in TYPES[code].fields if f.kind in ("text", "textarea"))
        assert valid[code][first.name].split()[0] in text
    for word in ("diagnos", "medicat", "Medische informatie"):
        assert word.lower() not in text.lower()
    page = client.get(reverse("documents:report", args=[eva_sick.pk])).content.decode()
    assert 'class="notice complete"' in page
