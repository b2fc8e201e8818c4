"""Signing with a position: agreed, or "seen, not agreed" with a required comment. The signature keeps
it; the document page, its PDF and the gatekeeper assessment's findings show which."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from openverzuim.cases.engine import CaseRun
from openverzuim.documents import selectors, services
from openverzuim.documents.models import Signature
from openverzuim.documents.spec import EMPLOYEE, EMPLOYER
from openverzuim.measures.assessment import assess_case

OBJECTION = "De taken in week 3 passen niet bij het advies van de bedrijfsarts."


def _sign(version, user, party, today, **position):
    reach = selectors.case_reach_for(user=user, case_id=version.document.case_id)
    return services.version_sign(
        version=version,
        party=party,
        by=user,
        parties=reach.parties,
        today=today,
        expected_sha256=version.content_sha256,
        **position,
    )


@pytest.fixture
def plan_signed_in_dispute(draft, anna, eva_user, today):
    """Anna agrees to the plan of action; Eva signs it as seen, not agreed, with her objection."""
    document = draft("action_plan")
    version = document.latest()
    _sign(version, anna, EMPLOYER, today)
    _sign(version, eva_user, EMPLOYEE, today, position="seen_not_agreed", comment=OBJECTION)
    version.refresh_from_db()
    return version


def test_seen_not_agreed_needs_a_comment_named_as_the_field(draft, eva_user, today):
    version = draft("action_plan").latest()
    for comment in ("", "   \n "):
        with pytest.raises(ValidationError) as refused:
            _sign(version, eva_user, EMPLOYEE, today, position="seen_not_agreed", comment=comment)
        assert "comment" in refused.value.message_dict
    assert not version.signatures.exists()


@pytest.mark.parametrize(
    ("position", "comment", "field"),
    [
        ("maybe", "", "position"),
        ("seen_not_agreed", "bad\x00byte", "comment"),
        ("seen_not_agreed", "x" * 2001, "comment"),
    ],
)
def test_a_bad_position_or_comment_is_refused_by_field(
    draft, eva_user, today, position, comment, field
):
    version = draft("action_plan").latest()
    with pytest.raises(ValidationError) as refused:
        _sign(version, eva_user, EMPLOYEE, today, position=position, comment=comment)
    assert field in refused.value.message_dict
    assert not version.signatures.exists()


def test_the_database_refuses_a_disagreement_without_a_comment(plan_signed_in_dispute):
    signature = plan_signed_in_dispute.signatures.get(party=EMPLOYEE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Signature.objects.filter(pk=signature.pk).update(comment="")


def test_a_disagreement_still_completes_the_version_and_keeps_its_comment(plan_signed_in_dispute):
    assert plan_signed_in_dispute.signed_on is not None  # signed for receipt: the plan stands
    positions = {s.party: (s.position, s.comment) for s in plan_signed_in_dispute.signatures.all()}
    assert positions == {EMPLOYER: ("agreed", ""), EMPLOYEE: ("seen_not_agreed", OBJECTION)}


def test_the_document_page_and_the_pdf_show_the_position(client, anna, plan_signed_in_dispute):
    client.force_login(anna)
    page = client.get(reverse("documents:detail", args=[plan_signed_in_dispute.document_id]))
    html = page.content.decode()
    assert "gezien, niet akkoord" in html and "akkoord" in html
    assert "De taken in week 3 passen niet" in html
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(plan_signed_in_dispute.pdf.read())).pages
    ).replace("\n", " ")
    # archived when the last party signed, in that moment's language (English in these tests)
    assert "seen, not agreed" in text and "De taken in week 3 passen niet" in text


def test_the_employee_signs_seen_not_agreed_on_the_page(client, draft, anna, eva_user, today):
    document = draft("action_plan")
    version = document.latest()
    _sign(version, anna, EMPLOYER, today)
    client.force_login(eva_user)
    url = reverse("documents:sign", args=[document.pk, 1])
    form = client.get(url).content.decode()
    assert 'value="seen_not_agreed"' in form and 'name="comment"' in form
    read = {"sha256": version.content_sha256, "position": "seen_not_agreed"}
    refused = client.post(url, read | {"comment": ""})
    assert refused.status_code == 400
    assert "Opmerking" in refused.content.decode()  # the field's name, in the error
    assert client.post(url, read | {"comment": OBJECTION}).status_code == 302
    signature = version.signatures.get(party=EMPLOYEE)
    assert (signature.position, signature.comment) == ("seen_not_agreed", OBJECTION)


def test_the_assessment_finds_the_disagreement(plan_signed_in_dispute, eva_sick, today):
    result = assess_case(CaseRun(eva_sick, today))
    finding = next(f for f in result.findings if f.id == "employee_signed_not_agreed")
    assert finding.severity == "warning" and finding.on == today
    assert "seen, not agreed" in finding.reason("en") and "'Plan of action'" in finding.reason("en")
    with translation.override("nl"):  # the title reads in the page's language
        assert "'Plan van aanpak'" in finding.reason("nl")
        assert "gezien, niet akkoord" in finding.reason("nl")


def test_the_case_risks_page_shows_the_disagreement(client, anna, plan_signed_in_dispute, eva_sick):
    client.force_login(anna)
    html = client.get(reverse("measures:case", args=[eva_sick.pk])).content.decode()
    assert "als &#x27;gezien, niet akkoord&#x27;" in html or "als 'gezien, niet akkoord'" in html


def test_agreed_signatures_make_no_finding(draft, sign, eva_sick, today):
    sign(draft("action_plan"))
    result = assess_case(CaseRun(eva_sick, today))
    assert not [f for f in result.findings if f.id.endswith("_signed_not_agreed")]
