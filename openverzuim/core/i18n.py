"""The rules engine's texts on a page: the language law/explain.py and law/assessment_text.py are
asked for, and law's source strings and cited sentences translated at the edge (law/ has no
catalogue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_lazy

from openverzuim.law import Basis, Citation, Text

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # django-stubs' name of a lazy str

    LazyStr = _StrPromise | str


def engine_language() -> str:
    """ "en" when the page is in English, else "nl" (Dutch, the default)."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _render(text: Text) -> str:
    return text.render(gettext(text.message))


_rendered = lazy(_render, str)


#: Every sentence `cited` made, so that the citation check (tests/law/test_app_citations.py) reaches
#: the citations of the apps' sentences as it does law/'s own.
CITED: list[Text] = []


def cited(message: str, **citations: Basis | Citation) -> LazyStr:
    """`message` (marked with gettext_noop) in the page's language, each `%(key)s` placeholder the
    short form of its citation ("RPG art. 4 lid 2 sub a"): typed once, as data, out of translators' reach."""
    text = Text(message, tuple(citations.items()))
    CITED.append(text)
    return _rendered(text)


def law_text(text: Text | str) -> LazyStr:
    """A source string of law/'s registry (law/milestones.py) in the page's language: translated by
    the catalogue when it is shown, a sentence's citations filled in from their `Basis`."""
    return gettext_lazy(text) if isinstance(text, str) else _rendered(text)
