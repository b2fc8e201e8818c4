"""The rules engine's texts on a page: the language law/explain.py and law/assessment_text.py are
asked for, and the registry's source strings translated at the edge (law/ has no catalogue)."""

from django.utils.functional import Promise, lazy
from django.utils.translation import get_language, gettext, gettext_lazy

from openverzuim.law import Text


def engine_language() -> str:
    """"en" when the page is in English, else "nl" (Dutch, the default)."""
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _render(text: Text) -> str:
    return text.render(gettext(text.message))


_rendered = lazy(_render, str)


def law_text(text: Text | str) -> Promise:
    """A source string of law/'s registry (law/milestones.py) in the page's language: translated by
    the catalogue when it is shown, a sentence's citations filled in from their `Basis`."""
    return gettext_lazy(text) if isinstance(text, str) else _rendered(text)
