"""The PDF of a version: every page carries the case and employee in its header and its page number,
also when the employer's name holds characters that need escaping."""

from __future__ import annotations

import io

from pypdf import PdfReader

from openverzuim.documents.pdf import version_pdf


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
