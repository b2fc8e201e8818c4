"""The services' guards: only the author writes, only a party still to sign signs, the content signed
is the content seen, a copy date is checked, and a list page costs the same queries for 1 or 10."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openverzuim.cases.models import Case
from openverzuim.documents import selectors, services
from openverzuim.documents.models import Document
from openverzuim.documents.spec import EMPLOYEE, EMPLOYER, PHYSICIAN


def _reach(user, case):
    return selectors.case_reach_for(user=user, case_id=case.pk)


def test_the_parties_each_persona_acts_as(anna, bram, eva_user, dirk, carla, eva_sick):
    assert _reach(anna, eva_sick).parties == {EMPLOYER}
    assert _reach(eva_user, eva_sick).parties == {EMPLOYEE}
    assert _reach(dirk, eva_sick).parties == {PHYSICIAN}
    for stranger in (bram, carla):  # bram is not Eva's case manager
        with pytest.raises(Case.DoesNotExist):
            _reach(stranger, eva_sick)


def test_only_the_author_writes_a_document(anna, dirk, eva_sick, valid):
    with pytest.raises(ValidationError) as error:
        services.document_create(
            case=eva_sick,
            type_code="problem_analysis",
            by=anna,
            content=valid["problem_analysis"],
            parties={EMPLOYER},
        )
    assert "type_code" in error.value.message_dict and not Document.objects.exists()


def test_free_text_only_where_the_type_has_it(anna, eva_sick, valid):
    with pytest.raises(ValidationError) as error:
        services.document_create(
            case=eva_sick,
            type_code="work_order",
            by=anna,
            free_text="x",
            content=valid["work_order"],
            parties={EMPLOYER},
        )
    assert "free_text" in error.value.message_dict


def test_unknown_fields_and_bad_values_are_named(anna, eva_sick, valid):
    with pytest.raises(ValidationError) as error:
        services.document_create(
            case=eva_sick,
            type_code="progress_review",
            by=anna,
            content=valid["progress_review"] | {"diagnosis": "x"},
            parties={EMPLOYER},
        )
    assert list(error.value.message_dict) == ["diagnosis"]
    with pytest.raises(ValidationError) as error:
        services.document_create(
            case=eva_sick,
            type_code="progress_review",
            by=anna,
            content=valid["progress_review"] | {"hours_worked": "70"},
            parties={EMPLOYER},
        )
    assert list(error.value.message_dict) == ["hours_worked"]


def test_nobody_signs_for_a_party_they_are_not_or_twice(draft, anna, eva_user, today):
    version = draft("action_plan").latest()
    read = version.content_sha256
    with pytest.raises(ValidationError) as error:
        services.version_sign(
            version=version,
            party=EMPLOYEE,
            by=anna,
            parties={EMPLOYER},
            today=today,
            expected_sha256=read,
        )
    assert "party" in error.value.message_dict
    services.version_sign(
        version=version,
        party=EMPLOYER,
        by=anna,
        parties={EMPLOYER},
        today=today,
        expected_sha256=read,
    )
    with pytest.raises(ValidationError):
        services.version_sign(
            version=version,
            party=EMPLOYER,
            by=anna,
            parties={EMPLOYER},
            today=today,
            expected_sha256=read,
        )
    with pytest.raises(ValidationError) as error:
        services.version_sign(
            version=version,
            party=EMPLOYEE,
            by=eva_user,
            parties={EMPLOYEE},
            today=today,
            expected_sha256="f" * 64,
        )
    assert "version" in error.value.message_dict and version.signatures.count() == 1


def test_an_old_version_is_not_signed(draft, sign, anna, today, valid):
    document = draft("action_plan")
    first = sign(document)
    services.version_new(
        document=document,
        content=valid["action_plan"],
        reason="Bijstelling",
        by=anna,
        parties={EMPLOYER},
    )
    with pytest.raises(ValidationError) as error:
        services.version_edit(
            version=first, content=valid["action_plan"], by=anna, parties={EMPLOYER}
        )
    assert "content" in error.value.message_dict


def test_the_copy_date_is_checked(draft, sign, anna, today):
    draft_version = draft("written_warning").latest()
    with pytest.raises(ValidationError, match="signed version"):
        services.copy_received_record(version=draft_version, on=today, by=anna, today=today)
    version = sign(draft("action_plan"))
    for bad in (today.replace(year=2030), today.replace(year=2025)):
        with pytest.raises(ValidationError) as error:
            services.copy_received_record(version=version, on=bad, by=anna, today=today)
        assert "on" in error.value.message_dict


def test_a_lost_archive_file_is_printed_afresh(draft, sign, client, anna):
    version = sign(draft("action_plan"))
    version.pdf.storage.delete(version.pdf.name)
    client.force_login(anna)
    response = client.get(reverse("documents:pdf", args=[version.document.pk, 1]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("page", ["documents:case", "documents:report"])
def test_the_list_pages_cost_the_same_queries_for_one_or_ten_documents(
    page, draft, sign, client, anna, eva_sick
):
    client.force_login(anna)
    url = reverse(page, args=[eva_sick.pk])
    sign(draft("progress_review"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(9):
        sign(draft("progress_review"))
    with CaptureQueriesContext(connection) as ten:
        assert client.get(url).status_code == 200
    assert len(ten) == len(one)


def test_a_signed_review_report_records_the_meeting_not_the_signing_day(
    draft, sign, eva_sick, valid, today
):
    """The review was held on 1 April 2026 and signed months later (22 November): the timeline
    counts the meeting, and the next review is reckoned from it."""
    version = sign(draft("progress_review"))
    assert version.signed_on == today
    event = eva_sick.events.get(kind="progress_review")
    assert event.date.isoformat() == valid["progress_review"]["review_date"]


def test_a_document_without_a_date_field_records_its_signing_day(draft, sign, eva_sick, today):
    sign(draft("first_year_evaluation"))
    assert eva_sick.events.get(kind="first_year_evaluation").date == today
