"""The citations the apps show are `Citation` objects, checked against the statute texts like law/'s own
(tests/law/test_citations.py): the sentences `cited` builds (documents' guidance, wage-measure grounds),
the `{% cite %}` tags of the templates (the knowledge pages' prose included) and those pages' bases.
A translated sentence takes its citation as a placeholder; no sentence or page types one by hand."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

import openverzuim
import openverzuim.cases.models
import openverzuim.documents.types
import openverzuim.guide.duties
from openverzuim.cases.templatetags.law import citation
from openverzuim.core.i18n import CITED
from openverzuim.guide.topics import TOPICS
from openverzuim.law import Basis, Citation
from tests.law.test_citations import test_it_cites_an_article_paragraph_and_sub_that_exist as check

ROOT = Path(openverzuim.__file__).parent
TEMPLATES = sorted(ROOT.glob("*/templates/**/*.html"))
CITE_TAG = re.compile(
    r'{%\s*cite\s+"(\w+)"\s+"(\w+)"((?:\s+(?:lid|sub)="\w+")*)(?:\s+as\s+\w+)?\s*%}'
)


def _tags():
    for path in TEMPLATES:
        for source, article, rest in (
            m.groups() for m in CITE_TAG.finditer(path.read_text("utf-8"))
        ):
            options = dict(re.findall(r'(lid|sub)="(\w+)"', rest))
            yield path.relative_to(ROOT).as_posix(), citation(source, article, **options)


def _cited_citations():
    for text in CITED:
        for _, cited in text.citations:
            yield from cited.citations if isinstance(cited, Basis) else (cited,)


TAGS = list(_tags())
CITATIONS = sorted(
    {*(c for _, c in TAGS), *_cited_citations(), *(c for t in TOPICS for c in t.basis)},
    key=Citation.short,
)


def test_the_apps_cite_through_the_citation_objects():
    assert len(TAGS) >= 10, "the templates' {% cite %} tags were not found"
    assert len(CITED) >= 15
    # A tag the pattern above cannot read would escape the check.
    written = sum(path.read_text("utf-8").count("{% cite ") for path in TEMPLATES)
    assert written == len(TAGS)


@pytest.mark.parametrize("cited", CITATIONS, ids=Citation.short)
def test_an_apps_citation_exists_in_the_law_texts(cited):
    check(cited)


def test_a_cited_sentence_is_translated_with_its_citation_filled_in():
    for text in CITED:
        words = re.sub(r"%\(\w+\)s", "", text.message).strip(" .")
        with translation.override("nl"):
            dutch = translation.gettext(text.message)
        assert not words or dutch != text.message, text.message
        assert sorted(re.findall(r"%\((\w+)\)s", dutch)) == sorted(k for k, _ in text.citations)


# ── No citation typed into a translated sentence or a page ─────────────────────────────────────
HAND_TYPED = re.compile(r"\b(RPG|BKP|ZW|WIA|BW|Wfsv|WML|SUWI|Awt|Arbowet) (art\.|§|7:)")
GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext_lazy",
}


def _translated_strings(path: Path):
    """A .py file's gettext strings; a template's whole text: its prose (the knowledge pages) is
    not translated by the catalogue but cites through `{% cite %}` all the same."""
    text = path.read_text("utf-8")
    if path.suffix == ".html":
        yield text
        return
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT:
            yield from (
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )


def test_no_translated_sentence_or_page_types_a_citation():
    offenders = {}
    for path in [*ROOT.rglob("*.py"), *TEMPLATES]:
        name = path.relative_to(ROOT).as_posix()
        if "migrations" in path.parts:
            continue
        found = [s for s in _translated_strings(path) if HAND_TYPED.search(s)]
        if found:
            offenders[name] = found
    assert offenders == {}


def test_a_sentence_that_takes_a_cite_tag_has_its_dutch_translation():
    sentences = []
    for path in TEMPLATES:
        text = path.read_text("utf-8")
        names = set(re.findall(r"{%\s*cite\s[^%]*\sas\s+(\w+)\s*%}", text))
        for block in re.findall(
            r"{%\s*blocktranslate\s*%}(.*?){%\s*endblocktranslate", text, re.DOTALL
        ):
            used = set(re.findall(r"{{\s*(\w+)\s*}}", block))
            if used & names:
                message = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", block.replace("%", "%%"))
                sentences.append(message)
    assert len(sentences) >= 7
    with translation.override("nl"):
        for message in sentences:
            dutch = translation.gettext(message)
            assert dutch != message, message
            assert sorted(re.findall(r"%\((\w+)\)s", dutch)) == sorted(
                re.findall(r"%\((\w+)\)s", message)
            )
