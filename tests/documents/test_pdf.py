"""The PDF of a version: every page carries the case and employee in its header and its page number,
also when the employer's name holds characters that need escaping."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from openverzuim.documents.pdf import field_rows, version_pdf
from openverzuim.documents.types import PROGRESS_REVIEW


def test_every_page_has_the_header_and_its_number(draft, valid, eva_sick, bakery):
    bakery.name = "Bakkerij 't Hoekje"
    bakery.save()
    long_goal = "Terug naar het eigen werk. " * 400
    document = draft("action_plan", dict(valid["action_plan"], goal=long_goal))
    pages = PdfReader(io.BytesIO(version_pdf(document.latest()))).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert "Eva de Vries · Bakkerij 't Hoekje" in text
        assert f"page {number} of {len(pages)}" in text
    assert "Not signed yet: this is a draft." in pages[-1].extract_text()


@pytest.mark.parametrize("language, shown", [("nl", "20 dec 2026"), ("en", "20 Dec 2026")])
def test_a_date_field_is_written_as_people_write_dates_not_iso(language, shown):
    with translation.override(language):
        assert _review_date({"review_date": "2026-12-20"}) == shown


def test_a_stored_date_that_is_no_date_is_shown_as_it_is():
    assert _review_date({"review_date": "not a date"}) == "not a date"


def _review_date(content: dict) -> str:
    return next(
        row["value"] for row in field_rows(PROGRESS_REVIEW, content) if row["name"] == "review_date"
    )
