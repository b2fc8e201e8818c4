"""Every document type: create, validate, sign, the frozen signed version, a new version after a
change, the timeline event it records, and a PDF whose text holds the key fields."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from openverzuim.cases.models import Event
from openverzuim.documents import selectors, services
from openverzuim.documents.models import DocumentVersion
from openverzuim.documents.spec import MEDICAL_FIELD_NAMES
from openverzuim.documents.types import TYPES

ALL = sorted(TYPES)


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _first_required(code: str):
    return next(f for f in TYPES[code].fields if f.required)


@pytest.mark.parametrize("code", ALL)
def test_it_refuses_content_without_a_required_field_and_names_it(code, draft, valid):
    field = _first_required(code)
    content = dict(valid[code], **{field.name: [] if field.kind == "list" else ""})
    with pytest.raises(ValidationError) as error:
        draft(code, content)
    assert field.name in error.value.message_dict
    assert str(field.label) in error.value.message_dict[field.name][0]


@pytest.mark.parametrize("code", ALL)
def test_it_signs_freezes_archives_and_records_the_event(code, draft, sign, eva_sick, today, valid):
    document = draft(code)
    version = sign(document)
    spec = TYPES[code]
    assert version.signed_on == today and version.missing_parties() == []
    assert {s.party for s in version.signatures.all()} == set(spec.signers)
    assert all(s.content_sha256 == version.content_sha256 for s in version.signatures.all())
    kinds = set(Event.objects.filter(case=eva_sick).values_list("kind", flat=True))
    assert kinds == set(spec.events_on_signing(version.content))
    # dated by the document's own date field where it has one (a review's meeting), else signed
    held_on = valid[code].get(spec.event_date_field) if spec.event_date_field else None
    assert all(
        e.date.isoformat() == (held_on or today.isoformat())
        for e in Event.objects.filter(case=eva_sick)
    )
    text = _pdf_text(version.pdf.read())
    key = next(f for f in spec.fields if f.kind in ("text", "textarea"))
    assert valid[code][key.name].split()[0] in text
    assert "Eva de Vries" in text and version.content_sha256[:20] in text.replace("\n", "")


@pytest.mark.parametrize("code", ALL)
def test_a_signed_version_cannot_change(code, draft, sign, parties, valid):
    version = sign(draft(code))
    version.content = dict(version.content, **{_first_required(code).name: "changed"})
    with pytest.raises(ValidationError):
        version.save()
    author = parties[TYPES[code].author]
    reach = selectors.case_reach_for(user=author, case_id=version.document.case_id)
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            version=version, content=valid[code], by=author, parties=reach.parties
        )
    assert "content" in error.value.message_dict
    assert DocumentVersion.objects.get(pk=version.pk).content == valid[code]


@pytest.mark.parametrize("code", ALL)
def test_a_change_after_signing_is_a_new_version_with_its_reason(
    code, draft, sign, parties, eva_sick, valid
):
    document = draft(code)
    first = sign(document)
    author = parties[TYPES[code].author]
    reach = selectors.case_reach_for(user=author, case_id=eva_sick.pk)
    with pytest.raises(ValidationError) as error:
        services.version_new(
            document=document, content=valid[code], reason=" ", by=author, parties=reach.parties
        )
    assert "reason" in error.value.message_dict
    second = services.version_new(
        document=document, content=valid[code], reason="Evaluatie", by=author, parties=reach.parties
    )
    assert (second.number, second.reason, second.signed_on) == (2, "Evaluatie", None)
    assert second.missing_parties() == list(TYPES[code].signers)
    events = Event.objects.filter(case=eva_sick).count()
    sign(document)
    assert Event.objects.filter(case=eva_sick).count() == events  # recorded once, at first signing
    first.refresh_from_db()
    assert first.signed_on and first.pdf and first.content == valid[code]


def test_no_document_type_declares_a_medical_field():
    for spec in TYPES.values():
        names = {f.name for f in spec.fields} | {c.name for f in spec.fields for c in f.columns}
        assert not names & MEDICAL_FIELD_NAMES, spec.code
