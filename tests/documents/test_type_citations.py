"""Every document type and letter cites its basis as `Citation` objects, and each names an article,
paragraph and sub that exist in the statute texts (the check of tests/law/test_citations.py)."""

from __future__ import annotations

import pytest

from openverzuim.documents.types import TYPES
from openverzuim.law import Basis, Citation
from tests.law.test_citations import test_it_cites_an_article_paragraph_and_sub_that_exist as check

CITATIONS = sorted({c for spec in TYPES.values() for c in spec.basis.citations}, key=Citation.short)


@pytest.mark.parametrize("citation", CITATIONS, ids=Citation.short)
def test_a_document_types_citation_exists_in_the_law_texts(citation):
    check(citation)


def test_every_document_type_has_a_basis_and_pages_show_its_short_form():
    assert all(isinstance(spec.basis, Basis) and spec.basis.citations for spec in TYPES.values())
    assert TYPES["reintegration_agreement"].basis.short() == "BW 7:658a; BW 7:660a"
    assert TYPES["expert_opinion_request"].basis.short() == "SUWI art. 32"
